"""A second look at one zone of a scanned page: the line where a value stands, read
again on its own.

The page's first reading saw the value among everything else, in black and white by
one threshold for the whole page.  Read again alone, from the grayscale pixels, with
its own threshold, larger, as one line, OCR often gets what it missed: a contract
number's 0 read as 6, a code whose words the page's layout analysis left out.  This
is how capture products read the zones of a form.  Where the zone's readings agree
on a character, surer than the page's reading, they correct it
(``extract/numbers.py``); every reading is kept, for the CRM to say which one is a
real number (``matching.py``).  A page read from its text layer has no pixels to
look at again.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from ..records import Box, Word
from .engines import OcrEngine
from .ocr import PageImage, table_words

LINE_PIXELS = 48  # a zone is scaled so that its line is about this tall
MAX_SCALE = 3.0
BORDER = 12  # white pixels around the crop: Tesseract reads badly up to an image's edge


def own_threshold(crop: np.ndarray, scale: float) -> np.ndarray:
    """The crop's grain smoothed, enlarged, then black and white by its own threshold
    (the page's one was set by the whole page's light and ink, not by this line's)."""
    crop = cv2.medianBlur(crop, 3)
    if scale > 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    _, bw = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bw


def in_gray(crop: np.ndarray, scale: float) -> np.ndarray:
    """The crop enlarged, then lightly smoothed, and left in gray for Tesseract to
    threshold: small print keeps strokes that a median before enlarging would close."""
    if scale > 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(crop, (3, 3), 0)


# Each way gives its own reading of a zone: each misreads other characters, and the
# CRM may know what one of them read (measured in docs/accuracy.md).
WAYS = (own_threshold, in_gray)


class Zones:
    """The pages' pixels and the OCR engine, to read a zone again."""

    def __init__(self, images: dict[int, PageImage], engine: OcrEngine, timeout: float) -> None:
        self.images = images
        self.engine = engine
        self.timeout = timeout

    def has(self, page: int) -> bool:
        return page in self.images

    def readings(self, page: int, box: Box) -> list[list[Word]]:
        """``box`` of ``page`` read in each of the ``WAYS``."""
        return [self.read(page, box, way) for way in WAYS]

    def read(self, page: int, box: Box, way: Callable[[np.ndarray, float], np.ndarray] = WAYS[0]
             ) -> list[Word]:
        """The words read in ``box`` of ``page`` (its upright pixels) made ready for OCR
        by ``way``, as one line, in the page's coordinates; none when the page has no
        pixels or nothing is read.  OCR or OpenCV failing on a zone gives nothing
        either: the first reading stands, and the letter is not lost for a second
        look."""
        try:
            return self._read(page, box, way)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001
            return []

    def _read(self, page: int, box: Box, way: Callable[[np.ndarray, float], np.ndarray]
              ) -> list[Word]:
        image = self.images.get(page)
        if image is None:
            return []
        width, height = image.size
        h = max(1.0, box.y1 - box.y0)
        x0, y0 = max(0, int(box.x0 - 0.3 * h)), max(0, int(box.y0 - 0.25 * h))
        x1, y1 = min(width, int(box.x1 + 0.3 * h)), min(height, int(box.y1 + 0.25 * h))
        if x1 - x0 < 4 or y1 - y0 < 4:
            return []
        scale = min(MAX_SCALE, max(1.0, LINE_PIXELS / h))
        crop = way(image.crop(x0, y0, x1, y1), scale)
        crop = cv2.copyMakeBorder(crop, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT,
                                  value=255)
        data = self.engine.read_line(np.ascontiguousarray(crop), self.timeout)

        def back(v: float, origin: int) -> float:
            return origin + (v - BORDER) / scale

        words = [Word(w.text, Box(back(w.box.x0, x0), back(w.box.y0, y0),
                                  back(w.box.x1, x0), back(w.box.y1, y0)), w.conf)
                 for _, w in table_words(data)]
        return sorted(words, key=lambda w: w.box.x0)
