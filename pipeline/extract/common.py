"""Walking a document's lines, and tying a match back to the words it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..layout import DIGIT_CONFUSIONS, as_digits, words_evidence, words_in
from ..records import DocumentText, Evidence, Line, Page

__all__ = ["DIGIT_CONFUSIONS", "HAND_DIGITS", "Where", "as_digits", "bare", "evidence", "lines",
           "mm"]

# A number's digits as OCR reads them, and a hand's zero read as a round letter
# ("2C15", "TSA ICC18"): for the readers of years and TSA numbers
HAND_DIGITS = str.maketrans({**{chr(k): v for k, v in DIGIT_CONFUSIONS.items()},
                             "C": "0", "D": "0", "Q": "0"})


@dataclass(frozen=True)
class Where:
    """A line of the document, with its page and its index on that page."""

    page: Page
    index: int
    line: Line


def lines(doc: DocumentText) -> Iterator[Where]:
    for page in doc.pages:
        for i, line in enumerate(page.lines):
            yield Where(page, i, line)


def evidence(where: Where, start: int, end: int) -> Evidence:
    words = words_in(where.line, start, end) or list(where.line.words)
    return words_evidence(where.page.number, words, where.line.text)


def mm(page: Page) -> float:
    """Page units per millimetre (pages are taken to be A4)."""
    return max(page.width, page.height) / 297.0


def bare(value: str) -> str:
    """A value's letters and digits alone, as two readings of a number are compared."""
    return re.sub(r"[\W_]", "", value)
