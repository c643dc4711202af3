"""OCR engines: a black-and-white page in, Tesseract's word table out.

Two bindings of the same Tesseract share one small contract (``OcrEngine.read``
returns the columns of Tesseract's TSV: ``left``, ``top``, ``width``, ``height``,
``conf``, ``text``, ``block_num``, ``par_num``, ``line_num``):

- ``tesserocr`` keeps one engine loaded in the worker and hands it the page's pixels.
  Measured by `make bench`, it reads a page in about half the time of the
  ``tesseract`` command, which loads three languages' models and decodes a PNG for
  every page.  It is the default wherever its wheel installs.
- ``pytesseract`` runs the ``tesseract`` command once per page: the fallback, and
  the reference the benchmark compares with.

Both read the language data that Debian's ``tesseract-ocr-*`` packages install.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import EnvironmentProblem, UnreadableFile

# one Tesseract thread per process, set before any Tesseract starts: measured here,
# OpenMP threads made a page 4 to 6 times slower on 2 cores
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

INSTALL_HINT = ("run `make run`, or as root: apt-get install tesseract-ocr tesseract-ocr-fra "
                "tesseract-ocr-pol tesseract-ocr-eng")
ENGINES = ("auto", "tesserocr", "pytesseract")
# where Debian and the usual source builds put the language data
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
LEPTONICA_SEVERITY_NONE = 6  # L_SEVERITY_NONE in leptonica's environ.h
INT_COLUMNS = ("block_num", "par_num", "line_num", "left", "top", "width", "height")


class OcrEngine(Protocol):
    name: str

    def read(self, bw: np.ndarray, timeout: float, block: bool = False) -> dict[str, list]:
        """Tesseract's word table for an 8-bit page; UnreadableFile past ``timeout`` s.

        ``block``: read the page as one block of lines (page segmentation mode 6)
        rather than finding its regions first (mode 3).
        """
        ...

    def read_line(self, image: np.ndarray, timeout: float) -> dict[str, list]:
        """The word table of an image holding one line of text (mode 7)."""
        ...


def _missing(languages: str, available: set[str]) -> list[str]:
    return [lang for lang in languages.split("+") if lang not in available]


class Pytesseract:
    """The ``tesseract`` command, once per page, through pytesseract."""

    name = "pytesseract"

    def __init__(self, languages: str) -> None:
        import pytesseract

        self.languages = languages
        self._pt = pytesseract

    @staticmethod
    def check(languages: str) -> None:
        """Raises EnvironmentProblem when the command or a language's data is missing."""
        import pytesseract

        try:
            available = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise EnvironmentProblem(f"Tesseract is not installed: {INSTALL_HINT}") from exc
        if missing := _missing(languages, available):
            raise EnvironmentProblem(
                f"Tesseract has no language data for {', '.join(missing)}: {INSTALL_HINT}")

    def read(self, bw: np.ndarray, timeout: float, block: bool = False) -> dict[str, list]:
        return self._data(bw, timeout, 6 if block else 3)

    def read_line(self, image: np.ndarray, timeout: float) -> dict[str, list]:
        return self._data(image, timeout, 7)

    def _data(self, bw: np.ndarray, timeout: float, psm: int) -> dict[str, list]:
        from PIL import Image

        pt = self._pt
        try:
            # an 8-bit page, though it is already black and white: as a 1-bit image it
            # was 0.08 s faster a page but read worse on hard scans (customer number
            # 0.933 against 0.964 on 200 files): Tesseract treats the two differently
            return pt.image_to_data(Image.fromarray(bw), lang=self.languages,
                                    config=f"--oem 1 --psm {psm}",
                                    output_type=pt.Output.DICT, timeout=timeout)
        except RuntimeError as exc:  # pytesseract's timeout
            raise UnreadableFile(f"OCR gave up after {timeout:g} s on this page ({exc})") from exc
        except pt.TesseractNotFoundError as exc:
            raise EnvironmentProblem(f"Tesseract is not installed: {INSTALL_HINT}") from exc
        except pt.TesseractError as exc:
            raise UnreadableFile(f"Tesseract could not read this page ({exc.message})") from exc


def tessdata_dir(languages: str) -> str:
    """The folder holding every language's ``.traineddata``: ``TESSDATA_PREFIX``, the
    folder the ``tesseract`` command reports, or one of Debian's; "" if none has them."""
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    if shutil.which("tesseract"):
        try:
            listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True,
                                     text=True, timeout=30).stdout
            candidates += re.findall(r'"([^"]+)"', listing.split("\n", 1)[0])
        except (OSError, subprocess.SubprocessError):
            pass
    for folder in [*candidates, *TESSDATA_DIRS]:
        if folder and all((Path(folder) / f"{lang}.traineddata").is_file()
                          for lang in languages.split("+")):
            return str(Path(folder))
    return ""


class Tesserocr:
    """One Tesseract engine kept loaded in this process, fed the page's pixels."""

    name = "tesserocr"

    def __init__(self, languages: str, folder: str) -> None:
        """``folder``: where the language data is (``tessdata_dir``)."""
        import tesserocr

        try:
            self._api = tesserocr.PyTessBaseAPI(path=folder + "/", lang=languages,
                                                psm=tesserocr.PSM.AUTO,
                                                oem=tesserocr.OEM.LSTM_ONLY)
        except RuntimeError as exc:  # a damaged .traineddata file
            raise EnvironmentProblem(f"Tesseract could not load its language data from "
                                     f"{folder} ({exc}): {INSTALL_HINT}") from exc
        # what the command printed to a pipe pytesseract ignored would reach our stderr:
        # a page's problems are in its record already
        self._api.SetVariable("debug_file", os.devnull)
        self._lock = threading.Lock()
        _quiet_leptonica(Path(tesserocr.__file__).parent)

    def read(self, bw: np.ndarray, timeout: float, block: bool = False) -> dict[str, list]:
        import tesserocr

        page = np.ascontiguousarray(bw, dtype=np.uint8)
        # one engine holds one page at a time: a Dask worker run with several threads
        # shares this process's engine, and must wait its turn rather than mix pages
        with self._lock:
            return self._recognise(page, timeout,
                                   tesserocr.PSM.SINGLE_BLOCK if block else tesserocr.PSM.AUTO)

    def read_line(self, image: np.ndarray, timeout: float) -> dict[str, list]:
        import tesserocr

        page = np.ascontiguousarray(image, dtype=np.uint8)
        with self._lock:
            return self._recognise(page, timeout, tesserocr.PSM.SINGLE_LINE)

    def _recognise(self, page: np.ndarray, timeout: float, psm: int) -> dict[str, list]:
        h, w = page.shape
        self._api.SetPageSegMode(psm)
        self._api.SetImageBytes(page.tobytes(), w, h, 1, w)
        if not self._api.Recognize(timeout=max(1, round(timeout * 1000))):
            raise UnreadableFile(f"OCR gave up after {timeout:g} s on this page")
        return parse_tsv(self._api.GetTSVText(0))


def _quiet_leptonica(package: Path) -> None:
    """Leptonica, inside the wheel's libtesseract, prints its complaints about odd
    page regions ("box outside rectangle") straight to stderr: keep only its fatal ones."""
    import ctypes

    for lib in sorted(package.parent.glob("tesserocr.libs/libleptonica*.so*")):
        try:
            ctypes.CDLL(str(lib)).setMsgSeverity(LEPTONICA_SEVERITY_NONE)
        except (OSError, AttributeError):  # another build: its messages stay
            pass


def parse_tsv(tsv: str) -> dict[str, list]:
    """Tesseract's TSV rows (without the header line) as columns, as pytesseract gives."""
    columns: dict[str, list] = {k: [] for k in (*INT_COLUMNS, "conf", "text")}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        _, _, block, par, line, _, left, top, width, height, conf, text = cells[:12]
        for key, value in zip(INT_COLUMNS, (block, par, line, left, top, width, height),
                              strict=True):
            columns[key].append(int(value))
        columns["conf"].append(float(conf))
        columns["text"].append(text)
    return columns


def _resolve(choice: str, languages: str) -> tuple[str, str]:
    """(engine, its language data folder, or "" for the command) for ``choice``."""
    if choice not in ENGINES:
        raise EnvironmentProblem(f"unknown OCR engine {choice!r}: use one of {', '.join(ENGINES)}")
    if choice in ("auto", "tesserocr"):
        if importlib.util.find_spec("tesserocr") is not None:
            folder = tessdata_dir(languages)
            if not folder:
                raise EnvironmentProblem(
                    f"Tesseract's language data for {languages.replace('+', ', ')} was not "
                    f"found (set TESSDATA_PREFIX to its folder, or {INSTALL_HINT})")
            return "tesserocr", folder
        if choice == "tesserocr":
            raise EnvironmentProblem("the tesserocr binding is not installed: run `make run`, "
                                     "or `pip install tesserocr`, or use --ocr pytesseract")
    Pytesseract.check(languages)
    return "pytesseract", ""


def choose_engine(choice: str, languages: str) -> str:
    """The engine ``open_engine`` will load: ``auto`` is tesserocr where it is installed,
    else the command.  Checks that it and the language data are there, loading nothing;
    raises EnvironmentProblem saying what to install."""
    return _resolve(choice, languages)[0]


def open_engine(choice: str, languages: str) -> OcrEngine:
    """The engine, loaded (tesserocr: about 0.15 s, once per worker)."""
    name, folder = _resolve(choice, languages)
    return Tesserocr(languages, folder) if name == "tesserocr" else Pytesseract(languages)
