"""The clerks' decisions: an append-only table, and what it makes of each record.

Every save appends rows (who, when, field, machine value, new value, reason) with
the record's next version; nothing is ever updated or deleted. The latest row for a
field, a flag or the decision wins. ``mailroom process`` rewrites ``documents`` but
never this table, and rows are keyed by the file's SHA-256 and name: a file read
again with the same bytes keeps its decisions.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..records import FIELD_NAMES
from .tx import writing

# what a clerk may correct: the contract's fields, plus the type and the language
CORRECTABLE: tuple[str, ...] = ("doc_type", "language", *FIELD_NAMES)
DECISIONS = ("accept", "reject", "set_aside")
FLAG_STATES = ("confirmed", "dismissed")
# the status the CRM gets once a clerk has decided: the contract's three values only
# (docs/rules.md); a rejected letter still needs an answer, so it stays flagged, and
# records.jsonl says what was decided
DECIDED_STATUS = {"accept": "ok", "reject": "flagged", "set_aside": "flagged"}
MAX_VALUE = 2000  # characters kept of a typed value
MAX_REPLY = 20000


class StaleSave(Exception):
    """The record changed since the clerk's page was made: the save is refused."""

    def __init__(self, seen: int, current: int) -> None:
        super().__init__(f"version {seen} was seen, the record is now at version {current}")
        self.seen = seen
        self.current = current


@dataclass(frozen=True)
class Change:
    """One thing a clerk did: a correction, a flag's verdict, a decision or a reply."""

    kind: str  # correct | flag | decide | reply | assign
    field: str = ""  # the field corrected, or the flag's code
    new_value: str = ""
    machine_value: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Row:
    version: int
    who: str
    at: str
    change: Change


@dataclass(frozen=True)
class Outcome:
    """What the clerks made of one record so far (the latest row of each kind wins)."""

    version: int = 0
    values: dict[str, str] = field(default_factory=dict)  # corrected values only
    machine: dict[str, str] = field(default_factory=dict)  # before correction
    flags: dict[str, str] = field(default_factory=dict)  # code -> confirmed | dismissed
    decision: str = ""
    decided_by: str = ""
    decided_at: str = ""
    reply: str = ""
    history: tuple[Row, ...] = ()

    def status_and_flags(self, status: str, flags: list[str]) -> tuple[str, list[str]]:
        """The record's status and flags for the CRM once clerks have been at it."""
        kept = [f for f in flags if self.flags.get(f) != "dismissed"]
        if not self.decision:
            return status, kept
        if self.decision == "accept":
            return "ok", []
        return DECIDED_STATUS[self.decision], kept

    def as_dict(self) -> dict[str, Any]:
        """For records.jsonl: both values of each correction and who decided."""
        return {
            "version": self.version,
            "decision": self.decision,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
            "corrections": {name: {"machine": self.machine.get(name, ""), "value": value}
                            for name, value in self.values.items()},
            "flags": self.flags,
            "history": [{"version": r.version, "who": r.who, "at": r.at,
                         "kind": r.change.kind, "field": r.change.field,
                         "machine_value": r.change.machine_value,
                         "new_value": r.change.new_value, "reason": r.change.reason}
                        for r in self.history],
        }


def fold(rows: Iterable[Row]) -> Outcome:
    """The outcome of a record's rows, oldest first."""
    history = tuple(rows)
    values: dict[str, str] = {}
    machine: dict[str, str] = {}
    flags: dict[str, str] = {}
    decision = decided_by = decided_at = reply = ""
    for r in history:
        c = r.change
        if c.kind == "correct":
            values[c.field] = c.new_value
            machine.setdefault(c.field, c.machine_value)
        elif c.kind == "flag":
            flags[c.field] = c.new_value
        elif c.kind == "decide":
            decision, decided_by, decided_at = c.new_value, r.who, r.at
        elif c.kind == "reply":
            reply = c.new_value
    # a correction back to the machine's value is no correction
    values = {k: v for k, v in values.items() if v != machine.get(k)}
    return Outcome(max((r.version for r in history), default=0), values,
                   {k: machine[k] for k in values}, flags, decision, decided_by, decided_at,
                   reply, history)


def _row(r: sqlite3.Row) -> Row:
    return Row(r["version"], r["who"], r["at"],
               Change(r["kind"], r["field"], r["new_value"], r["machine_value"], r["reason"]))


def load(db: sqlite3.Connection, sha256: str, source_file: str) -> Outcome:
    rows = db.execute("SELECT * FROM decisions WHERE sha256 = ? AND source_file = ? "
                      "ORDER BY id", (sha256, source_file)).fetchall()
    return fold(_row(r) for r in rows)


def load_all(db: sqlite3.Connection) -> dict[tuple[str, str], Outcome]:
    """Every record's outcome, by (sha256, source_file)."""
    grouped: dict[tuple[str, str], list[Row]] = {}
    try:
        rows = db.execute("SELECT * FROM decisions ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # a store from before the review station
        return {}
    for r in rows:
        grouped.setdefault((r["sha256"], r["source_file"]), []).append(_row(r))
    return {k: fold(v) for k, v in grouped.items()}


def check(change: Change) -> Change:
    """The change as it may be stored; a ValueError says what is wrong with it."""
    limit = MAX_REPLY if change.kind == "reply" else MAX_VALUE
    if change.kind == "correct" and change.field not in CORRECTABLE:
        raise ValueError(f"{change.field} cannot be corrected")
    if change.kind == "flag" and change.new_value not in FLAG_STATES:
        raise ValueError(f"a flag is {' or '.join(FLAG_STATES)}")
    if change.kind == "decide" and change.new_value not in DECISIONS:
        raise ValueError(f"a decision is one of {', '.join(DECISIONS)}")
    if len(change.new_value) > limit or len(change.reason) > MAX_VALUE:
        raise ValueError(f"a value has at most {limit} characters")
    return change


def save(db: sqlite3.Connection, sha256: str, source_file: str, who: str, seen: int,
         changes: list[Change]) -> int:
    """Appends the changes as the record's next version, and returns that version.

    Refused with StaleSave when the record is no longer at the version ``seen``
    (someone else saved since): nothing is written then.
    """
    checked = [check(c) for c in changes]
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with writing(db):  # the version read and the rows written, as one
        current = db.execute("SELECT coalesce(max(version), 0) FROM decisions "
                             "WHERE sha256 = ? AND source_file = ?",
                             (sha256, source_file)).fetchone()[0]
        if current != seen:
            raise StaleSave(seen, current)
        version = current + 1
        db.executemany(
            "INSERT INTO decisions (sha256, source_file, version, who, at, kind, field, "
            "machine_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sha256, source_file, version, who, at, c.kind, c.field, c.machine_value,
              c.new_value, c.reason) for c in checked])
    return version
