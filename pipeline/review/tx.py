"""Write transactions on the shared store, taken without SQLite's coarse waits.

SQLite's own busy handler sleeps in growing steps (up to 100 ms) while another
connection writes; twenty clerks saving at once then wait far longer than the
writes take. ``writing`` asks for the write lock (BEGIN IMMEDIATE) again every
millisecond or two instead, for up to ``timeout`` seconds.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def writing(db: sqlite3.Connection, timeout: float = 30.0) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back if it raises.

    ``db`` is a connection in autocommit mode (``isolation_level=None``).
    """
    deadline = time.monotonic() + timeout
    pause = 0.0005
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.004)
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
