"""Test helpers: a document made from plain text, laid out as an A4 page in points."""

from __future__ import annotations

import re

from pipeline.layout import Layout, build_layout
from pipeline.records import Box, DocumentText, Line, Page, Word, split_columns

CHAR_W, LINE_H = 5.0, 14.0


def document_from_text(text: str, *, ink_after: str = "", conf: float = 1.0) -> DocumentText:
    """Pages split on form feeds; lines as written; optional ink mark under a line.

    ``ink_after`` names the text of a line under which a handwritten mark is drawn,
    the way a text-layer PDF holds a drawn signature.
    """
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        lines, marks = [], []
        y = 40.0
        for raw in page_text.strip("\n").split("\n"):
            words = []
            for m in re.finditer(r"\S+", raw):
                x = 60.0 + m.start() * CHAR_W
                words.append(Word(m.group(), Box(x, y, x + len(m.group()) * CHAR_W, y + 10),
                                  conf))
            lines.extend(Line(seg) for seg in split_columns(words) if seg)
            if ink_after and raw.strip() == ink_after:
                marks.append(Box(80, y + LINE_H, 200, y + 2 * LINE_H))
                y += 2 * LINE_H
            y += LINE_H
        pages.append(Page(number, 595.0, 842.0, tuple(lines), "text_layer", tuple(marks)))
    return DocumentText(tuple(pages))


def layout_from_text(text: str, **kwargs: object) -> Layout:
    """The layout stage's view of ``document_from_text``'s page."""
    return build_layout(document_from_text(text, **kwargs))  # type: ignore[arg-type]


def document_from_cells(cells: list[tuple[float, float, str]], *,
                        engine: str = "text_layer") -> DocumentText:
    """One A4 page whose lines are the given cells (x, y in points, text), kept in the
    order given, as an OCR engine that reads a column at a time hands them over."""
    lines = []
    for x0, y, text in cells:
        words, x = [], x0
        for word in text.split():
            words.append(Word(word, Box(x, y, x + len(word) * CHAR_W, y + 10), 0.95))
            x += (len(word) + 1) * CHAR_W
        lines.append(Line(tuple(words)))
    return DocumentText((Page(1, 595.0, 842.0, tuple(lines), engine),))


def document_from_rows(rows: list[tuple[float, list[tuple[float, str]]]]) -> DocumentText:
    """One scanned A4 page whose lines are rows of cells (y, [(x, text), ...]): OCR
    read each row as one line, across the gaps between its cells."""
    lines = []
    for y, cells in rows:
        words = []
        for x0, text in cells:
            x = x0
            for word in text.split():
                words.append(Word(word, Box(x, y, x + len(word) * CHAR_W, y + 10), 0.9))
                x += (len(word) + 1) * CHAR_W
        lines.append(Line(tuple(words)))
    return DocumentText((Page(1, 595.0, 842.0, tuple(lines), "tesseract"),))


def document_from_boxes(lines: list[tuple[float, float, float, float, str]]) -> DocumentText:
    """One scanned A4 page (in pixels at 150 dpi) whose lines are given with their boxes
    (x0, y0, x1, y1, text), words spread evenly along them, in the order given."""
    made = []
    for x0, y0, x1, y1, text in lines:
        words = text.split()
        step = (x1 - x0) / max(1, sum(len(w) + 1 for w in words) - 1)
        x, boxed = x0, []
        for word in words:
            boxed.append(Word(word, Box(x, y0, x + len(word) * step, y1), 0.9))
            x += (len(word) + 1) * step
        made.append(Line(tuple(boxed)))
    return DocumentText((Page(1, 1240.0, 1754.0, tuple(made), "tesseract"),))
