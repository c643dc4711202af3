"""The review station's queue on a store of 300 records written straight into SQLite:
its order, its filters read either way (down the queue's index, or from a rare
flag's), its counts and their cache."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from pipeline.review import queue
from pipeline.review.db import connect, prepare
from pipeline.review.decisions import Change, save
from pipeline.store import record_key

COMMON, SOME, RARE = "missing_signature", "missing_contract_number", "not_holder"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review-queue") / "mailroom.sqlite"
    prepare(path)
    db = connect(path)
    pick = random.Random(7)
    with db:
        for n in range(300):
            name = f"letter_{n:03d}.pdf"
            status = "error" if n % 50 == 0 else "flagged" if n % 10 else "ok"
            doc_type = "error" if status == "error" else pick.choice(
                ["termination_letter", "termination_letter", "invoice", "other"])
            date = "" if n % 17 == 0 else f"20{10 + n % 13:02d}-{1 + n % 12:02d}-01"
            cur = db.execute(
                "INSERT INTO documents (source_file, sha256, doc_type, status, letter_date, "
                "record_key) VALUES (?, ?, ?, ?, ?, ?)",
                (name, f"{n:064x}", doc_type, status, date, record_key(f"{n:064x}", name)))
            codes = [COMMON] + ([SOME] if n % 4 == 0 else []) + ([RARE] if n % 37 == 0 else [])
            for position, code in enumerate(codes if status != "ok" else []):
                db.execute("INSERT INTO flags VALUES (?, ?, ?, ?)",
                           (cur.lastrowid, position, code, ""))
    # some decided: accepted (out of every queue), set aside (the supervisor's only)
    for n, verdict in ((1, "accept"), (74, "set_aside"), (111, "accept"), (148, "set_aside")):
        save(db, f"{n:064x}", f"letter_{n:03d}.pdf", "alice", 0,
             [Change("decide", "status", verdict)])
    db.close()
    return path


def expected(db: sqlite3.Connection, filters: queue.Filters) -> list[str]:
    """The queue as a person would list it: every record, one by one, in Python."""
    rows = []
    for d in db.execute("SELECT * FROM documents"):
        last = db.execute("SELECT new_value FROM decisions WHERE source_file = ? AND kind = "
                          "'decide' ORDER BY id DESC LIMIT 1", (d["source_file"],)).fetchone()
        decision = last[0] if last else ""
        codes = {r[0] for r in db.execute("SELECT code FROM flags WHERE document_id = ?",
                                          (d["id"],))}
        if d["status"] not in ("flagged", "error") or decision not in (
                ("", "set_aside") if filters.set_aside else ("",)):
            continue
        if (filters.flag and filters.flag not in codes) or \
                (filters.doc_type and d["doc_type"] != filters.doc_type):
            continue
        rows.append((d["letter_date"] == "", d["letter_date"], d["source_file"]))
    return [name for *_, name in sorted(rows)]


FILTERS = [queue.Filters(), queue.Filters(flag=COMMON), queue.Filters(flag=SOME),
           queue.Filters(flag=RARE), queue.Filters(doc_type="invoice"),
           queue.Filters(flag=RARE, doc_type="termination_letter"),
           queue.Filters(flag=RARE, set_aside=True), queue.Filters(set_aside=True)]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_every_page_of_the_queue_is_in_order_whichever_way_it_is_read(store, filters) -> None:
    db = connect(store)
    want = expected(db, filters)
    assert want  # each filter keeps some records, so that the pages say something
    known = queue.counts(db, filters.set_aside)
    for counts in (known, None):  # a rare flag read from its index, and down the queue
        got, totals = [], set()
        for page in range(40):
            items, total = queue.pending(db, filters, offset=page * 10, limit=10, known=counts)
            got += [i.source_file for i in items]
            totals.add(total)
        assert got == want
        assert totals == {len(want)}


def test_a_rare_flag_is_read_from_its_own_index(store) -> None:
    db = connect(store)
    by_flag, by_type = queue.counts(db)
    assert by_flag[RARE] < queue.RARE * sum(by_type.values()) <= by_flag[SOME]
    plan = " ".join(r[3] for r in db.execute(
        f"EXPLAIN QUERY PLAN {queue._PENDING_RARE_FLAG}",
        queue.Filters(flag=RARE).params(0)))
    assert "flags_code" in plan and "documents_queue" not in plan


def test_the_counts_are_those_of_the_records(store) -> None:
    db = connect(store)
    for set_aside in (False, True):
        by_flag, by_type = queue.counts(db, set_aside)
        for code, n in by_flag.items():
            assert n == len(expected(db, queue.Filters(flag=code, set_aside=set_aside)))
        for doc_type, n in by_type.items():
            assert n == len(expected(db, queue.Filters(doc_type=doc_type,
                                                       set_aside=set_aside)))
        assert set(by_flag) == {COMMON, SOME, RARE}
        assert sum(by_type.values()) == len(expected(db, queue.Filters(set_aside=set_aside)))


def test_a_page_shows_the_last_counts_while_new_ones_are_counted(store, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()
    counted = []

    def slow_connect() -> sqlite3.Connection:
        counted.append(1)
        if len(counted) > 1:  # every count after the first waits until the test says
            started.set()
            release.wait(30)
        return connect(store)

    cache = queue.CountsCache(slow_connect)
    first = cache.get(False)  # the first page of a process waits for the first count
    db = connect(store)
    save(db, f"{2:064x}", "letter_002.pdf", "carol", 0, [Change("decide", "status", "accept")])
    monkeypatch.setattr(queue, "COUNTS_SECONDS", 0.0)
    assert cache.get(False) == first  # the count is under way: the last one is shown
    assert started.wait(30)
    assert cache.get(False) == first and len(counted) == 2  # one count at a time
    release.set()
    deadline = time.monotonic() + 30
    while cache.get(False) == first and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get(False) == queue.counts(db)
    assert sum(cache.get(False)[1].values()) == sum(first[1].values()) - 1
