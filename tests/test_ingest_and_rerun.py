"""Every inbox entry gets a record; a re-run reads only what changed; the CSV is inert."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mailgen import generate

from pipeline.context import Context, Settings
from pipeline.export import FORMULA_STARTS, guard, unguard, write_csv
from pipeline.orchestrator import process_inbox
from pipeline.records import Finding, Record
from pipeline.store import Store


@pytest.fixture(scope="module")
def born_digital(tmp_path_factory) -> list[Path]:
    """A few born-digital files (fast to read: no OCR)."""
    folder = tmp_path_factory.mktemp("gen")
    gens = generate(folder, 30, seed=17, difficulty="clean")
    return [folder / g.truth["source_file"] for g in gens if g.rendering == "born_digital"]


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "records.csv").open(encoding="utf-8", newline="") as f:
        return {r["source_file"]: r for r in csv.DictReader(f)}


def test_links_fifos_and_odd_names_each_get_a_record(tmp_path: Path, born_digital) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub dir").mkdir(parents=True)
    odd = "lettre d'Élodie \"urgent\"\nscan.pdf"
    shutil.copy(born_digital[0], inbox / "sub dir" / odd)
    outside = tmp_path / "outside.pdf"
    shutil.copy(born_digital[1], outside)
    os.symlink(outside, inbox / "link.pdf")
    os.symlink(tmp_path, inbox / "link-to-folder")
    os.mkfifo(inbox / "pipe.pdf")
    summary = process_inbox(inbox, tmp_path / "out", Context(Settings(workers=1)))
    rows = _rows(tmp_path / "out")
    assert set(rows) == {f"sub dir/{odd}", "link.pdf", "link-to-folder", "pipe.pdf"}
    assert rows[f"sub dir/{odd}"]["status"] != "error"
    for name in ("link.pdf", "link-to-folder", "pipe.pdf"):
        assert rows[name]["status"] == "error" and rows[name]["flags"] == "unreadable_file"
    assert "symbolic link" in rows["link.pdf"]["message"]
    assert "FIFO" in rows["pipe.pdf"]["message"]
    assert summary.files == 4 and summary.errors == 3


def test_a_second_run_reads_nothing_and_writes_the_same_exports(tmp_path: Path,
                                                               born_digital) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for path in born_digital[:3]:
        shutil.copy(path, inbox / path.name)
    ctx = Context(Settings(workers=1))
    first = process_inbox(inbox, out, ctx)
    exports = {n: (out / n).read_bytes() for n in ("records.csv", "records.jsonl")}
    second = process_inbox(inbox, out, ctx)
    assert first.reused == 0 and second.reused == 3
    assert {n: (out / n).read_bytes() for n in exports} == exports
    # a changed file is read again
    shutil.copy(born_digital[3], inbox / born_digital[0].name)
    third = process_inbox(inbox, out, ctx)
    assert third.reused == 2


HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "\tJean", "-2+3",
           "\rx", "'=already quoted"]


def test_hostile_values_are_not_formulas_in_the_crm_csv(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    for i, value in enumerate(HOSTILE):
        store.save(Record(f"=f{i}.pdf", "0" * 64, "invoice", "fr",
                          {"holder_name": value, "customer_number": "482915306"},
                          (Finding("duplicate", value),), "flagged"))
    write_csv(store, tmp_path / "records.csv")
    with (tmp_path / "records.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS)
    assert sorted(unguard(r["holder_name"]) for r in rows) == sorted(HOSTILE)
    assert rows[0]["customer_number"] == "482915306"  # ordinary values are untouched


@given(st.text())
def test_the_csv_guard_is_reversible(value: str) -> None:
    guarded = guard(value)
    assert unguard(guarded) == value
    assert not guarded.startswith(FORMULA_STARTS)


def test_originals_are_never_modified_or_moved(tmp_path: Path, born_digital) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in born_digital[:2]:
        shutil.copy2(path, inbox / path.name)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in inbox.iterdir()}
    process_inbox(inbox, tmp_path / "out", Context(Settings(workers=1)))
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in inbox.iterdir()}
    assert after == before


def test_script_in_a_letter_is_escaped_in_the_report(tmp_path: Path) -> None:
    from pipeline.report import render

    store = Store(tmp_path / "s.sqlite")
    store.save(Record('<img src=x onerror="alert(1)">.pdf', "0" * 64, "termination_letter",
                      "fr", {"holder_name": "<script>alert('x')</script>"},
                      (Finding("not_holder", "Signed by <script>evil()</script>"),), "flagged"))
    page = render(store)
    assert "<script>" not in page and "<img src=x" not in page
    assert "Signed by &lt;script&gt;evil()&lt;/script&gt;" in page


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                               blacklist_characters="\x00"), max_size=40),
                min_size=1, max_size=5))
def test_the_crm_csv_round_trip_keeps_every_value(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "s.sqlite")
        for i, value in enumerate(values):
            store.save(Record(f"{i:03d} {value}", "0" * 64, "invoice", "fr",
                              {"holder_name": value, "contract_number": value}, (), "ok"))
        write_csv(store, Path(tmp) / "records.csv")
        store.close()
        with (Path(tmp) / "records.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    assert [unguard(r["holder_name"]) for r in rows] == values
    assert [unguard(r["source_file"]) for r in rows] == [f"{i:03d} {v}"
                                                         for i, v in enumerate(values)]
