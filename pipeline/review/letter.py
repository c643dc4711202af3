"""One record as the station shows it: values, evidence boxes, flags and decisions."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ..store import Store
from . import decisions
from .crmside import CrmSide, crm_side
from .decisions import CORRECTABLE, Outcome


@dataclass(frozen=True)
class Evidence:
    """Where a field's value was read: page, box in fractions of the upright page."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float | None
    text: str


@dataclass(frozen=True)
class Field:
    name: str
    machine: str  # what mailroom read
    value: str  # what the CRM gets (a clerk's correction, else the machine's)
    evidence: Evidence | None


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    verdict: str  # '', confirmed, dismissed


@dataclass(frozen=True)
class Letter:
    key: str
    source_file: str
    sha256: str
    doc_type: str
    language: str
    status: str
    message: str
    pages: int
    page_turns: tuple[int, ...]
    fields: tuple[Field, ...]
    flags: tuple[Flag, ...]
    outcome: Outcome
    crm: CrmSide | None = None  # what the CRM holds of it, when checked against one

    @property
    def version(self) -> int:
        return self.outcome.version

    def value(self, name: str) -> str:
        for f in self.fields:
            if f.name == name:
                return f.value
        return ""

    def machine_values(self) -> dict[str, str]:
        """Each field as mailroom read it (what the flags were raised on)."""
        return {f.name: f.machine for f in self.fields}

    def open_flags(self) -> tuple[str, ...]:
        """The flags not dismissed by a clerk: what a reply has to answer."""
        return tuple(f.code for f in self.flags if f.verdict != "dismissed")


def is_key(key: str) -> bool:
    return len(key) == 24 and all(c in "0123456789abcdef" for c in key)


def load(db: sqlite3.Connection, key: str) -> Letter | None:
    """The record with this key, or None (an unknown key, or anything else)."""
    if not is_key(key):
        return None
    doc = db.execute("SELECT * FROM documents WHERE record_key = ?", (key,)).fetchone()
    if doc is None:
        return None
    outcome = decisions.load(db, doc["sha256"], doc["source_file"])
    evidence: dict[str, Evidence] = {}
    for r in db.execute("SELECT * FROM fields WHERE document_id = ?", (doc["id"],)):
        if r["page"] is not None and r["x0"] is not None:
            evidence[r["name"]] = Evidence(r["page"], r["x0"], r["y0"], r["x1"], r["y1"],
                                           r["confidence"], r["source_text"] or "")
    fields = []
    for name in CORRECTABLE:
        machine = doc[name] if name in doc.keys() else ""
        fields.append(Field(name, machine, outcome.values.get(name, machine),
                            evidence.get(name)))
    flags = tuple(decisions_flag(r, outcome) for r in db.execute(
        "SELECT code, message FROM flags WHERE document_id = ? ORDER BY position",
        (doc["id"],)))
    analysis = db.execute("SELECT data FROM analyses WHERE source_file = ? AND sha256 = ?",
                          (doc["source_file"], doc["sha256"])).fetchone()
    turns: tuple[int, ...] = ()
    if analysis is not None:
        turns = tuple(int(t) for t in json.loads(analysis["data"]).get("page_turns", ()))
    return Letter(key, doc["source_file"], doc["sha256"], outcome.values.get(
        "doc_type", doc["doc_type"]), outcome.values.get("language", doc["language"]),
        doc["status"], doc["message"], doc["pages"], turns, tuple(fields), flags, outcome,
        crm_side(Store.crm_of(doc)))


def decisions_flag(row: sqlite3.Row, outcome: Outcome) -> Flag:
    return Flag(row["code"], row["message"], outcome.flags.get(row["code"], ""))

