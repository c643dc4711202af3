"""The SQLite store: documents, fields with their evidence, and flags.

Every export is written from here, never from the in-memory records, so what the
CRM gets is what the store holds.  One transaction per document.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from .codec import analysis_from_json, analysis_to_json
from .records import FIELD_NAMES, Analysis, Finding, Record

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    source_file TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    {", ".join(f"{name} TEXT NOT NULL DEFAULT ''" for name in FIELD_NAMES)},
    status TEXT NOT NULL,
    confidence REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    pages INTEGER NOT NULL DEFAULT 0,
    engine TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL DEFAULT 0,
    record_key TEXT NOT NULL DEFAULT '',
    crm TEXT NOT NULL DEFAULT ''  -- what the CRM says of a letter (JSON), when given one
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS fields (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    page INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    confidence REAL,
    source_text TEXT
);
CREATE TABLE IF NOT EXISTS analyses (
    source_file TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS flags (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL
);
-- a record's flags and fields are read one record at a time (exports, review station)
CREATE INDEX IF NOT EXISTS flags_doc ON flags(document_id);
CREATE INDEX IF NOT EXISTS fields_doc ON fields(document_id);
-- What clerks decided (pipeline/review): append-only, never rewritten by `process`.
-- Keyed by the file's bytes and name, so a file read again with the same bytes keeps
-- its decisions, and a changed file starts afresh.
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    source_file TEXT NOT NULL,
    version INTEGER NOT NULL,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    machine_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decisions_file ON decisions(sha256, source_file);
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def record_key(sha256: str, source_file: str) -> str:
    """A record's id in links and in the review station: the same bytes under the same
    name keep it across runs; nothing in it is a path."""
    return hashlib.sha256(f"{sha256}\0{source_file}".encode()).hexdigest()[:24]


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self._add_new_columns()

    def _add_new_columns(self) -> None:
        """A store written by an older mailroom gets the contract's newer columns."""
        have = {row["name"] for row in self.db.execute("PRAGMA table_info(documents)")}
        with self.db:
            for name in FIELD_NAMES:
                if name not in have:
                    self.db.execute(f"ALTER TABLE documents ADD COLUMN {name} "
                                    "TEXT NOT NULL DEFAULT ''")
            if "record_key" not in have:
                self.db.execute("ALTER TABLE documents ADD COLUMN record_key "
                                "TEXT NOT NULL DEFAULT ''")
                for row in self.db.execute("SELECT id, sha256, source_file FROM documents"
                                           ).fetchall():
                    self.db.execute("UPDATE documents SET record_key = ? WHERE id = ?",
                                    (record_key(row["sha256"], row["source_file"]), row["id"]))
            if "crm" not in have:
                self.db.execute("ALTER TABLE documents ADD COLUMN crm TEXT NOT NULL DEFAULT ''")
            self.db.execute("CREATE INDEX IF NOT EXISTS documents_key ON documents(record_key)")

    def close(self) -> None:
        self.db.close()

    def save(self, record: Record) -> None:
        """Writes one document, its fields and flags, in one transaction."""
        with self.db:
            self.db.execute("DELETE FROM documents WHERE source_file = ?", (record.source_file,))
            columns = ["source_file", "sha256", "doc_type", "language", *FIELD_NAMES, "status",
                       "confidence", "message", "pages", "engine", "seconds", "record_key", "crm"]
            values = [record.source_file, record.sha256, record.doc_type, record.language,
                      *(record.values.get(n, "") for n in FIELD_NAMES), record.status,
                      record.confidence, record.message, record.pages, record.engine,
                      record.seconds, record_key(record.sha256, record.source_file),
                      json.dumps(record.crm, ensure_ascii=False) if record.crm else ""]
            cur = self.db.execute(
                f"INSERT INTO documents ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})", values)
            doc_id = cur.lastrowid
            for f in record.evidence:
                ev = f.evidence
                box = ev.box if ev else None
                self.db.execute(
                    "INSERT INTO fields VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, f.name, f.value, ev.page if ev else None,
                     box.x0 if box else None, box.y0 if box else None,
                     box.x1 if box else None, box.y1 if box else None,
                     ev.confidence if ev else None, ev.text if ev else None))
            for i, finding in enumerate(record.findings):
                self.db.execute("INSERT INTO flags VALUES (?, ?, ?, ?)",
                                (doc_id, i, finding.code, finding.message))

    def documents(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM documents ORDER BY source_file").fetchall()

    def flags_of(self, doc_id: int) -> list[Finding]:
        rows = self.db.execute("SELECT code, message FROM flags WHERE document_id = ? "
                               "ORDER BY position", (doc_id,)).fetchall()
        return [Finding(r["code"], r["message"]) for r in rows]

    def fields_of(self, doc_id: int) -> list[dict]:
        rows = self.db.execute("SELECT name, value, page, x0, y0, x1, y1, confidence, "
                               "source_text FROM fields WHERE document_id = ?",
                               (doc_id,)).fetchall()
        return [dict(r) for r in rows]

    def remember(self, name: str, value: str) -> None:
        """Keeps one fact about the store (the inbox its files came from)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def recall(self, name: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row["value"] if row else ""

    def known(self, source_file: str, sha256: str) -> bool:
        """True when this file, with these bytes, has already been read."""
        row = self.db.execute("SELECT 1 FROM analyses WHERE source_file = ? AND sha256 = ?",
                              (source_file, sha256)).fetchone()
        return row is not None

    def save_analysis(self, a: Analysis) -> None:
        """What reading one file gave, kept at once (one transaction)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                            (a.source_file, a.sha256, analysis_to_json(a)))

    def analyses(self, sources: list[str]) -> list[Analysis]:
        wanted = set(sources)
        rows = self.db.execute("SELECT source_file, data FROM analyses ORDER BY source_file")
        return [analysis_from_json(r["data"]) for r in rows if r["source_file"] in wanted]

    def statuses(self, sources: list[str]) -> dict[str, int]:
        """How many of these files are ok, flagged and error."""
        wanted = set(sources)
        counts: dict[str, int] = {}
        for row in self.db.execute("SELECT source_file, status FROM documents"):
            if row["source_file"] in wanted:
                counts[row["status"]] = counts.get(row["status"], 0) + 1
        return counts

    def first_with_sha(self, sha256: str, before: str) -> str:
        row = self.db.execute("SELECT source_file FROM documents WHERE sha256 = ? AND "
                              "source_file < ? ORDER BY source_file LIMIT 1",
                              (sha256, before)).fetchone()
        return row["source_file"] if row else ""

    def letters_like(self, customer: str, letter_date: str, before: str
                     ) -> list[tuple[str, str, str]]:
        """(source file, contract number, subscription date) of the termination letters
        before ``before`` from this customer with this letter date, first first."""
        rows = self.db.execute(
            "SELECT source_file, contract_number, subscription_date FROM documents WHERE "
            "doc_type = "
            "'termination_letter' AND customer_number = ? AND letter_date = ? AND "
            "source_file < ? ORDER BY source_file", (customer, letter_date, before))
        return [(r["source_file"], r["contract_number"], r["subscription_date"])
                for r in rows]

    def invoice_holder(self, customer: str) -> str:
        row = self.db.execute("SELECT holder_name FROM documents WHERE doc_type = 'invoice' "
                              "AND customer_number = ? AND holder_name != '' "
                              "ORDER BY source_file LIMIT 1", (customer,)).fetchone()
        return row["holder_name"] if row else ""

    def as_json(self, row: sqlite3.Row) -> str:
        data = dict(row)
        del data["id"]  # the store's own key: it changes when a record is rewritten
        data["flags"] = [f.__dict__ for f in self.flags_of(row["id"])]
        data["evidence"] = self.fields_of(row["id"])
        data["crm"] = self.crm_of(row)
        return json.dumps(data, ensure_ascii=False)

    @staticmethod
    def crm_of(row: sqlite3.Row) -> dict | None:
        """What the CRM said of this record (matching.CrmMatch.as_dict), or None: the
        customer's company and holder, the contract's number, type, offer, subscription
        date and state, the values read that the CRM corrected, tied candidates."""
        text = row["crm"] if "crm" in row.keys() else ""
        return json.loads(text) if text else None
