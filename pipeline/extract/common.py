"""Walking a document's lines, and tying a match back to the words it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..layout import words_evidence, words_in
from ..records import DocumentText, Evidence, Line, Page

# The usual OCR confusions between letters and digits, read as digits.
DIGIT_CONFUSIONS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                                  "!": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})


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


def as_digits(token: str) -> str:
    """A token read as digits under the documented OCR confusions; '' if it is not one.

    A token counts only when at least half of its characters are real digits, so a
    word is never turned into a number.
    """
    core = token.strip(".,;:()[]")
    core = re.sub(r"[-./]", "", core)
    if not core:
        return ""
    real = sum(ch.isdigit() for ch in core)
    mapped = core.translate(DIGIT_CONFUSIONS)
    if not mapped.isdigit() or real * 2 < len(core):
        return ""
    return mapped


def mm(page: Page) -> float:
    """Page units per millimetre (pages are taken to be A4)."""
    return max(page.width, page.height) / 297.0
