"""The clerks' queue: flagged and unreadable records not yet decided, and claims.

Oldest first: by the letter's date (undated last), then by file name. Opening a
letter claims it for CLAIM_SECONDS, so that two clerks never work on the same
letter at once; a claim ends by itself, or when the letter is decided.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

CLAIM_SECONDS = 300.0
PAGE_SIZE = 50

# the latest decision of each record; a set-aside letter waits for a supervisor
_PENDING = """
WITH last AS (
    SELECT sha256, source_file, new_value AS decision, max(id) AS id FROM decisions
    WHERE kind = 'decide' GROUP BY sha256, source_file
)
SELECT d.id, d.record_key, d.source_file, d.sha256, d.doc_type, d.status, d.language,
       d.letter_date, d.customer_number, d.confidence, coalesce(last.decision, '') AS decision,
       c.who AS claimed_by, c.until AS claimed_until
FROM documents d
LEFT JOIN last ON last.sha256 = d.sha256 AND last.source_file = d.source_file
LEFT JOIN claims c ON c.record_key = d.record_key AND c.until > :now
WHERE d.status IN ('flagged', 'error')
  AND (last.decision IS NULL OR (:set_aside AND last.decision = 'set_aside'))
  AND (:flag = '' OR EXISTS (SELECT 1 FROM flags f WHERE f.document_id = d.id
                             AND f.code = :flag))
  AND (:doc_type = '' OR d.doc_type = :doc_type)
ORDER BY d.letter_date = '', d.letter_date, d.source_file
"""


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


def pending(db: sqlite3.Connection, filters: Filters, *, offset: int = 0,
            limit: int = PAGE_SIZE) -> tuple[list[Item], int]:
    """One page of the queue, and how many records the whole queue holds."""
    now = time.time()
    rows = db.execute(f"SELECT * FROM ({_PENDING}) LIMIT :limit OFFSET :offset",
                      {**filters.params(now), "limit": limit, "offset": offset}).fetchall()
    total = db.execute(f"SELECT count(*) FROM ({_PENDING})", filters.params(now)).fetchone()[0]
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


def counts(db: sqlite3.Connection, set_aside: bool = False) -> tuple[dict[str, int],
                                                                     dict[str, int]]:
    """How many records of the (unfiltered) queue carry each flag, and are of each type."""
    params = Filters(set_aside=set_aside).params(time.time())
    by_flag = {r[0]: r[1] for r in db.execute(
        f"SELECT f.code, count(*) FROM ({_PENDING}) q JOIN flags f ON f.document_id = q.id "
        "GROUP BY f.code ORDER BY count(*) DESC, f.code", params)}
    by_type = {r[0]: r[1] for r in db.execute(
        f"SELECT doc_type, count(*) FROM ({_PENDING}) GROUP BY doc_type ORDER BY doc_type",
        params)}
    return by_flag, by_type


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
    before = db.execute(
        f"SELECT record_key FROM ({_PENDING}) WHERE (letter_date = '', letter_date, "
        "source_file) < (:e, :d, :s) ORDER BY letter_date = '' DESC, letter_date DESC, "
        "source_file DESC LIMIT 1", {**params, "e": order[0], "d": order[1], "s": order[2]}
    ).fetchone()
    after = db.execute(
        f"SELECT record_key FROM ({_PENDING}) WHERE (letter_date = '', letter_date, "
        "source_file) > (:e, :d, :s) LIMIT 1",
        {**params, "e": order[0], "d": order[1], "s": order[2]}).fetchone()
    return (before[0] if before else ""), (after[0] if after else "")


def claim(db: sqlite3.Connection, key: str, who: str, *, force: bool = False) -> str:
    """Claims the record for ``who`` unless another holds a live claim; returns the holder.

    ``force`` (a supervisor reassigning) takes the claim whoever holds it.
    """
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT who, until FROM claims WHERE record_key = ?", (key,)).fetchone()
        if row is None or row["until"] <= now or row["who"] == who or force:
            db.execute("INSERT OR REPLACE INTO claims VALUES (?, ?, ?)",
                       (key, who, now + CLAIM_SECONDS))
            holder = who
        else:
            holder = row["who"]
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return holder


def holder(db: sqlite3.Connection, key: str) -> tuple[str, float]:
    """Who holds a live claim on the record, and until when ('' and 0 when nobody)."""
    row = db.execute("SELECT who, until FROM claims WHERE record_key = ? AND until > ?",
                     (key, time.time())).fetchone()
    return (row["who"], row["until"]) if row else ("", 0.0)


def release(db: sqlite3.Connection, key: str, who: str) -> None:
    db.execute("DELETE FROM claims WHERE record_key = ? AND who = ?", (key, who))
