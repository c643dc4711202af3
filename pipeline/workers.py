"""Worker processes that read documents under limits, supervised from the main process.

Each document is read in a worker with a wall-clock timeout and a memory cap, so
that a parser or a Tesseract run that hangs or explodes costs one error record and
not the batch. A worker that dies or overruns is killed with its whole process
group (Tesseract included) and, while files remain, replaced. Workers die with the
main process.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

PR_SET_PDEATHSIG = 1
OVER_MEMORY = "mailroom: over the memory cap"  # what a worker sends when it ran out
_END = object()  # no more items


def _die_with_parent() -> None:
    """Linux: the worker gets SIGKILL when the main process dies (even by kill -9)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:  # not Linux: workers then leave when their pipe closes
        pass


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), else 0."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _worker_main(conn: Connection, setup: Callable[[], Callable[[Any], Any]],
                 memory_mb: int) -> None:
    os.setpgrp()  # its own process group: killing it takes its Tesseract along
    _die_with_parent()
    if memory_mb:
        # on top of what the worker holds when it starts (modules, models): the cap is
        # what reading one file may take, whatever the size of the main process
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    work = setup()
    while True:
        try:
            item = conn.recv()
            if item is None:
                return
            result = work(item)
        except EOFError:
            return
        except MemoryError:
            result = OVER_MEMORY
        try:
            conn.send(result)
        except MemoryError:
            conn.send(OVER_MEMORY)


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    item: Any = None
    started: float = 0.0

    @property
    def busy(self) -> bool:
        return self.item is not None


class Supervisor:
    """Runs ``work(item)`` for each item in ``n`` supervised worker processes.

    ``setup`` runs once in each worker and returns the work function (so that a
    model is loaded once per worker); ``failed(item, reason)`` makes the result of
    an item whose worker timed out or died.
    """

    def __init__(self, n: int, setup: Callable[[], Callable[[Any], Any]],
                 failed: Callable[[Any, str], Any], *, timeout: float, memory_mb: int) -> None:
        self.n, self.setup, self.failed = max(1, n), setup, failed
        self.timeout, self.memory_mb = timeout, memory_mb
        self._mp = mp.get_context("fork")  # modules already imported: a fast start

    def _spawn(self) -> _Worker:
        parent, child = self._mp.Pipe()
        process = self._mp.Process(target=_worker_main, args=(child, self.setup, self.memory_mb),
                                   daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _kill(self, worker: _Worker) -> None:
        for kill in (lambda: os.killpg(worker.process.pid, signal.SIGKILL),
                     lambda: worker.process.kill()):
            try:
                kill()
            except (ProcessLookupError, PermissionError, OSError):
                pass
        worker.process.join(timeout=5)
        worker.conn.close()

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        """Results in the order they finish; every item gives exactly one.

        ``items`` is drawn from only when a worker is free, so that what makes an item
        (hashing a file) overlaps the reading of the others; a worker is started only
        when there is an item for it.
        """
        source = iter(items)
        exhausted = False
        workers: list[_Worker] = []
        try:
            while True:
                while not exhausted:
                    idle = next((w for w in workers if not w.busy), None)
                    if idle is None and len(workers) >= self.n:
                        break
                    item = next(source, _END)
                    if item is _END:
                        exhausted = True
                        break
                    if idle is None:
                        idle = self._spawn()
                        workers.append(idle)
                    idle.item, idle.started = item, time.monotonic()
                    idle.conn.send(item)
                if not any(w.busy for w in workers):
                    break  # every item was handed out, and every result is in
                busy = {id(w.conn): w for w in workers if w.busy}
                for conn in wait([w.conn for w in busy.values()], timeout=0.25):
                    w = busy[id(conn)]
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        code = w.process.exitcode
                        result = self.failed(w.item, f"the reading process died (exit code "
                                                     f"{code}); the file may be malformed")
                        self._retire(workers, w)
                    else:
                        if isinstance(result, str) and result == OVER_MEMORY:
                            result = self.failed(w.item, "reading this file needed more than "
                                                         f"the memory cap ({self.memory_mb} MB)")
                        w.item = None
                    yield result
                now = time.monotonic()
                for w in [w for w in workers if w.busy and now - w.started > self.timeout]:
                    self._retire(workers, w)
                    yield self.failed(w.item, f"reading took longer than {self.timeout:.0f} s "
                                              "and was stopped")
        finally:
            for w in workers:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            for w in workers:
                w.process.join(timeout=2)
                if w.process.is_alive():
                    self._kill(w)

    def _retire(self, workers: list[_Worker], worker: _Worker) -> None:
        """Kills a dead or overdue worker; the hand-out loop starts another when there is
        an item for it."""
        workers.remove(worker)
        self._kill(worker)
