"""A second reader for the lines of a page that Tesseract read poorly.

Tesseract reads print well and handwriting badly: on a hand-written letter it returns
most words at a confidence of 0.3 to 0.8, with digits and words garbled ("Men nunére"
for "Mon numéro").  A neural text-line recogniser trained on photographs and
handwriting as well as print (PaddleOCR's PP-OCR recogniser, run by RapidOCR on ONNX
Runtime; its model ships inside the ``rapidocr`` wheel, so nothing is downloaded)
reads the same lines far better.  It only recognises: Tesseract still finds the lines,
and the second reader reads each line's box again.  For each line the reading with
the higher confidence is kept, so a page that Tesseract reads well is left as it is.

It costs about 40 ms a line (a second a page), so it is only asked about pages whose
mean word confidence is below ``POOR_PAGE``: print, even a poor scan of it, reads
above that; handwriting below.
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
        left = x0 + width * min(cols) / columns
        right = x0 + width * (max(cols) + 1) / columns
        words.append(Word("".join(chars), Box(left, y0, max(right, left + 1), y1), conf))
    return tuple(words)


def read_again(lines: tuple[Line, ...], crop: Any, recognizer: LineRecognizer
               ) -> tuple[tuple[Line, ...], int]:
    """Each line read again from the page's pixels (``crop(x0, y0, x1, y1)`` gives them,
    as ``PageImage.crop``), kept where the recogniser is clearly surer than Tesseract.

    Returns the lines and how many were replaced.
    """
    out, replaced = [], 0
    for line in lines:
        b = line.box
        pad = PAD * (b.y1 - b.y0)
        left, top = int(b.x0 - pad), int(b.y0 - pad)
        pixels = crop(max(0, left), max(0, top), int(b.x1 + pad) + 1, int(b.y1 + pad) + 1)
        second = recognizer.read(pixels, float(max(0, left)), b.y0, b.y1)
        first = float(np.mean([w.conf for w in line.words]))
        if second.words and second.score >= first + MARGIN:
            out.append(Line(second.words))
            replaced += 1
        else:
            out.append(line)
    return tuple(out), replaced


def mean_confidence(lines: tuple[Line, ...]) -> float:
    """The page's mean word confidence (1.0 for a page without words: nothing to mend)."""
    confs = [w.conf for line in lines for w in line.words]
    return float(np.mean(confs)) if confs else 1.0
