"""Walking a document's lines, and tying a match back to the words it came from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..normalise import fold
from ..records import DocumentText, Evidence, Line, Page, Word

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


def words_in(line: Line, start: int, end: int) -> list[Word]:
    """The words of ``line`` that overlap characters ``start:end`` of ``line.text``."""
    out, pos = [], 0
    for w in line.words:
        w_end = pos + len(w.text)
        if w_end > start and pos < end:
            out.append(w)
        pos = w_end + 1
    return out


def confidence(words: list[Word]) -> float:
    """OCR confidence of a value: its words' confidences weighted by their length.

    Tesseract gives short groups ("14" in "FT 7650 6088 14") low confidences even
    when they are right; the weight keeps one short group from deciding alone.
    """
    total = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / total if total else 0.0


def words_evidence(page: int, words: list[Word], text: str) -> Evidence:
    """Where some words stand (the box around them), how sure OCR was, and the text."""
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return Evidence(page=page, box=box, confidence=confidence(words), text=text)


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


@dataclass(frozen=True)
class Stream:
    """A page's lines joined by spaces, so that labels and values may wrap lines.

    Lines that are only an OCR speck ("L", "|") are left out, so that they do not
    stand between a label and its value.
    """

    page: Page
    lines: tuple[Line, ...]
    text: str
    starts: tuple[int, ...]  # where each line begins in ``text``

    @cached_property
    def key(self) -> str:
        """``text`` without accents, for matching labels (same length, same offsets)."""
        return fold(self.text)

    def line_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def where(self, pos: int) -> Where:
        i = self.line_at(pos)
        return Where(self.page, i, self.lines[i])

    def labels(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of a label pattern; one that spans two lines only inside a paragraph.

        A label wraps when its line runs to the right margin ("porte la / référence");
        a short line such as a subject ("Objet : fin de contrat") ends where it ends,
        and its last word does not join the next line's first into a label.
        """
        edges = sorted(ln.box.x1 for ln in self.lines)
        right = edges[int(len(edges) * 0.9)] if edges else 0.0  # specks far right ignored
        for m in pattern.finditer(self.key):
            first = self.line_at(m.start())
            if first == self.line_at(max(m.start(), m.end() - 1)):
                yield m
            elif self.lines[first].box.x1 >= 0.75 * right:
                yield m

    def line_prefix(self, pos: int) -> str:
        """The text of ``pos``'s line before ``pos``."""
        return self.text[self.starts[self.line_at(pos)]:pos]

    def evidence(self, start: int, end: int) -> Evidence:
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        words: list[Word] = []
        for i in range(first, last + 1):
            line = self.lines[i]
            a, b = max(0, start - self.starts[i]), min(len(line.text), end - self.starts[i])
            words.extend(words_in(line, a, b))
        words = words or list(self.lines[first].words)
        text = " ".join(self.lines[i].text for i in range(first, last + 1))
        return words_evidence(self.page.number, words, text)


def _speck(line: Line) -> bool:
    text = line.text.replace(" ", "")
    return len(text) <= 2 and not any(ch.isdigit() for ch in text)


def streams(doc: DocumentText) -> list[Stream]:
    out = []
    for page in doc.pages:
        kept = tuple(line for line in page.lines if not _speck(line))
        starts, pos = [], 0
        for line in kept:
            starts.append(pos)
            pos += len(line.text) + 1
        out.append(Stream(page, kept, " ".join(line.text for line in kept), tuple(starts)))
    return out


def mm(page: Page) -> float:
    """Page units per millimetre (pages are taken to be A4)."""
    return max(page.width, page.height) / 297.0
