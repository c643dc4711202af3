"""Rewrites records.csv, records.jsonl and report.html after clerks decide.

One background thread, so that a decision is answered at once and a burst of
decisions costs one export: it waits a moment after the first, then writes all.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..export import write_csv, write_jsonl
from ..report import write_report
from ..store import Store


class Exporter:
    def __init__(self, out: Path, db_path: Path, delay: float = 0.5) -> None:
        self.out, self.db_path, self.delay = out, db_path, delay
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def touch(self) -> None:
        """Asks for the exports to be written again (soon, once for many asks)."""
        with self._lock:
            self._idle.clear()
            self._wanted.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="exporter", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wanted.wait(timeout=30)
            with self._lock:
                if not self._wanted.is_set():
                    self._thread = None
                    self._idle.set()
                    return
            self._wanted.wait(self.delay)
            self._wanted.clear()
            self.write_now()
            with self._lock:
                if not self._wanted.is_set():
                    self._idle.set()

    def write_now(self) -> None:
        store = Store(self.db_path)
        try:
            write_csv(store, self.out / "records.csv")
            write_jsonl(store, self.out / "records.jsonl")
            write_report(store, self.out / "report.html")
        finally:
            store.close()

    def flush(self, timeout: float = 30) -> bool:
        """Waits until every asked-for export is written; False on timeout."""
        return self._idle.wait(timeout)
