"""`make torture`: the bad-input corpus, then kill -9 at random moments and resume.

    python tests/torture.py --resumes 10

prints one line per part and exits non-zero if a file was lost, recorded twice,
or crashed the batch. tests/test_torture.py runs the same with fewer resumes.
"""

from __future__ import annotations

import argparse
import csv
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from badinputs import build  # noqa: E402
from mailgen import generate  # noqa: E402

from pipeline.context import Context, Settings  # noqa: E402
from pipeline.orchestrator import process_inbox  # noqa: E402

MAILROOM = [sys.executable, "-m", "pipeline.cli"]


@dataclass
class BadInputs:
    tried: int
    errors: int
    read: int
    wrong: list[str]

    def line(self) -> str:
        return (f"bad inputs: {self.tried} tried, {self.errors} error records, {self.read} read "
                f"as mail, {len(self.wrong)} crashes or wrong outcomes")


def bad_inputs(root: Path) -> BadInputs:
    expected = build(root / "bad")
    process_inbox(root / "bad", root / "bad-out", Context(Settings(workers=2)))
    with (root / "bad-out" / "records.csv").open(encoding="utf-8", newline="") as f:
        rows = {r["source_file"]: r for r in csv.DictReader(f)}
    wrong = [name for name, status in expected.items()
             if name not in rows or (rows[name]["status"] == "error") != (status == "error")]
    errors = sum(r["status"] == "error" for r in rows.values())
    return BadInputs(len(expected), errors, len(rows) - errors, wrong)


@dataclass
class Resumes:
    resumes: int
    lost: int
    duplicated: int

    def line(self) -> str:
        return f"kill -9: {self.resumes} resumes, {self.lost} lost, {self.duplicated} duplicated"


def kill_and_resume(root: Path, resumes: int, seed: int = 5, files: int = 20) -> Resumes:
    """Starts the real command, kills it with SIGKILL at random moments, then lets a
    last run finish; every file must then be recorded exactly once.

    Only a kill that hits a running process counts as a resume; a run that finished
    first ends the kills (later runs would read nothing and end at once).
    """
    inbox, out = root / "inbox", root / "out"
    generate(inbox, files, seed=seed, difficulty="scan")
    (inbox / "truth.csv").unlink()
    rng = random.Random(seed)
    command = [*MAILROOM, "process", str(inbox), "--out", str(out), "--workers", "2", "--quiet"]
    kills = 0
    for _ in range(resumes):
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        if run.poll() is not None:
            break  # it finished before the kill
        run.send_signal(signal.SIGKILL)
        run.wait()
        kills += 1
    final = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if final.returncode != 0:
        raise SystemExit(f"the last run failed: {final.stderr}")
    names = sorted(p.name for p in inbox.iterdir())
    with (out / "records.csv").open(encoding="utf-8", newline="") as f:
        sources = [r["source_file"] for r in csv.DictReader(f)]
    db = sqlite3.connect(out / "mailroom.sqlite")
    stored = [r[0] for r in db.execute("SELECT source_file FROM documents")]
    lost = len(set(names) - set(sources)) + len(set(names) - set(stored))
    duplicated = (len(sources) - len(set(sources))) + (len(stored) - len(set(stored)))
    return Resumes(kills, lost, duplicated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--resumes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bad = bad_inputs(Path(tmp))
        print(bad.line(), flush=True)
        kill = kill_and_resume(Path(tmp), args.resumes)
        print(kill.line(), flush=True)
    if bad.wrong:
        print("wrong outcome for: " + ", ".join(bad.wrong))
    return 1 if bad.wrong or kill.lost or kill.duplicated else 0


if __name__ == "__main__":
    sys.exit(main())
