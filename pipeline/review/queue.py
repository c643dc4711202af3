"""The clerks' queue: flagged and unreadable records not yet decided, and claims.

Oldest first: by the letter's date (undated last), then by file name. Opening a
letter claims it for CLAIM_SECONDS, so that two clerks never work on the same
letter at once; a claim ends by itself, or when the letter is decided.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .tx import writing

CLAIM_SECONDS = 300.0
PAGE_SIZE = 25  # rows a page of the queue shows (a screenful)

# the latest decision of each record; a set-aside letter waits for a supervisor. The
# queue's order has its own index (documents_queue), so that a page of the queue reads
# only its own rows, whatever the size of the store.
_DECISION = """(SELECT x.new_value FROM decisions x WHERE x.sha256 = d.sha256 AND
    x.source_file = d.source_file AND x.kind = 'decide' ORDER BY x.id DESC LIMIT 1)"""
_WHERE = f"""
WHERE d.status IN ('flagged', 'error')
  AND (:set_aside OR {_DECISION} IS NULL)
  AND (NOT :set_aside OR coalesce({_DECISION}, 'set_aside') = 'set_aside')
  AND (:flag = '' OR EXISTS (SELECT 1 FROM flags f WHERE f.document_id = d.id
                             AND f.code = :flag))
  AND (:doc_type = '' OR d.doc_type = :doc_type)
"""
_ORDER = "ORDER BY d.letter_date = '', d.letter_date, d.source_file"
_COLUMNS = f"""
SELECT d.id, d.record_key, d.source_file, d.sha256, d.doc_type, d.status, d.language,
       d.letter_date, d.customer_number, d.confidence,
       coalesce({_DECISION}, '') AS decision, c.who AS claimed_by"""
_CLAIMS = "LEFT JOIN claims c ON c.record_key = d.record_key AND c.until > :now"
# Two ways to a page: down the queue's own index, checking each record's flags (cheap
# when the flag asked for is common or none is), or from the records carrying a rare
# flag, sorted (cheap when few do); RARE says where one costs less than the other.
_PENDING = f"{_COLUMNS} FROM documents d INDEXED BY documents_queue {_CLAIMS} {_WHERE} {_ORDER}"
_PENDING_RARE_FLAG = f"""{_COLUMNS} FROM documents d NOT INDEXED {_CLAIMS}
{_WHERE} AND d.id IN (SELECT document_id FROM flags WHERE code = :flag) {_ORDER}"""
RARE = 0.2  # a flag on less than this share of the queue is read from its own index
# Counting: the records of the queue's statuses, less those whose latest decision took
# them out of it (a handful beside 10,000 records: cheaper than a lookup per record).
_FILTERS = """
  AND (:flag = '' OR EXISTS (SELECT 1 FROM flags f WHERE f.document_id = d.id
                             AND f.code = :flag))
  AND (:doc_type = '' OR d.doc_type = :doc_type)
"""
_DECIDED = f"""
WITH last AS (SELECT sha256, source_file, new_value AS decision, max(id) AS id
              FROM decisions WHERE kind = 'decide' GROUP BY sha256, source_file)
SELECT d.id, d.doc_type FROM last JOIN documents d
  ON d.sha256 = last.sha256 AND d.source_file = last.source_file
WHERE d.status IN ('flagged', 'error') AND NOT (:set_aside AND last.decision = 'set_aside')
{_FILTERS}
"""
_ALL = f"SELECT d.id, d.doc_type FROM documents d WHERE d.status IN ('flagged', 'error') " \
    f"{_FILTERS}"
QUEUE_INDEXES = """
CREATE INDEX IF NOT EXISTS documents_queue ON documents(letter_date = '', letter_date,
    source_file) WHERE status IN ('flagged', 'error');
CREATE INDEX IF NOT EXISTS documents_status_type ON documents(status, doc_type);
CREATE INDEX IF NOT EXISTS flags_code ON flags(code, document_id);
"""
COUNTS_SECONDS = 2.0  # the queue's counts may lag this much behind the decisions


@dataclass(frozen=True)
class Filters:
    flag: str = ""
    doc_type: str = ""
    set_aside: bool = False  # include letters set aside (a supervisor's queue)

    def params(self, now: float) -> dict[str, object]:
        return {"now": now, "flag": self.flag, "doc_type": self.doc_type,
                "set_aside": int(self.set_aside)}


@dataclass(frozen=True)
class Item:
    key: str
    source_file: str
    doc_type: str
    status: str
    language: str
    letter_date: str
    customer_number: str
    confidence: float
    decision: str
    claimed_by: str
    flags: tuple[str, ...]


Counts = tuple[dict[str, int], dict[str, int]]


def pending(db: sqlite3.Connection, filters: Filters, *, offset: int = 0,
            limit: int = PAGE_SIZE, known: Counts | None = None) -> tuple[list[Item], int]:
    """One page of the queue, and how many records the whole queue holds.

    ``known``: the queue's counts (``counts``), when the caller has them; they give the
    total of a queue filtered on one thing or none without counting it again.
    """
    now = time.time()
    params = {**filters.params(now), "limit": limit, "offset": offset}
    total = _total(filters, known)
    if total is None:
        total = (db.execute(f"SELECT count(*) FROM ({_ALL})", params).fetchone()[0]
                 - db.execute(f"SELECT count(*) FROM ({_DECIDED})", params).fetchone()[0])
    rare = filters.flag and known is not None and \
        known[0].get(filters.flag, 0) < RARE * sum(known[1].values())
    sql = _PENDING_RARE_FLAG if rare else _PENDING
    rows = db.execute(f"{sql} LIMIT :limit OFFSET :offset", params).fetchall()
    flags: dict[int, list[str]] = {}
    if rows:
        marks = ",".join("?" * len(rows))
        for f in db.execute(f"SELECT document_id, code FROM flags WHERE document_id IN ({marks})"
                            " ORDER BY document_id, position", [r["id"] for r in rows]):
            flags.setdefault(f["document_id"], []).append(f["code"])
    items = [Item(r["record_key"], r["source_file"], r["doc_type"], r["status"], r["language"],
                  r["letter_date"], r["customer_number"], r["confidence"], r["decision"],
                  r["claimed_by"] or "", tuple(flags.get(r["id"], ()))) for r in rows]
    return items, total


def _total(filters: Filters, known: Counts | None) -> int | None:
    """The queue's size from its counts, when one count says it (else None)."""
    if known is None or (filters.flag and filters.doc_type):
        return None
    by_flag, by_type = known
    if filters.flag:
        return by_flag.get(filters.flag, 0)
    if filters.doc_type:
        return by_type.get(filters.doc_type, 0)
    return sum(by_type.values())


class CountsCache:
    """The queue's counts, counted again at most every COUNTS_SECONDS by one thread in
    the background, on its own connection: a page never waits for a count (a count
    reads every record of the queue, 10 to 20 ms for 10,000), it shows the latest one.
    Only the first pages of a process wait, for the first count.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._kept: dict[bool, tuple[float, Counts]] = {}
        self._counting: set[bool] = set()
        self._lock = threading.Lock()

    def get(self, set_aside: bool) -> Counts:
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(set_aside)
            if kept is not None and now - kept[0] >= COUNTS_SECONDS \
                    and set_aside not in self._counting:
                self._counting.add(set_aside)
                threading.Thread(target=self._count, args=(set_aside,), daemon=True,
                                 name="queue-counts").start()
        return self._count(set_aside) if kept is None else kept[1]

    def _count(self, set_aside: bool) -> Counts:
        started = time.monotonic()
        db = self._connect()
        try:
            fresh = counts(db, set_aside)
        finally:
            db.close()
            with self._lock:
                self._counting.discard(set_aside)
        with self._lock:
            kept = self._kept.get(set_aside)
            if kept is None or kept[0] <= started:
                self._kept[set_aside] = (started, fresh)
        return fresh


def counts(db: sqlite3.Connection, set_aside: bool = False) -> Counts:
    """How many records of the (unfiltered) queue carry each flag, and are of each type."""
    params = Filters(set_aside=set_aside).params(time.time())

    def tally(sql: str) -> Counter[str]:
        return Counter({r[0]: r[1] for r in db.execute(sql, params)})

    by_flag = (tally("SELECT f.code, count(*) FROM flags f JOIN documents d ON d.id = "
                     "f.document_id WHERE d.status IN ('flagged', 'error') GROUP BY f.code")
               - tally(f"SELECT f.code, count(*) FROM ({_DECIDED}) q JOIN flags f ON "
                       "f.document_id = q.id GROUP BY f.code"))
    by_type = (tally(f"SELECT doc_type, count(*) FROM ({_ALL}) GROUP BY doc_type")
               - tally(f"SELECT doc_type, count(*) FROM ({_DECIDED}) GROUP BY doc_type"))
    return (dict(sorted(by_flag.items(), key=lambda kv: (-kv[1], kv[0]))),
            dict(sorted(by_type.items())))


def neighbours(db: sqlite3.Connection, key: str, filters: Filters) -> tuple[str, str]:
    """The records before and after this one in the queue ('' at either end).

    A record no longer in the queue (just decided) has as next the first record that
    comes after it in queue order, so that a clerk goes straight on.
    """
    params = filters.params(time.time())
    row = db.execute("SELECT letter_date, source_file FROM documents WHERE record_key = ?",
                     (key,)).fetchone()
    if row is None:
        return "", ""
    order = (row["letter_date"] == "", row["letter_date"], row["source_file"])
    where = {**params, "e": order[0], "d": order[1], "s": order[2]}
    before = db.execute(
        "SELECT d.record_key FROM documents d INDEXED BY documents_queue "
        f"{_WHERE} AND (d.letter_date = '', "
        "d.letter_date, d.source_file) < (:e, :d, :s) ORDER BY d.letter_date = '' DESC, "
        "d.letter_date DESC, d.source_file DESC LIMIT 1", where).fetchone()
    after = db.execute(
        "SELECT d.record_key FROM documents d INDEXED BY documents_queue "
        f"{_WHERE} AND (d.letter_date = '', "
        f"d.letter_date, d.source_file) > (:e, :d, :s) {_ORDER} LIMIT 1", where).fetchone()
    return (before[0] if before else ""), (after[0] if after else "")


def claim(db: sqlite3.Connection, key: str, who: str, *, force: bool = False) -> str:
    """Claims the record for ``who`` unless another holds a live claim; returns the holder.

    ``force`` (a supervisor reassigning) takes the claim whoever holds it.
    """
    now = time.time()
    row = db.execute("SELECT who, until FROM claims WHERE record_key = ?", (key,)).fetchone()
    if row is not None and row["who"] == who and row["until"] - now > CLAIM_SECONDS / 2:
        return who  # held, and for long enough: no write (opening a letter stays a read)
    with writing(db):
        row = db.execute("SELECT who, until FROM claims WHERE record_key = ?", (key,)).fetchone()
        if row is None or row["until"] <= now or row["who"] == who or force:
            db.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?)",
                       (key, who, now + CLAIM_SECONDS))
            return who
        return str(row["who"])


def holder(db: sqlite3.Connection, key: str) -> tuple[str, float]:
    """Who holds a live claim on the record, and until when ('' and 0 when nobody)."""
    row = db.execute("SELECT who, until FROM claims WHERE record_key = ? AND until > ?",
                     (key, time.time())).fetchone()
    return (row["who"], row["until"]) if row else ("", 0.0)


def release(db: sqlite3.Connection, key: str, who: str) -> None:
    with writing(db):
        db.execute("DELETE FROM claims WHERE record_key = ? AND who = ?", (key, who))
