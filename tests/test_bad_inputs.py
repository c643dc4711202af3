"""Bad and odd files: each one gets a record, the unreadable ones an error that says why."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from badinputs import build, corpus_files

from pipeline.context import Context, Settings
from pipeline.orchestrator import process_inbox


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    expected = build(root / "inbox")
    summary = process_inbox(root / "inbox", root / "out", Context(Settings(workers=2)))
    with (root / "out" / "records.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["source_file"]: r for r in csv.DictReader(f)}
    return expected, rows, summary


def test_every_bad_input_gets_exactly_one_record(results) -> None:
    expected, rows, summary = results
    assert set(rows) == set(expected)
    assert summary.files == len(expected)


def test_unreadable_files_are_error_records_with_a_reason(results) -> None:
    expected, rows, _ = results
    for name, status in expected.items():
        row = rows[name]
        if status == "error":
            assert (row["status"], row["doc_type"], row["flags"]) == \
                ("error", "error", "unreadable_file"), name
            assert len(row["message"]) > 10, name
        else:
            assert row["status"] != "error", (name, row["message"])


def test_the_reasons_are_in_a_clerks_words(results) -> None:
    _, rows, _ = results
    assert "empty" in rows["zero_bytes.pdf"]["message"]
    assert "password" in rows["password.pdf"]["message"]
    assert "does not match the name .jpg" in rows["text_named.jpg"]["message"]
    assert "XFA form" in rows["xfa_blank.pdf"]["message"]
    assert "too large" in rows["huge_page.pdf"]["message"]
    assert "page 2" in rows["bad_second_page.tif"]["message"]
    assert "exceeds limit" in rows["bomb.png"]["message"]


def test_a_long_pdf_says_which_pages_were_not_read(results) -> None:
    _, rows, _ = results
    assert rows["many_pages.pdf"]["message"] == \
        "read the first 50 of 500 pages; the other 450 were not read"


def test_odd_but_real_images_are_read(results) -> None:
    _, rows, _ = results
    for name in ("cmyk.jpg", "sixteen_bit.png", "alpha.png", "empty_password.pdf"):
        assert rows[name]["doc_type"] == "termination_letter", name
        assert rows[name]["customer_number"], name


def test_the_corpus_files_are_in(results) -> None:
    expected, _, _ = results
    assert sum(name.startswith("corpus_") for name in expected) >= 2


# Files that broke a parser: the corpus, and what `make fuzz` found.
BREAKERS = sorted((Path(__file__).parent / "fuzz_findings").glob("*")) + corpus_files()


def test_files_that_broke_a_parser_now_get_a_clear_record(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in BREAKERS:
        shutil.copy(path, inbox / path.name)
    process_inbox(inbox, tmp_path / "out", Context(Settings(workers=2, doc_timeout=120)))
    with (tmp_path / "out" / "records.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(BREAKERS) >= 2
    for row in rows:
        for mark in ("the reading process died", "reading took longer", "mailroom failed"):
            assert not row["message"].startswith(mark), (row["source_file"], row["message"])
