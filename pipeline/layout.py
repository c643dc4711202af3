"""The layout of a document, built once between ``text`` and the stages that read it.

A page's lines come from the text backend in the order it found them; here they are
put in reading order (rows top to bottom, left to right within a row) and joined
into one stream per page, so that a label that ends a line still meets its value
at the start of the next.  Field readers then ask the layout where a label's value
stands: on the label's own line, to its right across a gap or a table cell, or
directly below it.  Boxes stay in the page's own units here.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .lexicon import mend_label_words
from .normalise import fold
from .records import Box, DocumentText, Evidence, Line, Page, Word

if TYPE_CHECKING:
    from .text.zones import Zones

# The usual OCR confusions between letters and digits, read as digits (and a dollar
# sign, an S with a stroke through it, as a 5).
DIGIT_CONFUSIONS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                                  "!": "1", "S": "5", "s": "5", "$": "5", "B": "8", "Z": "2",
                                  "z": "2"})

TIME_SHAPE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
# Quotes, brackets, stops and degree signs OCR puts at a number's edges ("542°"); not a
# star, a sign or a dash, which make another thing of it ("*-3018-00209", "+48 …").
EDGE_SPECKS = re.compile(r"^[.,;:()\[\]'\"‘’‚“”„«»°º_]+|[.,;:()\[\]'\"‘’‚“”„«»°º_]+$")

# A reader looks at a stream from a position and returns (value, start, end) or None.
Reader = Callable[["Stream", int], "tuple[str, int, int] | None"]


def as_digits(token: str) -> str:
    """A token read as digits under the documented OCR confusions; '' if it is not one.

    A token counts only when at least half of its characters are real digits, so a
    word is never turned into a number.
    """
    # quotes and specks OCR puts at its edges ("542°"); not a bar or an exclamation
    # mark, which are as often a 1 ("|23 456 789")
    core = EDGE_SPECKS.sub("", token)
    if TIME_SHAPE.fullmatch(core):
        return ""  # an hour ("10:30"), not a group of a number
    core = re.sub(r"[-./:]", "", core)  # a group's separator, or a speck read as one
    # commas before groups of three ("627,184", "303,627,184"), not an amount's cents
    # ("26,91")
    core = re.sub(r"(?<=[0-9]),(?=[0-9]{3}(?:,[0-9]{3})*$)", "", core)
    if not core:
        return ""
    real = sum(ch.isdigit() for ch in core)
    mapped = core.translate(DIGIT_CONFUSIONS)
    if not mapped.isdigit() or real * 2 < len(core):
        return ""
    return mapped


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


def union(boxes: list[Box]) -> Box:
    box = boxes[0]
    for b in boxes[1:]:
        box = box.union(b)
    return box


def words_evidence(page: int, words: list[Word], text: str) -> Evidence:
    """Where some words stand (the box around them), how sure OCR was, and the text."""
    return Evidence(page=page, box=union([w.box for w in words]),
                    confidence=confidence(words), text=text)


@dataclass(frozen=True)
class Stream:
    """Lines joined by spaces, so that labels and values may wrap lines.

    Lines that are only an OCR speck ("L", "|") are left out, so that they do not
    stand between a label and its value.
    """

    page: Page
    lines: tuple[Line, ...]
    text: str
    starts: tuple[int, ...]  # where each line begins in ``text``

    @classmethod
    def of(cls, page: Page, lines: tuple[Line, ...]) -> Stream:
        starts, pos = [], 0
        for line in lines:
            starts.append(pos)
            pos += len(line.text) + 1
        return cls(page, lines, " ".join(line.text for line in lines), tuple(starts))

    @cached_property
    def key(self) -> str:
        """``text`` without accents, for matching labels (same length, same offsets)."""
        return fold(self.text)

    @cached_property
    def right_margin(self) -> float:
        """Where the text's lines end on the right (specks far right ignored)."""
        edges = sorted(ln.box.x1 for ln in self.lines)
        return edges[int(len(edges) * 0.9)] if edges else 0.0

    @cached_property
    def label_key(self) -> str:
        """``key`` with a label's word that OCR misread by one letter mended ("Référence
        du cantrat"), same length, same offsets: what labels are searched in."""
        return mend_label_words(self.key)

    def _label_at(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """The first label from ``pos``, in the text as read or in its mended copy: a
        mend only adds labels ("numeru klienta" stays the Polish label it is)."""
        texts = (self.key,) if self.label_key == self.key else (self.key, self.label_key)
        found = [m for m in (pattern.search(text, pos) for text in texts) if m is not None]
        return min(found, key=lambda m: m.start()) if found else None

    def line_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def labels(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of a label pattern; one that spans two lines only inside a paragraph.

        A label wraps when its line runs to the right margin ("porte la / référence");
        a short line such as a subject ("Objet : fin de contrat") ends where it ends,
        and its last word does not join the next line's first into a label.
        """
        right = self.right_margin
        pos = 0
        while (m := self._label_at(pattern, pos)) is not None:
            first = self.line_at(m.start())
            if first == self.line_at(max(m.start(), m.end() - 1)) \
                    or self.lines[first].box.x1 >= 0.75 * right:
                yield m
                pos = max(m.end(), m.start() + 1)
            else:
                # not a label: the next line's own label may start inside it
                pos = self.starts[first + 1]

    def runs_on(self, a: int, b: int) -> bool:
        """Whether text at ``b`` continues the line of ``a``: on the same line, or on the
        next when ``a``'s line runs to the right margin (a value that wraps).  A value
        does not run on into the line of another column or block."""
        first, then = self.line_at(a), self.line_at(b)
        if then == first:
            return True
        if then != first + 1:
            return False
        line, below = self.lines[first].box, self.lines[then].box
        # where the printed line starts: OCR may have cut it in two at a wide space (a
        # column beside it stands further off)
        start, k = line.x0, first - 1
        while k >= 0 and abs(self.lines[k].box.y0 - line.y0) < 0.5 * (line.y1 - line.y0) \
                and 0 <= start - self.lines[k].box.x1 < 0.03 * self.page.width:
            start, k = self.lines[k].box.x0, k - 1
        height = line.y1 - line.y0
        if 0 <= below.y0 - line.y0 < height and \
                abs(below.x0 - line.x1) <= 0.02 * self.page.width:
            return True  # starts where it ended, a little lower: one skewed line OCR cut
        if below.y0 - line.y0 < 0.5 * height or below.x0 < start - 0.1 * self.page.width:
            return False  # beside it or far left of it: a line of the column alongside
        # a paragraph's line ends near the margin, or a ragged one is followed by a line
        # that starts where it started
        return line.x1 >= 0.75 * self.right_margin or (
            line.x1 >= 0.6 * self.right_margin
            and abs(below.x0 - line.x0) <= 0.02 * self.page.width)

    def line_prefix(self, pos: int) -> str:
        """The text of ``pos``'s line before ``pos``."""
        return self.text[self.starts[self.line_at(pos)]:pos]

    def words(self, start: int, end: int) -> list[Word]:
        """The words that hold characters ``start:end``."""
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        out: list[Word] = []
        for i in range(first, last + 1):
            line = self.lines[i]
            a, b = max(0, start - self.starts[i]), min(len(line.text), end - self.starts[i])
            out.extend(words_in(line, a, b))
        return out

    def evidence(self, start: int, end: int) -> Evidence:
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        words = self.words(start, end) or list(self.lines[first].words)
        text = " ".join(self.lines[i].text for i in range(first, last + 1))
        return words_evidence(self.page.number, words, text)


def _speck(line: Line) -> bool:
    text = line.text.replace(" ", "")
    return len(text) <= 2 and not any(ch.isdigit() for ch in text)


def _height(line: Line) -> float:
    return max(1.0, line.box.y1 - line.box.y0)


def _middles(lines: tuple[Line, ...]) -> dict[int, float]:
    """Each line's middle, as the rows are made of; a line that starts where another
    ends, beside it, has that line's: OCR cuts a line that curves on a photographed
    page in two, and the second half, lower, would fall under the line below."""
    mids = {id(ln): (ln.box.y0 + ln.box.y1) / 2 for ln in lines}
    if len(lines) < 2:
        return mids
    # only lines ending within a line's height before this one starts can be its first
    # half: found by bisection on their ends, not by comparing every pair of lines
    order = {id(ln): k for k, ln in enumerate(lines)}
    by_end = sorted(lines, key=lambda ln: ln.box.x1)
    ends = [ln.box.x1 for ln in by_end]
    tallest = max(_height(ln) for ln in lines)
    for line in sorted(lines, key=lambda ln: ln.box.x0):
        b = line.box
        window = by_end[bisect.bisect_left(ends, b.x0 - tallest):
                        bisect.bisect_right(ends, b.x0)]
        halves = [before for before in window if before is not line
                  and b.x0 - before.box.x1 <= _height(before)
                  and min(before.box.y1, b.y1) - max(before.box.y0, b.y0)
                  >= 0.3 * min(_height(before), _height(line))]
        if halves:
            # the one it shares most height with (on a slanted photograph the first
            # halves of two lines may end where it starts), then the first in the
            # page's order, as OCR handed the lines over
            mids[id(line)] = mids[id(min(halves, key=lambda ln: (
                -(min(ln.box.y1, b.y1) - max(ln.box.y0, b.y0)), order[id(ln)])))]
    return mids


def _above_or_below(a: Line, b: Line) -> bool:
    """Whether two lines stand one over the other rather than side by side: they share
    most of the narrower one's width.  A slanted handwritten line's box is tall, and
    its middle may be that of the short line under its start."""
    shared = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
    return shared > 0.5 * min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0)


def reading_order(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], ...]:
    """The page's lines as rows, top to bottom, each row left to right.

    Two lines share a row when their middles are within half a line's height: a
    label and its value in two table cells, or two columns read apart by OCR; and
    when one goes on where the other stops (see ``_middles``).
    """
    mids = _middles(lines)
    rows: list[list[Line]] = []
    total = 0.0  # the sum of the middles of the last row's lines
    for line in sorted(lines, key=lambda ln: mids[id(ln)]):
        mid = mids[id(line)]
        if rows and abs(mid - total / len(rows[-1])) <= 0.5 * min(_height(line),
                                                                   _height(rows[-1][0])) \
                and not any(_above_or_below(line, other) for other in rows[-1]):
            rows[-1].append(line)
            total += mid
            continue
        rows.append([line])
        total = mid
    return tuple(tuple(sorted(row, key=lambda ln: ln.box.x0)) for row in rows)


@dataclass(frozen=True)
class PageLayout:
    page: Page
    rows: tuple[tuple[Line, ...], ...]

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """Every line in reading order."""
        return tuple(line for row in self.rows for line in row)

    @cached_property
    def stream(self) -> Stream:
        return Stream.of(self.page, tuple(ln for ln in self.lines if not _speck(ln)))

    @cached_property
    def line_height(self) -> float:
        heights = [_height(ln) for ln in self.lines]
        return statistics.median(heights) if heights else 10.0

    def row_of(self, box: Box) -> tuple[Line, ...]:
        mid = (box.y0 + box.y1) / 2
        half = 0.5 * max(box.y1 - box.y0, self.line_height)
        return tuple(ln for ln in self.lines if abs((ln.box.y0 + ln.box.y1) / 2 - mid) <= half)

    def right_of(self, box: Box) -> list[Word]:
        """Words on the same row as ``box``, to its right, left to right."""
        words = [w for ln in self.row_of(box) for w in ln.words if w.box.x0 >= box.x1 - 1]
        return sorted(words, key=lambda w: w.box.x0)

    def below(self, box: Box, cell: tuple[float, float] = (-math.inf, math.inf)
              ) -> list[list[Word]]:
        """The words that stand directly under ``box``, line by line below it, nearest
        first (a speck OCR read as a word may come before the value's line).

        From the first word that overlaps the box's columns, the words that follow
        it without a wide gap: a value under its label, in a table or a form.  Only
        words whose middle is inside ``cell`` (left and right) count: under a row of
        labels, the values of the cells beside are not this one's.
        """
        h = self.line_height
        under = [ln for ln in self.lines if box.y1 - 0.3 * h <= ln.box.y0 <= box.y1 + 2.5 * h
                 and ln.box.y0 > box.y0 + 0.5 * h]
        hits: list[tuple[float, list[Word]]] = []
        for ln in under:
            words = [w for w in ln.words if cell[0] < (w.box.x0 + w.box.x1) / 2 < cell[1]]
            for i, w in enumerate(words):
                if w.box.x1 > box.x0 - h and w.box.x0 < box.x1 + h:
                    start = i  # the value may start left of its label ("8812 4410 72")
                    while start > 0 and words[start].box.x0 - words[start - 1].box.x1 < 1.5 * h:
                        start -= 1
                    run = [words[start]]
                    for nxt in words[start + 1:]:
                        if nxt.box.x0 - run[-1].box.x1 > 1.5 * h:
                            break
                        run.append(nxt)
                    hits.append((ln.box.y0, run))
                    break
        return [run for _, run in sorted(hits, key=lambda t: t[0])]


# Words that may stand before a label in a form without being a field of their own.
LABEL_LEAD = {"votre", "vos", "your", "mon", "ma", "my", "le", "la", "the", "twoj", "twoja",
              "pana", "pani", "v/ref", "v/"}
LABEL_TAIL = {"le", "du", "on", "n°", "no", "nr", "dnia", "od", "since", "depuis"}
# A value found without its label (by its shape or its context) is trusted this much
# less than a labelled one.
SHAPE_CONFIDENCE = 0.8
# The zone right of a label read a second time: at least this share of the page's
# width, and on along the row's words until a gap of this many line heights.
ZONE_WIDTH = 0.3
COLUMN_GAP = 4.0
DATE_SHAPE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


@dataclass(frozen=True)
class DigitRun:
    """Groups of digits that follow one another in a stream ('482 915 306',
    '482-915-306', '4829I5306'): a number as printed, whatever its grouping."""

    stream: Stream
    start: int
    end: int
    digits: str


def digit_runs(stream: Stream) -> list[DigitRun]:
    """Every longest run of digit groups in a stream; a date, a comma or the end of a
    line that does not wrap ends one."""
    runs: list[DigitRun] = []
    cur: list[tuple[int, int, str]] = []

    def close() -> None:
        if cur:
            runs.append(DigitRun(stream, cur[0][0], cur[-1][1], "".join(d for _, _, d in cur)))
            cur.clear()

    # a word's colon glued to the number after it parts them ("client:629-757-473"),
    # and a customer's word's stop ("Klient.599-647-570"; not "SIREN.552100554": a word
    # with a stop after it would end its clause for the readers of numbers by shape)
    for m in re.finditer(r"[^\W\d_]{2,}:(?=\S)|(?i:client|klient|customer)\.(?=\d)|\S+",
                         stream.text):
        token = m.group()
        digits = as_digits(token)
        if not digits or DATE_SHAPE.fullmatch(token.strip(".,;:()")):
            close()
            continue
        if cur and not stream.runs_on(cur[0][0], m.start()):
            close()  # a number does not run on into another column's line
        cur.append((m.start() + len(token) - len(token.lstrip("([")),
                    m.end() - (len(token) - len(token.rstrip(".,;:)]"))), digits))
        if token.endswith((",", ";", ")", "]")):
            close()
    close()
    return runs


def stream_of_words(page: Page, words: list[Word]) -> Stream:
    """Some words read as one line, for a reader to look at."""
    return Stream.of(page, (Line(tuple(words)),)) if words else Stream.of(page, ())


@dataclass(frozen=True)
class Found:
    """A value a reader found, with where it stands."""

    value: str
    evidence: Evidence


def _page_sentences(pl: PageLayout) -> list[str]:
    out: list[str] = []
    lines = pl.stream.lines
    right = pl.stream.right_margin
    para: list[str] = []
    for i, ln in enumerate(lines):
        para.append(ln.text)
        last = i + 1 == len(lines)
        gap = not last and lines[i + 1].box.y0 - ln.box.y1 > 1.2 * pl.line_height
        # a line OCR cut in two goes on beside it: its first half is short, not ended
        goes_on = not last and 0 <= lines[i + 1].box.x0 - ln.box.x1 <= pl.line_height \
            and lines[i + 1].box.y0 < ln.box.y1
        if last or gap or (ln.box.x1 < 0.75 * right and not goes_on):
            out.extend(split_sentences(" ".join(para)))
            para = []
    return out


# Words of three letters or more that no sentence ends on (articles, possessives): a
# stop after one, before a word in small letters, is a speck of the scan ("Merci
# des. frais"); a shorter word is taken as an abbreviation's anyway ("de.", "sp.").
NEVER_LAST = frozenset("des les une aux mon mes ton tes votre vos cette the your "
                       "mój moja moją moje".split())


# The words that close a French negation opened by "ne": a sentence with a "ne" still
# open does not end before one of them ("Je ne souhaite. pas résilier").
NEGATION_CLOSE = frozenset("pas plus jamais rien point guère guere".split())


def _negation_open(sentence: str) -> bool:
    """Whether the sentence ends on a "ne" (or "n'") and its verb, a pronoun at most
    between them ("Je ne souhaite.", "je ne le veux."): the word that closes it comes
    right after the verb.  A "ne" further back may stay open ("si ce n'est pour …",
    "ne … que", "aucun")."""
    words = re.findall(r"\w+['’]?", sentence.lower())
    return any(w in ("ne", "n'", "n’") for w in words[-3:-1]) and \
        not NEGATION_CLOSE.intersection(words[-2:])


def split_sentences(text: str) -> list[str]:
    """``text`` cut at each stop, exclamation or question mark; but a stop before a
    word in small letters after an abbreviation ("sp. z o.o.": two letters at most, or
    a stop inside) or a word that never ends a sentence is no sentence's end, nor is
    one inside a French negation ("ne" … "pas")."""
    out: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", text):
        if not piece:
            continue
        last = out[-1].rsplit(None, 1)[-1][:-1] if out else ""
        if out and out[-1].endswith(".") and piece[0].islower() and (
                len(last) <= 2 or "." in last or last.lower() in NEVER_LAST
                or (piece.split()[0].strip(".,;:").lower() in NEGATION_CLOSE
                    and _negation_open(out[-1]))):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


@dataclass(frozen=True)
class Layout:
    """One document's pages in reading order, and the questions readers ask of them."""

    doc: DocumentText
    pages: tuple[PageLayout, ...]
    # the scanned pages' pixels, for a second look at a label's row (text/zones.py)
    zones: Zones | None = field(default=None, compare=False)

    @property
    def streams(self) -> list[Stream]:
        return [p.stream for p in self.pages]

    @cached_property
    def digit_runs(self) -> list[DigitRun]:
        """Every number of the document by its shape, whatever stands near it."""
        return [run for stream in self.streams for run in digit_runs(stream)]

    @cached_property
    def text(self) -> str:
        """The document's text in reading order, pages apart by a blank line."""
        return "\n\n".join("\n".join(ln.text for ln in p.lines) for p in self.pages)

    @cached_property
    def sentences(self) -> list[str]:
        """The text cut into sentences: at a full stop, a question or exclamation mark,
        and where a paragraph ends (a line short of the right margin, or a gap under it).
        A subject line or a heading is a sentence of its own."""
        return [s for page in self._sentences_by_page for s in page]

    @cached_property
    def first_page_sentences(self) -> int:
        """How many of ``sentences`` are on the first page, where a letter's title is."""
        return len(self._sentences_by_page[0]) if self.pages else 0

    @cached_property
    def _sentences_by_page(self) -> list[list[str]]:
        return [_page_sentences(pl) for pl in self.pages]

    def labelled(self, label: re.Pattern[str], read: Reader,
                 keep: Callable[[PageLayout, Box], bool] | None = None, *,
                 across: bool = True, again: bool = False) -> tuple[Found | None, bool]:
        """The value that ``read`` finds for a label, and whether any label was seen.

        Each label is tried where a value stands from it, nearest first: after it on
        its own line (or wrapping to the next), to its right across a gap or a cell,
        directly under it; with ``again``, its row right of it read a second time on a
        scanned page (``text/zones.py``); only then anywhere after it in the text.
        ``keep`` may refuse a label by its box (an invoice's customer number is on the
        left); without ``across``, a value across a gap to the right (another column)
        is not the label's: for a weak label, a bare word.
        """
        hits = []
        for pl in self.pages:
            for m in pl.stream.labels(label):
                words = pl.stream.words(m.start(), m.end())
                if not words:
                    continue
                box = union([w.box for w in words])
                if keep is None or keep(pl, box):
                    # what the text holds after the label: read once, asked twice below
                    hits.append((pl, m, box, _read(pl.stream, m.end(), read)))
        for pl, m, box, after in hits:
            if found := self._near(pl, m, box, after, read, across):
                return found, True
        for pl, m, box, _ in hits if again and self.zones is not None else ():
            if found := self._looked_again(pl, m, box, read):
                return found, True
        for _, _, _, after in hits:
            if after:
                return after[0], True
        return None, bool(hits)

    @staticmethod
    def _near(pl: PageLayout, m: re.Match[str], box: Box, got: tuple[Found, int] | None,
              read: Reader, across: bool) -> Found | None:
        """The value near a label; ``got`` is what the text holds after it."""
        stream = pl.stream
        line = stream.line_at(max(m.start(), m.end() - 1))
        if got and stream.line_at(got[1]) == line:
            return got[0]  # on the label's own line, or wrapping from its end to the next
        own = set(map(id, stream.lines[line].words))
        right = [w for w in pl.right_of(box) if id(w) not in own] if across else []
        if right and (there := _read(stream_of_words(pl.page, right), 0, read)):
            return there[0]
        if _alone(pl, stream.lines[line], box):
            for under in pl.below(box, _cell(pl, box)):
                if there := _read(stream_of_words(pl.page, under), 0, read):
                    return there[0]
        return None

    def _looked_again(self, pl: PageLayout, m: re.Match[str], box: Box, read: Reader
                      ) -> Found | None:
        """The value in the label's row, right of it, read a second time from the
        page's pixels: where the page's reading garbled it past reading, or left it
        out.  The row ends at a gap wider than a column's (the next column's text).
        A label alone in its cell (a table's header) has its value under it: the
        words there are read again."""
        if self.zones is None or not self.zones.has(pl.page.number):
            return None
        h = pl.line_height
        end = box.x1 + ZONE_WIDTH * pl.page.width
        for w in pl.right_of(box):
            if w.box.x0 - end > COLUMN_GAP * h:
                break
            end = max(end, w.box.x1 + h)
        zones = [Box(box.x1 + 1, box.y0, min(end, pl.page.width), box.y1)]
        line = pl.stream.lines[pl.stream.line_at(max(m.start(), m.end() - 1))]
        if _alone(pl, line, box):
            for under in pl.below(box, _cell(pl, box))[:1]:
                cell = union([w.box for w in under])
                zones.append(Box(max(0.0, cell.x0 - h / 2), cell.y0,
                                 min(pl.page.width, cell.x1 + h / 2), cell.y1))
        for zone in zones:
            for words in self.zones.readings(pl.page.number, zone):
                if words and (there := _read(stream_of_words(pl.page, words), 0, read)):
                    return there[0]
        return None


def _alone(pl: PageLayout, line: Line, box: Box) -> bool:
    """The label stands alone, as in a form or a table's header: on its line, nothing
    after it but punctuation, and nothing before it, but across a gap wider than a
    space (the next cell)."""
    gap = _cell_gap(pl, box)
    after = [w for w in line.words if w.box.x0 >= box.x1 - 1]
    # a label's own small words after it ("Souscrit le", "Client n°") are the label's,
    # when they follow it as words do, not across a gap (the next cell's "N° de contrat")
    while after and _plain(after[0].text) in LABEL_TAIL \
            and after[0].box.x0 - box.x1 <= gap:
        box = Box(box.x0, box.y0, after.pop(0).box.x1, box.y1)
    before = [w for w in line.words if w.box.x1 <= box.x0 + 1][::-1]
    # and its small words before it ("Votre contrat"), when they lead into it as words
    # do: the cell's edge is then theirs (a sentence's "… subscription. The contract
    # reference is" does not stand alone for the width of its "The")
    while before and _plain(before[0].text) in LABEL_LEAD and box.x0 - before[0].box.x1 <= gap:
        box = Box(before.pop(0).box.x0, box.y0, box.x1, box.y1)
    return _cell_edge(after, box.x1, gap, 1) and _cell_edge(before, box.x0, gap, -1)


def _plain(word: str) -> str:
    """A word as the lists of a label's small words hold it: folded, in lower case,
    without the stops, colons and quotes about it (a speck read as a quote: "‘Votre")."""
    return fold(word).lower().strip(".:,'\"‘’“”«»")


def _cell_gap(pl: PageLayout, box: Box) -> float:
    """A gap wider than a space, beside a label: by the label's own height where its
    line is smaller than the page's (a table's small print, rows close together)."""
    return 1.2 * min(pl.line_height, max(box.y1 - box.y0, 0.5 * pl.line_height))


def _cell(pl: PageLayout, box: Box) -> tuple[float, float]:
    """Where a label's cell ends left and right: at the next words in its row across a
    gap wider than a space (the labels beside it in a row of labels)."""
    gap = _cell_gap(pl, box)
    words = [w for ln in pl.row_of(box) for w in ln.words if re.search(r"\w", w.text)]
    return (max((w.box.x1 for w in words if w.box.x1 < box.x0 - gap), default=-math.inf),
            min((w.box.x0 for w in words if w.box.x0 > box.x1 + gap), default=math.inf))


def _cell_edge(words: list[Word], edge: float, gap: float, way: int) -> bool:
    """Nothing stands next to a label on that side but punctuation, until a table's bar
    ("|") or a gap wider than a space: the label fills its cell."""
    for w in words:
        if w.text.strip() in ("|", "||", "[", "]"):
            return True
        if re.search(r"\w", w.text):
            return (w.box.x0 - edge if way > 0 else edge - w.box.x1) > gap
    return True


def _read(stream: Stream, pos: int, read: Reader) -> tuple[Found, int] | None:
    """What ``read`` finds from ``pos``, and where in ``stream`` it starts."""
    got = read(stream, pos)
    if not got:
        return None
    value, start, end = got
    return Found(value, stream.evidence(start, end)), start


def build_layout(doc: DocumentText, zones: Zones | None = None) -> Layout:
    """The layout stage: every page's lines in reading order, and its stream; ``zones``
    to look a second time at a scanned page's zone."""
    return Layout(doc, tuple(PageLayout(p, reading_order(p.lines)) for p in doc.pages),
                  zones)
