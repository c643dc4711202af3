"""A mutation fuzzer for the file readers (`make fuzz MINUTES=5`, outside CI).

It mutates real PDFs and images (flipped bytes, cut or repeated chunks, truncation)
and reads each through the pipeline's own supervised worker, as `mailroom process`
does. A mutant that crashes a worker, hangs it, or makes a parser raise something
the readers do not turn into a clear message is saved under tests/fuzz_findings/,
where tests/test_bad_inputs.py picks it up as a test file.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from badinputs import corpus_files  # noqa: E402
from mailgen import generate  # noqa: E402

from pipeline.context import Settings  # noqa: E402
from pipeline.ingest import Entry  # noqa: E402
from pipeline.orchestrator import failed_analysis, make_reader  # noqa: E402
from pipeline.workers import Supervisor  # noqa: E402

FINDINGS = Path(__file__).parent / "fuzz_findings"
# outcomes that are findings: the reader did not turn the damage into a clear message
FINDING_MARKS = {"died": "the reading process died", "hang": "reading took longer",
                 "exception": "mailroom failed on this file"}


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        if not b:
            break
        i = rng.randrange(len(b))
        if op == 0:
            for _ in range(rng.randint(1, 16)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 1:
            del b[i:i + rng.randint(1, 512)]
        elif op == 2:
            b[i:i] = b[i:i + rng.randint(1, 512)]
        else:
            del b[rng.randint(len(b) // 2, len(b)):]
    return bytes(b)


def seeds(folder: Path) -> list[Path]:
    gens = generate(folder, 24, seed=3, difficulty="clean")
    picked: dict[str, Path] = {}
    for g in gens:
        kind = g.rendering.split(":")[-1]
        if not kind.startswith("broken") and kind not in picked:
            picked[kind] = folder / g.truth["source_file"]
    return list(picked.values()) + corpus_files()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    settings = Settings(workers=2, doc_timeout=60, max_pages=3)
    pool = Supervisor(2, partial(make_reader, settings), failed_analysis, timeout=60,
                      memory_mb=2048)
    FINDINGS.mkdir(exist_ok=True)
    tried = 0
    found: dict[str, int] = {k: 0 for k in FINDING_MARKS}
    deadline = time.monotonic() + args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        originals = seeds(root / "seeds")
        while time.monotonic() < deadline:
            batch = []
            for i in range(8):
                src = rng.choice(originals)
                path = root / f"mutant_{tried + i}{src.suffix}"
                path.write_bytes(mutate(src.read_bytes(), rng))
                batch.append((Entry(path, path.name, "file"), ""))
            for a in pool.run(batch):
                for kind, mark in FINDING_MARKS.items():
                    if a.error.startswith(mark):
                        found[kind] += 1
                        data = (root / a.source_file).read_bytes()
                        name = f"{kind}_{hashlib.sha256(data).hexdigest()[:12]}"
                        (FINDINGS / (name + Path(a.source_file).suffix)).write_bytes(data)
                        print(f"{kind}: {a.error}", flush=True)
            tried += len(batch)
    print(f"fuzz: {tried} mutated files in {args.minutes:g} min (seed {args.seed}): "
          f"{found['died']} crashes, {found['hang']} hangs, {found['exception']} unexpected "
          "exceptions", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
