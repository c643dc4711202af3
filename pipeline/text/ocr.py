"""Tesseract through pytesseract: a page image in, a ``Page`` of words out.

One Tesseract thread per process (OMP_THREAD_LIMIT=1, set before Tesseract
starts): measured here, OpenMP threads made a page 4 to 6 times slower on 2 cores.
"""

from __future__ import annotations

import os
import time

import cv2
import numpy as np
import pytesseract
from PIL import Image

from ..errors import EnvironmentProblem, UnreadableFile
from ..records import Box, Line, Page, Word, split_columns
from .images import binarize, estimate_dpi, is_sideways, rotate, skew_angle, turn

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

INSTALL_HINT = ("run `make run`, or as root: apt-get install tesseract-ocr tesseract-ocr-fra "
                "tesseract-ocr-pol tesseract-ocr-eng")


def check_tesseract(languages: str) -> None:
    """Raises EnvironmentProblem when Tesseract or a language's data is missing."""
    try:
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise EnvironmentProblem(f"Tesseract is not installed: {INSTALL_HINT}") from exc
    missing = [lang for lang in languages.split("+") if lang not in available]
    if missing:
        raise EnvironmentProblem(
            f"Tesseract has no language data for {', '.join(missing)}: {INSTALL_HINT}")


def _tesseract(bw: np.ndarray, settings) -> dict:  # noqa: ANN001
    try:
        # an 8-bit page, though it is already black and white: as a 1-bit image it was
        # 0.08 s faster a page but read worse on hard scans (customer number 0.933
        # against 0.964 on 200 files): Tesseract treats the two differently
        return pytesseract.image_to_data(
            Image.fromarray(bw), lang=settings.languages, config="--oem 1 --psm 3",
            output_type=pytesseract.Output.DICT, timeout=settings.ocr_timeout)
    except RuntimeError as exc:  # pytesseract's timeout
        raise UnreadableFile(
            f"OCR gave up after {settings.ocr_timeout} s on this page ({exc})") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise EnvironmentProblem(f"Tesseract is not installed: {INSTALL_HINT}") from exc
    except pytesseract.TesseractError as exc:
        raise UnreadableFile(f"Tesseract could not read this page ({exc.message})") from exc


def _words(data: dict) -> list[tuple[tuple[int, int, int], Word]]:
    out = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        out.append((key, Word(text, Box(x, y, x + w, y + h), conf / 100)))
    return out


def quality(words: list[tuple[tuple[int, int, int], Word]]) -> float:
    """How much trustworthy text a pass found: confident characters, in thousands."""
    return sum(len(w.text) for _, w in words if w.conf >= 0.7 and len(w.text) >= 2) / 1000


def _lines(words: list[tuple[tuple[int, int, int], Word]]) -> tuple[Line, ...]:
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for key, word in words:
        grouped.setdefault(key, []).append(word)
    lines = [Line(seg) for ws in grouped.values() for seg in split_columns(ws)]
    return tuple(sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0)))


def marks(bw: np.ndarray, words: list[Word], dpi: float) -> tuple[tuple[Box, ...],
                                                                   tuple[Box, ...]]:
    """Dark marks that are not confidently read words: (signature-like strokes, stains).

    A handwritten signature is thin strokes over a wide area; a blot or stain is a
    filled patch about the height of a line, which may hide the text under it.
    """
    ink = (bw < 128).astype(np.uint8)
    for w in words:
        if w.conf >= 0.6 and sum(ch.isalnum() for ch in w.text) >= 3:
            b = w.box
            ink[int(b.y0) - 2:int(b.y1) + 3, int(b.x0) - 2:int(b.x1) + 3] = 0
    mm = dpi / 25.4
    k = max(3, int(1.5 * mm))
    joined = cv2.dilate(ink, np.ones((k, k), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    strokes, stains = [], []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        box = Box(float(x), float(y), float(x + w), float(y + h))
        density = int(ink[y:y + h, x:x + w].sum()) / float(w * h)
        if 18 * mm <= w <= 120 * mm and 4 * mm <= h <= 45 * mm and 0.01 <= density <= 0.35:
            strokes.append(box)
        elif 8 * mm <= w <= 90 * mm and 3 * mm <= h <= 15 * mm and density >= 0.4:
            stains.append(box)
    return tuple(strokes), tuple(stains)


def ocr_page(img: Image.Image, number: int, settings) -> Page:  # noqa: ANN001
    """Upright, deskewed, cleaned, then read; the best of the plausible orientations."""
    started = time.perf_counter()
    gray = np.asarray(img.convert("L"))
    dpi = estimate_dpi(gray)
    if dpi > 330:  # more pixels than OCR needs: only slower
        scale = 300 / dpi
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = 300
    if gray.shape[0] * gray.shape[1] > settings.max_pixels:
        raise UnreadableFile("the page image is too large to read safely")
    bw = binarize(gray, dpi)
    first = 90 if is_sideways(bw) else 0
    best = None
    for degrees in (first, (first + 180) % 360):
        upright = turn(bw, degrees)
        upright = rotate(upright, skew_angle(upright))
        words = _words(_tesseract(upright, settings))
        q = quality(words)
        if best is None or q > best[0]:
            best = (q, degrees, upright, words)
        # a good first pass is the rule: only a poor one is worth turning over
        if q >= 0.25 or (words and np.mean([w.conf for _, w in words]) >= 0.75):
            break
    assert best is not None
    _, degrees, upright, words = best
    strokes, stains = marks(upright, [w for _, w in words], dpi)
    return Page(number=number, width=float(upright.shape[1]), height=float(upright.shape[0]),
                lines=_lines(words), engine="tesseract", ink_marks=strokes, stains=stains,
                rotated=degrees,
                seconds=time.perf_counter() - started)
