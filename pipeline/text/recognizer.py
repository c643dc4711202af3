"""A second reader for the lines of a page that Tesseract read poorly.

Tesseract reads print well and handwriting badly: on a hand-written letter it returns
most words at a confidence of 0.3 to 0.8, with digits and words garbled ("Men nunére"
for "Mon numéro").  A neural text-line recogniser trained on photographs and
handwriting as well as print (PaddleOCR's PP-OCR recogniser, run by RapidOCR on ONNX
Runtime; its model ships inside the ``rapidocr`` wheel, so nothing is downloaded)
reads the same lines far better.  It only recognises: Tesseract still finds the lines,
and the second reader reads again each line Tesseract was unsure of.  Its reading is
kept when it is surer still and holds most of the line's letters; a page that
Tesseract reads well is left as it is.

It costs about 40 ms a line read again (0.2 to 0.8 s a handwritten page, ``make
bench``), so it is only asked about pages whose mean word confidence is below
``POOR_PAGE``: print, even a poor scan of it, reads above that; handwriting below.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import EnvironmentProblem
from ..records import Box, Line, Word

# a page whose words Tesseract read at this mean confidence or above is left alone;
# print, even scanned poorly, reads at 0.85 to 0.97, handwriting at 0.6 to 0.8
POOR_PAGE = 0.85
# a line's second reading replaces the first only with a confidence this much higher:
# the two engines' confidences are not on one scale, and a tie keeps Tesseract's words
MARGIN = 0.05
PAD = 0.1  # of the line's height around its box: the recogniser wants a tight crop
# only a line Tesseract was unsure of is read again: the recogniser's confidence is a
# mean of character probabilities, high even for dots read as letters, and on print it
# drops spaces that Tesseract keeps
UNSURE_LINE = 0.8
# the recogniser's confidence, capped: it is not Tesseract's, and a value it read still
# goes to a second look (SURE in extract/numbers.py) and to a clerk when in doubt
MAX_CONFIDENCE = 0.9
MIN_HEIGHT = 12  # pixels: a thinner "line" is a rule or a row of dots
MAX_RATIO = 80  # width to height: wider, the recogniser would stretch it past memory
# its dashes and full-width forms, as the readers of codes and dates expect them
ASCII = str.maketrans({**{chr(c): "-" for c in (*range(0x2010, 0x2016), 0x2212)},
                       **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
                       "\u00b7": "."})


@dataclass(frozen=True)
class Reading:
    """One line as the recogniser read it: its words, with boxes on the page."""

    words: tuple[Word, ...]
    score: float  # the mean confidence of its characters, 0..1


class LineRecognizer:
    """PP-OCR's text-line recogniser (no detection: the lines come from Tesseract),
    one thread, as each worker runs one Tesseract thread."""

    def __init__(self) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise EnvironmentProblem(
                "the second line reader (rapidocr, onnxruntime) is not installed: run "
                "`make run`, or `pip install -e .`") from exc
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        one_thread = {"EngineConfig.onnxruntime.intra_op_num_threads": 1,
                      "EngineConfig.onnxruntime.inter_op_num_threads": 1}
        self._engine = RapidOCR(params={"Global.log_level": "error", "Global.use_det": False,
                                        "Global.use_cls": False, **one_thread})

    def read(self, crop: np.ndarray, x0: float, y0: float, y1: float) -> Reading:
        """The words of one line's pixels (8-bit gray, ``crop``), their boxes placed on
        the page: the crop's left edge is at ``x0``, the line runs from ``y0`` to ``y1``."""
        out: Any = self._engine(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False,
                           return_word_box=True)
        text, score = (out.txts or ("",))[0], float((out.scores or (0.0,))[0])
        info = (out.word_results or (None,))[0]
        if not text.strip() or info is None or not info.words:
            return Reading((), 0.0)
        return Reading(_words(text, info, crop.shape[1], x0, y0, y1), score)


def _words(text: str, info: Any, width: int, x0: float, y0: float,
           y1: float) -> tuple[Word, ...]:
    """The recogniser's words with boxes and confidences.

    Its decoder splits words at spaces and at wide gaps between characters (where a
    hand drops the space), and gives each character's column in its output, which
    ``line_txt_len`` columns span the crop's width.
    """
    # one confidence per character of ``text``, spaces included; the words skip spaces
    confs = [c for ch, c in zip(text, info.confs, strict=False) if not ch.isspace()]
    columns = max(float(info.line_txt_len or 0), 1.0)
    words, at = [], 0
    for chars, cols in zip(info.words, info.word_cols, strict=True):
        conf = float(np.mean(confs[at:at + len(chars)])) if confs[at:at + len(chars)] else 0.0
        at += len(chars)
        # a column marks a character's middle: a column more on each side holds its ink
        left = x0 + width * max(min(cols) - 1, 0) / columns
        right = x0 + width * min(max(cols) + 2, columns) / columns
        words.append(Word("".join(chars).translate(ASCII),
                          Box(left, y0, max(right, left + 1), y1), min(conf, MAX_CONFIDENCE)))
    return tuple(words)


def read_again(lines: tuple[Line, ...], crop: Any, recognizer: LineRecognizer
               ) -> tuple[tuple[Line, ...], int]:
    """Each line read again from the page's pixels (``crop(x0, y0, x1, y1)`` gives them,
    as ``PageImage.crop``), kept where the recogniser is clearly surer than Tesseract.

    Returns the lines and how many were replaced.
    """
    out, replaced = [], 0
    for line in lines:
        first = float(np.mean([w.conf for w in line.words]))
        second = _second(line, first, crop, recognizer)
        if second is not None and second.score >= first + MARGIN \
                and _letters(second.words) >= 0.6 * _letters(line.words):
            out.append(Line(second.words))
            replaced += 1
        else:
            out.append(line)
    return tuple(out), replaced


def _letters(words: tuple[Word, ...]) -> int:
    return sum(ch.isalnum() for w in words for ch in w.text)


def _second(line: Line, first: float, crop: Any, recognizer: LineRecognizer
            ) -> Reading | None:
    """The line read again, or None: read well enough (``first``, Tesseract's mean
    confidence), too thin or too long to be a line of text, or a reading that failed
    (the page keeps Tesseract's line)."""
    b = line.box
    height = b.y1 - b.y0
    if first >= UNSURE_LINE or height < MIN_HEIGHT \
            or b.x1 - b.x0 > MAX_RATIO * height:
        return None
    pad = PAD * height
    left, top = max(0, int(b.x0 - pad)), max(0, int(b.y0 - pad))
    pixels = crop(left, top, int(b.x1 + pad) + 1, int(b.y1 + pad) + 1)
    try:
        second = recognizer.read(pixels, float(left), b.y0, b.y1)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a second opinion that fails changes nothing
        return None
    return second if second.words else None


def mean_confidence(lines: tuple[Line, ...]) -> float:
    """The page's mean word confidence (1.0 for a page without words: nothing to mend)."""
    confs = [w.conf for line in lines for w in line.words]
    return float(np.mean(confs)) if confs else 1.0
