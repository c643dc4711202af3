"""Rewrites records.csv, records.jsonl and report.html after clerks decide.

One background thread, so that a decision is answered at once and a burst of
decisions costs one export: it waits a moment after the first, then writes all. The
writing runs in a child process: 10,000 records take seconds of CPU, which would
otherwise hold the web server's threads back (Python's GIL). Between two exports
the thread waits at least ``pause`` seconds, so that under a steady stream of
decisions exporting takes at most about half of one core.

The station's server processes (``--processes``) each have an exporter; their
children take turns (a lock file in OUT), and a child that finds an export begun
after it was asked for writes nothing: that export holds every decision it was asked
for. Without this, two processes wrote the same 10,000 records at once, again and
again (4.4 s of CPU each), a core's worth during the bench.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..export import write_csv, write_jsonl
from ..report import write_report
from ..store import Store


class Exporter:
    def __init__(self, out: Path, db_path: Path, delay: float = 0.5,
                 pause: float = 3.0) -> None:
        self.out, self.db_path, self.delay, self.pause = out, db_path, delay, pause
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
            started = time.monotonic()
            self.write_in_child()
            spent = time.monotonic() - started
            time.sleep(min(self.pause, spent))
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

    def write_in_child(self) -> None:
        asked = time.time()  # after the decisions that asked for it were committed
        subprocess.run([sys.executable, "-m", "pipeline.review.exporter", str(self.out),
                        str(self.db_path), repr(asked)], check=False,
                       stdin=subprocess.DEVNULL)

    def write_unless_done(self, asked: float) -> bool:
        """Writes the exports, one process at a time, unless an export that began after
        ``asked`` (a time.time()) has already: it saw all that was decided before. True
        when written here."""
        with (self.out / ".exports.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            stamp = self.out / ".exports.began"
            try:
                began = float(stamp.read_text())
            except (OSError, ValueError):
                began = 0.0
            if began >= asked:
                return False
            stamp.write_text(repr(time.time()))
            self.write_now()
            return True

    def flush(self, timeout: float = 30) -> bool:
        """Waits until every asked-for export is written; False on timeout."""
        return self._idle.wait(timeout)


if __name__ == "__main__":  # the child process of write_in_child
    os.nice(10)  # clerks waiting for a page come first; the exports can wait a little
    Exporter(Path(sys.argv[1]), Path(sys.argv[2])).write_unless_done(
        float(sys.argv[3]) if len(sys.argv) > 3 else time.time())
