"""Dates in French, Polish and English forms, and which one is which.

Every date-shaped text is parsed; the subscription date is the one that follows a
subscription label ("souscrit le", "zawartą dnia", "signed on"); the letter's own
date is the one on the place-and-date line near the top of the first page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..records import DocumentText, FieldValue
from .common import DIGIT_CONFUSIONS, Where, evidence, lines

CONTEXT_CHARS = 48  # how far before a date its label may stand


@dataclass(frozen=True)
class DateHit:
    where: Where
    start: int
    end: int
    text: str
    date: dt.date | None  # None: written, but cannot exist (31/02/2020)


def _fix_digits(text: str) -> str:
    """O/0, l/1 and the like inside numeric dates ('O2/O1/2O12')."""
    return re.sub(r"\b[0-9OoIlSB]{1,4}(?:[/.\-][0-9OoIlSB]{1,4}){2}\b",
                  lambda m: m.group().translate(DIGIT_CONFUSIONS), text)


def _patterns(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    month = lex.month_alternation
    return [
        (re.compile(r"\b(\d{4})\s?-\s?(\d{1,2})\s?-\s?(\d{1,2})\b"), "ymd"),
        (re.compile(r"\b(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4})\b"), "dmy"),
        (re.compile(rf"\b(\d{{1,2}}|1er)(?:st|nd|rd|th)?\s+({month})\.?,?\s+(\d{{4}})\b",
                    re.IGNORECASE), "dMy"),
        (re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
                    re.IGNORECASE), "Mdy"),
    ]


def _month_number(name: str, lex: Lexicon) -> int:
    for pattern, number in lex.months:
        if pattern.match(name):
            return number
    return 0


def _to_date(kind: str, groups: tuple[str, ...], lex: Lexicon) -> dt.date | None:
    if kind == "ymd":
        y, m, d = (int(g) for g in groups)
    elif kind == "dmy":
        d, m, y = (int(g) for g in groups)
    elif kind == "dMy":
        d, m, y = 1 if groups[0] == "1er" else int(groups[0]), _month_number(groups[1], lex), \
            int(groups[2])
    else:
        m, d, y = _month_number(groups[0], lex), int(groups[1]), int(groups[2])
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(doc: DocumentText, lex: Lexicon) -> list[DateHit]:
    """Every date-shaped text, in reading order (overlaps resolved left to right)."""
    patterns = _patterns(lex)
    hits = []
    for where in lines(doc):
        text = _fix_digits(where.line.text)
        taken: list[tuple[int, int]] = []
        found = []
        for pattern, kind in patterns:
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                year = int(m.group(3) if kind != "ymd" else m.group(1))
                if not 1950 <= year <= 2100:
                    continue
                taken.append((m.start(), m.end()))
                found.append(DateHit(where, m.start(), m.end(), m.group(),
                                     _to_date(kind, m.groups(), lex)))
        hits.extend(sorted(found, key=lambda h: h.start))
    return hits


def _before(hit: DateHit, doc_lines: dict[tuple[int, int], str]) -> str:
    """The text just before a date, reaching back onto the previous line if needed."""
    text = hit.where.line.text[: hit.start]
    if len(text) < CONTEXT_CHARS:
        prev = doc_lines.get((hit.where.page.number, hit.where.index - 1), "")
        text = prev + " " + text
    return text[-CONTEXT_CHARS:]


@dataclass(frozen=True)
class Dates:
    subscription: FieldValue | None
    letter: FieldValue | None
    impossible_subscription: str  # the text of a subscription date that cannot exist


def classify_dates(doc: DocumentText, lex: Lexicon) -> Dates:
    hits = find_dates(doc, lex)
    doc_lines = {(w.page.number, w.index): w.line.text for w in lines(doc)}
    sub_label = lex.label("subscription_date")
    letter_label = lex.label("letter_date")
    subscription = None
    impossible = ""
    others: list[DateHit] = []
    for hit in hits:
        before = _before(hit, doc_lines)
        # the label must be the last thing before the date, not an earlier clause
        m = None
        for m in sub_label.finditer(before):
            pass
        if m is not None and len(re.findall(r"\w+", before[m.end():])) <= 4:
            if subscription is None and not impossible:
                if hit.date is None:
                    impossible = hit.text
                else:
                    subscription = FieldValue("subscription_date", hit.date.isoformat(),
                                              evidence(hit.where, hit.start, hit.end))
            continue
        others.append(hit)
    letter = None
    first_page = [h for h in others if h.where.page.number == 1 and h.date is not None]
    on_date_line = [h for h in first_page
                    if letter_label.search(h.where.line.text[: h.start])
                    or not re.search(r"\w", h.where.line.text[: h.start]
                                     .replace("Date", "").replace("date", ""))]
    top = [h for h in on_date_line if h.where.line.box.y0 < h.where.page.height * 0.6]
    chosen = (top or on_date_line)[:1]
    if chosen:
        h = chosen[0]
        assert h.date is not None
        letter = FieldValue("letter_date", h.date.isoformat(), evidence(h.where, h.start, h.end))
    return Dates(subscription, letter, impossible)
