"""`make bench`: throughput and memory, measured in one run, printed as figures.

    python tests/bench.py [--scanned 40] [--digital 40] [--repeat 3]

Nothing here asserts a time: it measures and prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailgen.generate import letter_pages  # noqa: E402

from pipeline.context import Settings  # noqa: E402
from pipeline.text.engines import choose_engine  # noqa: E402

MAILROOM = [sys.executable, "-m", "pipeline.cli"]
LANGUAGES = Settings().languages


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        return []


def _tree(root: int) -> list[int]:
    """The process and all its descendants (cheap enough to sample without skewing
    the timings: only the tree is read, not every process of the machine)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(_children(pid))
    return out


def _status(pid: int, key: str) -> int:
    """A /proc/PID/status figure in kB (VmRSS, VmHWM), 0 if the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryWatch:
    """Samples a process tree: peak of the whole tree's RSS, and each worker's peak."""

    def __init__(self, root: int, is_worker: Callable[[int], bool]) -> None:
        self.root, self.is_worker = root, is_worker
        self.tree_peak_kb = 0
        self.worker_peak_kb: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = _tree(self.root)
            self.tree_peak_kb = max(self.tree_peak_kb, sum(_status(p, "VmRSS") for p in pids))
            for pid in pids:
                if pid != self.root and self.is_worker(pid):
                    self.worker_peak_kb[pid] = max(self.worker_peak_kb.get(pid, 0),
                                                   _status(pid, "VmHWM"))
            time.sleep(0.25)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _is_python(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"python" in f.read().split(b"\0")[0]
    except OSError:
        return False


def run_mailroom(inbox: Path, out: Path, workers: int,
                 ocr: str = "auto") -> tuple[float, MemoryWatch]:
    """Wall time of `mailroom process` and the memory it used."""
    started = time.perf_counter()
    proc = subprocess.Popen([*MAILROOM, "process", str(inbox), "--out", str(out), "--workers",
                             str(workers), "--ocr", ocr, "--quiet"])
    with MemoryWatch(proc.pid, _is_python) as watch:
        if proc.wait() != 0:
            raise SystemExit(f"mailroom process failed on {inbox}")
    return time.perf_counter() - started, watch


def raw_tesseract(pages: list[Path], out: Path) -> list[float]:
    """Seconds per page of the bare `tesseract` command, one thread, same languages."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    times = []
    for page in pages:
        started = time.perf_counter()
        subprocess.run(["tesseract", str(page), str(out / page.stem), "-l", LANGUAGES],
                       env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def engine_name() -> str:
    """The binding `--ocr auto` uses here, with its Tesseract's version."""
    name = choose_engine("auto", LANGUAGES)
    if name == "tesserocr":
        import tesserocr

        return f"tesserocr, {tesserocr.tesseract_version().split()[1]}"
    return name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scanned", type=int, default=40)
    parser.add_argument("--digital", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of the scanned set with 1 and with 2 workers")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scans = letter_pages(root / "scanned", args.scanned, seed=424242, born_digital=False)
        letter_pages(root / "digital", args.digital, seed=424243, born_digital=True)
        print(f"set: {len(scans)} scanned pages (300 dpi PNG, `scan` difficulty), "
              f"{args.digital} born-digital pages; {cores} cores", flush=True)

        raw = raw_tesseract(scans, root)
        raw_page = sum(raw) / len(raw)
        version = subprocess.run(["tesseract", "--version"], capture_output=True,
                                 text=True).stdout.split()[1]
        print(f"raw tesseract {version} -l {LANGUAGES}, 1 thread: {raw_page:.2f} s/page "
              f"(median {statistics.median(raw):.2f})", flush=True)

        # 1 and 2 workers in turn, --repeat times: the median of each, as one run of
        # a few seconds moves by a few per cent with what else the machine does
        ones, twos, peak = [], [], 0
        for i in range(args.repeat):
            for n, times in ((1, ones), (2, twos)):
                seconds, watch = run_mailroom(root / "scanned", root / f"out{n}-{i}", n)
                times.append(seconds)
                peak = max(peak, *watch.worker_peak_kb.values(), 0)
        one, two = statistics.median(ones), statistics.median(twos)
        print(f"pipeline ({engine_name()}), 1 worker: {one / len(scans):.2f} s/page scanned, "
              f"{one / len(scans) / raw_page:.2f}x raw tesseract", flush=True)
        cmd, _ = run_mailroom(root / "scanned", root / "out1p", 1, ocr="pytesseract")
        print(f"pipeline (--ocr pytesseract), 1 worker: {cmd / len(scans):.2f} s/page "
              f"scanned, {cmd / len(scans) / raw_page:.2f}x raw tesseract", flush=True)
        runs = ", ".join(f"{a / b:.2f}x" for a, b in zip(ones, twos, strict=True))
        print(f"pipeline, 2 workers: {two / len(scans):.2f} s/page, speed-up {one / two:.2f}x "
              f"from 1 to 2 workers (medians of {args.repeat} runs each; run by run: {runs})",
              flush=True)
        print(f"peak memory per worker (scanned): {peak / 1024:.0f} MB", flush=True)

        digital, watch_d = run_mailroom(root / "digital", root / "outd", 1)
        print(f"born-digital, 1 worker: {args.digital / digital:.1f} pages/s per core "
              f"({digital:.1f} s for {args.digital}, start-up included)", flush=True)
        for n in (100, 1000):
            inbox = root / f"digital{n}"
            letter_pages(inbox, n, seed=4242 + n, born_digital=True)
            seconds, watch = run_mailroom(inbox, root / f"outd{n}", cores)
            worker = max(watch.worker_peak_kb.values(), default=0)
            print(f"{n} born-digital documents, {cores} workers: {seconds:.1f} s "
                  f"({n / seconds / cores:.0f} pages/s per core, start-up included), peak "
                  f"memory of the whole run {watch.tree_peak_kb / 1024:.0f} MB, per worker "
                  f"{worker / 1024:.0f} MB", flush=True)

        handwriting()

        helps = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("mailroom")), "--help"],
                           check=True, capture_output=True)
            helps.append(time.perf_counter() - started)
        print(f"mailroom --help: {statistics.median(helps):.3f} s (median of 5)", flush=True)
    return 0


HANDS = ("/usr/share/fonts/truetype/breip/Breip.ttf",
         "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf")
HAND_LINES = ["Anne Roussel", "4 place du Marché", "35000 Rennes", "", "Madame, Monsieur,",
              "Par la présente je vous demande de mettre fin à mon abonnement",
              "à compter de la réception de ce courrier.", "Mon numéro client : 527 310 864",
              "Contrat n° CTR-2016-038271 souscrit le 5 avril 2016",
              "Je vous prie d'agréer mes salutations distinguées.", "Anne Roussel"]


def handwriting() -> None:
    """What the second reader (pipeline/text/recognizer.py) costs on a handwritten page:
    one page read with Tesseract alone, then with the second reader, in this process."""
    import resource

    from PIL import Image, ImageDraw, ImageFont

    from pipeline.context import Context
    from pipeline.text.engines import open_engine
    from pipeline.text.ocr import ocr_page

    pages = []
    for font in HANDS:
        for size in (56, 62, 68):
            img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
            draw, face = ImageDraw.Draw(img), ImageFont.truetype(font, size)
            for i, text in enumerate(HAND_LINES + HAND_LINES[4:]):
                draw.text((220, 200 + i * 120), text, font=face, fill=25)
            pages.append(img)
    engine, ctx, settings = open_engine("auto", LANGUAGES), Context(), Settings()
    alone, both, firsts, replaced = [], [], [], 0
    for page in pages:
        started = time.perf_counter()
        firsts.append(ocr_page(page, 1, settings, engine))
        alone.append(time.perf_counter() - started)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for page, first in zip(pages, firsts, strict=True):
        started = time.perf_counter()
        second = ocr_page(page, 1, settings, engine, None, lambda: ctx.recognizer)
        both.append(time.perf_counter() - started)
        replaced += sum(a != b for a, b in zip(first.lines, second.lines, strict=False))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    lines = sum(len(first.lines) for first in firsts)
    print(f"handwritten pages ({len(pages)}, Breip and Dancing Script), 1 thread: Tesseract "
          f"alone {statistics.median(alone):.2f} s/page, with the second reader "
          f"{statistics.median(both):.2f} s/page (the first page includes loading it); "
          f"{replaced} of {lines} lines were replaced by the second reading; the recogniser "
          f"adds {max(grown, 0) / 1024:.0f} MB to the process's peak", flush=True)


if __name__ == "__main__":
    sys.exit(main())
