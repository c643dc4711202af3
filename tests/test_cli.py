"""The command line, in-process, end to end through the real Tesseract and spaCy."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from badinputs import corpus_files
from click.testing import CliRunner
from helpers import layout_from_text

from pipeline.cli import main
from pipeline.context import Context, Settings
from pipeline.extract.people import holder
from pipeline.records import CONTRACT_COLUMNS

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """A small scanned inbox of every file type, processed once by the real pipeline."""
    root = tmp_path_factory.mktemp("e2e")
    runner = CliRunner()
    inbox, out = root / "inbox", root / "out"
    result = runner.invoke(main, ["samples", str(inbox), "--n", "16", "--seed", "31",
                                  "--difficulty", "scan"])
    assert result.exit_code == 0, result.output
    for bad in corpus_files():
        shutil.copy(bad, inbox / f"corpus_{bad.name}")
    result = runner.invoke(main, ["process", str(inbox), "--out", str(out), "--workers", "2",
                                  "--ignore", "truth.csv"])
    assert result.exit_code == 0, result.output
    return inbox, out, result.output


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name
        assert f"mailroom {name}" in readme, name


def test_a_missing_inbox_exits_4_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["process", str(tmp_path / "nowhere"), "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 4
    assert "not a readable folder" in result.output


def test_every_file_gets_exactly_one_record(processed) -> None:
    inbox, out, output = processed
    files = sorted(p.name for p in inbox.iterdir() if p.name != "truth.csv")
    with (out / "records.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == CONTRACT_COLUMNS
        rows = list(reader)
    assert sorted(r["source_file"] for r in rows) == files
    assert re.search(r"\d+ files: \d+ ok, \d+ flagged, \d+ errors in", output)
    db = sqlite3.connect(out / "mailroom.sqlite")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == len(files)


def test_files_that_broke_parsers_become_error_records(processed) -> None:
    _, out, _ = processed
    rows = {r["source_file"]: r for r in csv.DictReader((out / "records.csv").open())}
    corpus = [r for name, r in rows.items() if name.startswith("corpus_")]
    assert len(corpus) == 2
    for r in corpus:
        assert (r["status"], r["flags"], r["doc_type"]) == ("error", "unreadable_file", "error")
        assert r["message"]


def test_scanned_mail_is_read_accurately(processed) -> None:
    inbox, out, _ = processed
    result = CliRunner().invoke(main, ["eval", "--truth", str(inbox / "truth.csv"),
                                       "--pred", str(out / "records.csv"), "--json"])
    assert result.exit_code == 0
    score = json.loads(result.output)
    assert score["lost"] == 0 and score["false_ok"] == 0
    assert score["fields"]["doc_type"]["accuracy"] == 1.0
    assert score["fields"]["customer_number"]["accuracy"] >= 0.9
    assert score["status_accuracy"] >= 0.85


def test_the_report_names_each_flag_in_plain_words(processed) -> None:
    _, out, _ = processed
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Mailroom report" in page
    rows = list(csv.DictReader((out / "records.csv").open()))
    for r in rows:
        if r["status"] != "ok":
            assert r["source_file"] in page


def test_jsonl_keeps_the_evidence_of_each_field(processed) -> None:
    _, out, _ = processed
    records = [json.loads(line) for line in (out / "records.jsonl").open()]
    letters = [r for r in records if r["doc_type"] == "termination_letter"]
    assert letters
    evidence = [e for r in letters for e in r["evidence"] if e["name"] == "customer_number"]
    assert evidence and all(e["page"] >= 1 and e["confidence"] is not None for e in evidence)


def test_spacy_finds_the_holder_where_the_layout_does_not(lexicon) -> None:
    ctx = Context(Settings(workers=1))
    doc = layout_from_text("Expéditeur : Jean-Pierre Lefebvre, gérant\n"
                           "Objet : résiliation de ma ligne fixe\n")
    assert holder(doc, lexicon, None) is None
    found = holder(doc, lexicon, lambda: ctx.nlp)
    assert found is not None and found.value == "Jean-Pierre Lefebvre"


def test_the_inbox_covers_every_file_type(processed) -> None:
    inbox, out, _ = processed
    assert {p.suffix for p in inbox.iterdir()} >= {".pdf", ".jpg", ".png", ".tif"}
    engines = {json.loads(line)["engine"] for line in (out / "records.jsonl").open()}
    assert {"tesseract", "text_layer"} <= engines


def test_without_tesseract_the_run_stops_with_exit_3(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "inbox").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = CliRunner().invoke(main, ["process", str(tmp_path / "inbox"), "--out",
                                       str(tmp_path / "out"), "--ocr", "pytesseract"])
    assert result.exit_code == 3
    assert "Tesseract is not installed" in result.output and "apt-get install" in result.output


def test_the_same_letter_twice_is_a_duplicate_naming_the_first(tmp_path: Path) -> None:
    from mailgen import generate

    gens = generate(tmp_path / "gen", 12, seed=7, difficulty="clean")
    letter = next(g for g in gens if g.rendering == "born_digital"
                  and g.truth["doc_type"] == "termination_letter")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    source = tmp_path / "gen" / letter.truth["source_file"]
    shutil.copy(source, inbox / "a_first.pdf")
    shutil.copy(source, inbox / "b_again.pdf")
    result = CliRunner().invoke(main, ["process", str(inbox), "--out", str(tmp_path / "out"),
                                       "--workers", "1", "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    rows = {r["source_file"]: r for r in csv.DictReader((tmp_path / "out" / "records.csv").open())}
    assert "duplicate" not in rows["a_first.pdf"]["flags"]
    assert "duplicate" in rows["b_again.pdf"]["flags"].split(";")
    assert "a_first.pdf" in rows["b_again.pdf"]["message"]
