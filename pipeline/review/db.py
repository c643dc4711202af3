"""Connections to the store for the review station, and the station's own tables.

The station shares ``mailroom.sqlite`` with ``mailroom process`` (WAL mode: readers
never block the writer). Each thread of the web server gets its own connection.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from ..store import Store
from .queue import QUEUE_INDEXES

REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    active INTEGER NOT NULL DEFAULT 1,
    created TEXT NOT NULL
);
-- who is working on a letter, until when (seconds since the epoch)
CREATE TABLE IF NOT EXISTS claims (
    record_key TEXT PRIMARY KEY,
    who TEXT NOT NULL,
    until REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    name TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_name ON login_failures(name, at);
"""


def connect(path: Path) -> sqlite3.Connection:
    """One connection to the store, waiting (not failing) while another writes."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    # writes wait in tx.writing, which retries every few ms; SQLite's own handler
    # (steps up to 100 ms) is left for the rare reader that meets a lock
    db.execute("PRAGMA busy_timeout=50")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def prepare(path: Path) -> None:
    """Creates the store's tables (and the station's) if they are not there yet."""
    Store(path).close()  # the store's own schema, and its newer columns
    db = connect(path)
    try:
        db.executescript(REVIEW_SCHEMA)
        db.executescript(QUEUE_INDEXES)
    finally:
        db.close()


class Connections:
    """One connection per thread to one store file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path)
            self._local.db = db
        return db
