"""Each document runs under limits in a worker; a hang, a crash or a memory blow-up
costs one error record, and the worker is replaced."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.context import Context, Settings
from pipeline.orchestrator import process_inbox
from pipeline.workers import Supervisor

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "inbox"


def _work(item: str) -> str:
    if item == "hang":
        time.sleep(60)
    if item == "die":
        os._exit(3)
    if item == "explode":
        bytearray(8 * 1024 ** 3)  # far past the cap: MemoryError
    return f"read {item}"


def _setup():  # noqa: ANN202 - runs in each worker
    return _work


def test_hangs_crashes_and_blowups_cost_one_result_each() -> None:
    pool = Supervisor(2, _setup, lambda item, why: f"failed {item}: {why}", timeout=2,
                      memory_mb=1024)
    items = ["a", "hang", "b", "die", "c", "explode", "d"]
    started = time.monotonic()
    results = list(pool.run(items))
    assert len(results) == len(items)
    assert {r for r in results if r.startswith("read")} == {"read a", "read b", "read c",
                                                            "read d"}
    failed = sorted(r for r in results if r.startswith("failed"))
    assert failed[0].startswith("failed die: the reading process died")
    assert failed[1] == ("failed explode: reading this file needed more than the memory cap "
                         "(1024 MB)")
    assert failed[2].startswith("failed hang: reading took longer than 2 s")
    assert time.monotonic() - started < 30


def test_items_are_drawn_only_when_a_worker_is_free() -> None:
    drawn: list[str] = []

    def items():  # noqa: ANN202 - hashing files, in the pipeline
        for name in "abcdef":
            drawn.append(name)
            yield name

    pool = Supervisor(2, _setup, lambda item, why: f"failed {item}: {why}", timeout=30,
                      memory_mb=0)
    results = pool.run(items())
    assert next(results).startswith("read ")
    assert len(drawn) <= 3  # two handed out at once, a third once one is done
    rest = list(results)
    assert len(rest) == 5 and len(drawn) == 6
    assert list(Supervisor(2, _setup, str, timeout=30, memory_mb=0).run(iter([]))) == []


def _one_scan(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan = next(p for p in sorted(SAMPLES.glob("*.jpg")))
    shutil.copy(scan, inbox / scan.name)
    return inbox


def _row(out: Path) -> dict[str, str]:
    with (out / "records.csv").open(encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))


def test_a_file_over_the_time_limit_is_an_error_record(tmp_path: Path) -> None:
    inbox = _one_scan(tmp_path)
    process_inbox(inbox, tmp_path / "out", Context(Settings(workers=1, doc_timeout=0.02)))
    row = _row(tmp_path / "out")
    assert row["status"] == "error" and row["flags"] == "unreadable_file"
    assert "reading took longer than" in row["message"]


def test_a_file_over_the_memory_cap_is_an_error_record(tmp_path: Path) -> None:
    # a fresh process, as a user runs it: a long test session's spare heap would blur
    # how much a worker can add
    inbox = _one_scan(tmp_path)
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "process", str(inbox), "--out",
                          str(tmp_path / "out"), "--workers", "1", "--max-memory", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    row = _row(tmp_path / "out")
    assert row["status"] == "error" and row["flags"] == "unreadable_file"
    assert "more than the memory cap (1 MB)" in row["message"]
