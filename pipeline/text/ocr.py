"""A page image in, a ``Page`` of words out: turned upright, deskewed, cleaned, then
read by an OCR engine (``engines.py``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from ..errors import UnreadableFile
from ..records import Box, Line, Page, Word, split_columns
from .engines import OcrEngine
from .images import binarize, erase_rules, estimate_dpi, is_sideways, rotate, skew_angle, turn
from .recognizer import POOR_PAGE, LineRecognizer, mean_confidence, read_again

MISSED_BLOCK = 10_000  # block numbers of the words read again from lines left out
MISSED_CONFIDENCE = 0.6  # the least mean confidence of a line read again to be kept
# A word read again that lies this much (share of its area) inside words already read
# is one of them: on a slanted handwritten page the band of a line left out crosses
# lines that were read, and their words would come back twice
READ_ALREADY = 0.5
# pages whose pixels are kept for a second look at a value: a letter's references
# are on its first pages, and a page is 9 MB at 300 dpi
KEPT_PAGES = 3


def table_words(data: dict) -> list[tuple[tuple[int, int, int], Word]]:
    """The words of Tesseract's word table (``OcrEngine.read``), each with its (block,
    paragraph, line) key; empty and unread cells left out."""
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


def _good(q: float, words: list[tuple[tuple[int, int, int], Word]]) -> bool:
    """A reading worth keeping as it is: enough confident text, or confident throughout."""
    return q >= 0.25 or bool(words and np.mean([w.conf for _, w in words]) >= 0.75)


def across_share(words: list[tuple[tuple[int, int, int], Word]]) -> float:
    """The share of the read characters in words that lie across the page.

    Tesseract reads a column of text that runs up the page without turning the page:
    its words come back taller than wide.  Most of the text read that way means the
    page itself lies on its side, whatever the ink's shape suggested.
    """
    sizes = [(len(w.text), w.box.x1 - w.box.x0 >= w.box.y1 - w.box.y0)
             for _, w in words if len(w.text) >= 3]
    total = sum(n for n, _ in sizes)
    return sum(n for n, across in sizes if across) / total if total else 1.0


def _lines(words: list[tuple[tuple[int, int, int], Word]]) -> tuple[Line, ...]:
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for key, word in words:
        grouped.setdefault(key, []).append(word)
    lines = [Line(seg) for ws in grouped.values() for seg in split_columns(ws)]
    return tuple(sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0)))


def _ink_outside(bw: np.ndarray, words: list[Word]) -> np.ndarray:
    """The page's ink (1) with the given words' boxes, and a little around them, blank."""
    ink = (bw < 128).astype(np.uint8)
    for w in words:
        b = w.box
        ink[max(0, int(b.y0) - 2):int(b.y1) + 3, max(0, int(b.x0) - 2):int(b.x1) + 3] = 0
    return ink


def marks(bw: np.ndarray, words: list[Word], dpi: float) -> tuple[tuple[Box, ...],
                                                                   tuple[Box, ...]]:
    """Dark marks that are not confidently read words: (signature-like strokes, stains).

    A handwritten signature is thin strokes over a wide area; a blot or stain is a
    filled patch about the height of a line, which may hide the text under it.
    """
    ink = _ink_outside(bw, [w for w in words
                            if w.conf >= 0.6 and sum(ch.isalnum() for ch in w.text) >= 3])
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


def unread_lines(bw: np.ndarray, words: list[Word], dpi: float) -> list[Box]:
    """Lines of print that no word was read from.

    Tesseract's page layout analysis may leave out a whole paragraph of a clean page
    (no block found there).  Ink outside every word, joined along the line, that is
    long, thin and as dense as print, is such a line; a signature is not as long for
    its height, a page's dark edge is denser.
    """
    ink = _ink_outside(bw, words)
    mm = dpi / 25.4
    joined = cv2.dilate(ink, np.ones((max(1, int(0.6 * mm)), max(3, int(3 * mm))), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    found = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w >= 40 * mm and 2 * mm <= h <= 15 * mm and w >= 8 * h:
            density = int(ink[y:y + h, x:x + w].sum()) / float(w * h)
            if 0.04 <= density <= 0.45:
                found.append(Box(float(x), float(y), float(x + w), float(y + h)))
    return found


def read_already(box: Box, read: list[Word]) -> bool:
    """Whether a word read again at ``box`` is one of the words ``read`` already: most
    of its area (READ_ALREADY) lies inside one of theirs (not merely between the tall
    boxes of the lines above and below it)."""
    area = max(1.0, (box.x1 - box.x0) * (box.y1 - box.y0))
    return any(max(0.0, min(box.x1, o.box.x1) - max(box.x0, o.box.x0))
               * max(0.0, min(box.y1, o.box.y1) - max(box.y0, o.box.y0))
               >= READ_ALREADY * area for o in read)


def _read_missed(cleaned: np.ndarray, words: list[tuple[tuple[int, int, int], Word]],
                 dpi: float, engine: OcrEngine, timeout: float
                 ) -> list[tuple[tuple[int, int, int], Word]]:
    """The page's words with those of the lines the page reading left out
    (``unread_lines``), read again as one block."""
    read = [w for _, w in words]
    missed = unread_lines(cleaned, read, dpi)
    if not missed:
        return words
    pad = int(2 * dpi / 25.4)
    x0 = max(0, int(min(m.x0 for m in missed)) - pad)
    y0 = max(0, int(min(m.y0 for m in missed)) - pad)
    x1, y1 = int(max(m.x1 for m in missed)) + pad, int(max(m.y1 for m in missed)) + pad
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for (block, par, line), w in table_words(engine.read(cleaned[y0:y1, x0:x1], timeout,
                                                     block=True)):
        b = Box(w.box.x0 + x0, w.box.y0 + y0, w.box.x1 + x0, w.box.y1 + y0)
        mid_x, mid_y = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        # only words of the lines left out: the band also holds lines read already
        if any(m.x0 <= mid_x <= m.x1 and m.y0 <= mid_y <= m.y1 for m in missed) and \
                not read_already(b, read):
            lines.setdefault((MISSED_BLOCK + block, par, line), []).append(
                Word(w.text, b, w.conf))
    # a line of print reads as words, confidently; a scanner's shadow or a textured
    # edge reads as scraps ("= em", "aan EE"), which would only bury the page's end
    return words + [(key, w) for key, ws in lines.items()
                    if np.mean([w.conf for w in ws]) >= MISSED_CONFIDENCE
                    and any(sum(ch.isalnum() for ch in w.text) >= 3 for w in ws)
                    for w in ws]


@dataclass(frozen=True)
class PageImage:
    """A read page's pixels, kept for a second look at a zone (``zones.py``): the
    grayscale page, which the upright page's word boxes fit once it is turned and
    deskewed as that page was."""

    gray: np.ndarray
    degrees: int  # quarter turns, as ``turn``
    angle: float  # deskew, as ``rotate``

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the upright page."""
        h, w = self.gray.shape[:2]
        return (h, w) if self.degrees % 180 else (w, h)

    def crop(self, x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        """The upright page's pixels in [x0, x1) x [y0, y1): the same as turning and
        deskewing the whole page (``turn``, then ``rotate``) and cutting them out, but
        only those pixels are computed (one warp of the crop, not of the page)."""
        h, w = self.gray.shape[:2]
        k = (self.degrees // 90) % 4
        # np.rot90 (k quarter turns counter-clockwise) as a map of pixel coordinates
        turned = {0: [[1, 0, 0], [0, 1, 0]], 1: [[0, 1, 0], [-1, 0, w - 1]],
                  2: [[-1, 0, w - 1], [0, -1, h - 1]], 3: [[0, -1, h - 1], [1, 0, 0]]}[k]
        tw, th = self.size
        angle = self.angle if abs(self.angle) >= 0.05 else 0.0  # as ``rotate``
        deskew = cv2.getRotationMatrix2D((tw / 2, th / 2), angle, 1.0)
        to_upright = np.vstack([deskew, [0, 0, 1]]) @ np.vstack([turned, [0, 0, 1]])
        shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], dtype=float)
        matrix = (shift @ to_upright)[:2]
        return cv2.warpAffine(self.gray, matrix, (max(1, x1 - x0), max(1, y1 - y0)),
                              flags=cv2.INTER_LINEAR, borderValue=255)


def ocr_page(img: Image.Image, number: int, settings, engine: OcrEngine,  # noqa: ANN001
             images: dict[int, PageImage] | None = None,
             second: Callable[[], LineRecognizer] | None = None) -> Page:
    """Upright, deskewed, cleaned, then read; the best of the plausible orientations.

    ``images``, when given, keeps the page's pixels under its number (``PageImage``),
    for the first ``KEPT_PAGES`` pages.  ``second``, when given, reads the lines of a
    poorly read page again (``recognizer.py``).
    """
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
    turns = [first, (first + 180) % 360]
    best = None
    while turns:
        degrees = turns.pop(0)
        upright = turn(bw, degrees)
        angle = skew_angle(upright)
        upright = rotate(upright, angle)
        cleaned = erase_rules(upright, dpi)
        words = table_words(engine.read(cleaned, settings.ocr_timeout))
        across = across_share(words)
        if across < 0.5 and degrees == first:
            # Tesseract read the lines up or down the page: the page lies on its side
            # (handwriting hides it from is_sideways); read it at both quarter turns
            turns = [(first + 90) % 360, (first + 270) % 360]
            continue
        q = quality(words) * across
        if best is None or q > best[0]:
            best = (q, degrees, angle, upright, cleaned, words)
        if _good(q, words):  # the rule: only a poor reading is worth turning over
            break
    assert best is not None
    q, degrees, angle, upright, cleaned, words = best
    if not _good(q, words):
        # a poor reading, often handwriting whose lines the page layout analysis
        # breaks up: read the upright page as one block of lines, keep the better
        block = table_words(engine.read(cleaned, settings.ocr_timeout, block=True))
        if quality(block) > q:
            words = block
    words = _read_missed(cleaned, words, dpi, engine, settings.ocr_timeout)
    strokes, stains = marks(upright, [w for _, w in words], dpi)
    pixels = PageImage(gray, degrees, angle)
    if images is not None and number <= KEPT_PAGES:
        images[number] = pixels
    lines, tesseract_mean = _lines(words), None
    if second is not None and (page_mean := mean_confidence(lines)) < POOR_PAGE:
        # the page's gray pixels, not the cleaned black and white: the recogniser was
        # trained on photographs
        lines, _ = read_again(lines, pixels.crop, second())
        tesseract_mean = page_mean
    return Page(number=number, width=float(upright.shape[1]), height=float(upright.shape[0]),
                lines=lines, engine="tesseract", ink_marks=strokes, stains=stains,
                rotated=degrees, seconds=time.perf_counter() - started,
                first_confidence=tesseract_mean)
