"""`mailroom process --crm` end to end on a few generated files, through real OCR."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """Eight clean files and their crm.csv, one letter's contract terminated in it."""
    root = tmp_path_factory.mktemp("crm_e2e")
    inbox, out = root / "inbox", root / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["samples", str(inbox), "--n", "8", "--seed", "3",
                                  "--difficulty", "clean"])
    assert result.exit_code == 0, result.output
    extract = _rows(inbox / "crm.csv", ";")
    letters = [r for r in _rows(inbox / "truth-crm.csv")
               if r["doc_type"] == "termination_letter" and r["status"] == "ok"]
    assert letters, "the seed must give a sound letter"
    ended = letters[0]
    for row in extract:
        if row["N° contrat"] == ended["contract_number"]:
            row["Statut"] = "résilié"
    with (inbox / "crm.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(extract[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(extract)
    result = runner.invoke(main, ["process", str(inbox), "--out", str(out), "--workers", "2",
                                  "--ignore", "truth*.csv", "--crm", str(inbox / "crm.csv")])
    assert result.exit_code == 0, result.output
    return inbox, out, ended["source_file"]


def test_the_extract_in_the_inbox_is_not_read_as_mail(processed) -> None:
    inbox, out, _ = processed
    names = {r["source_file"] for r in _rows(out / "records.csv")}
    assert names == {p.name for p in inbox.iterdir() if not p.name.endswith(".csv")}


def test_each_letter_is_checked_against_the_crm(processed) -> None:
    _, out, ended = processed
    rows = {r["source_file"]: r for r in _rows(out / "records.csv")}
    assert "already_terminated" in rows[ended]["flags"].split(";")
    lines = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    letters = [d for d in lines if d["doc_type"] == "termination_letter"
               and len(d["customer_number"]) == 9]
    assert letters and all(d["crm"] is not None for d in letters)
    assert all(d["crm"] is None for d in lines if d["doc_type"] != "termination_letter")
    crm = next(d["crm"] for d in lines if d["source_file"] == ended)
    assert crm["contract"]["state"] == "terminated"


def test_the_run_scores_against_the_truth_with_the_crm(processed) -> None:
    inbox, out, ended = processed
    truth = _rows(inbox / "truth-crm.csv")
    for row in truth:  # the extract was changed above: so is the truth
        if row["source_file"] == ended:
            row["flags"], row["status"] = "already_terminated", "flagged"
    path = out / "truth.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(truth[0]))
        writer.writeheader()
        writer.writerows(truth)
    result = CliRunner().invoke(main, ["eval", "--truth", str(path), "--pred",
                                       str(out / "records.csv"), "--json"])
    score = json.loads(result.output)
    assert score["lost"] == 0 and score["false_ok"] == 0 and score["extra"] == 0
    assert score["flags"]["already_terminated"]["recall"] == 1.0
    assert score["status_accuracy"] >= 0.85


def test_a_broken_extract_stops_the_run_before_any_file_is_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "letter.pdf").write_bytes(b"%PDF-1.4 not really")
    extract = tmp_path / "crm.csv"
    extract.write_text("client;contrat\n123456789;A-1\n12345;A-2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["process", str(inbox), "--out", str(tmp_path / "out"),
                                       "--crm", str(extract)])
    assert result.exit_code == 5
    assert "line 3" in result.output and "9 digits" in result.output
    assert not (tmp_path / "out").exists()


def test_a_wrong_crm_columns_is_refused_before_any_file_is_read(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    extract = tmp_path / "crm.csv"
    extract.write_text("Ref cli;Ref abo\n012345678;A-1\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["process", str(inbox), "--out", str(tmp_path / "out"),
                                  "--crm", str(extract), "--crm-columns", "client=Ref cli"])
    assert result.exit_code == 5 and "FIELD=COLUMN" in result.output
    result = runner.invoke(main, ["process", str(inbox), "--out", str(tmp_path / "out"),
                                  "--crm", str(extract)])
    assert result.exit_code == 5 and "line 1: no column for customer_number" in result.output
    assert not (tmp_path / "out").exists()
