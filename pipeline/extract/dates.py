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
from ..normalise import fold
from ..records import DocumentText, FieldValue
from .common import DIGIT_CONFUSIONS, Stream, streams

CONTEXT_CHARS = 48  # how far before a date its label may stand


@dataclass(frozen=True)
class DateHit:
    stream: Stream
    start: int
    end: int
    text: str
    date: dt.date | None  # None: written, but cannot exist (31/02/2020)


def _fix_digits(text: str) -> str:
    """O/0, l/1 and the like inside numeric dates ('O2/O1/2O12'); keeps every offset."""
    return re.sub(r"\b[0-9OoIlSB]{1,4}(?:[/.\-][0-9OoIlSB]{1,4}){2}\b",
                  lambda m: m.group().translate(DIGIT_CONFUSIONS), text)


def _patterns(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    month = lex.month_alternation
    return [
        (re.compile(r"\b(\d{4})\s?-\s?(\d{1,2})\s?-\s?(\d{1,2})\b"), "ymd"),
        (re.compile(r"\b(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?(\d{4})\b"), "dmy"),
        (re.compile(rf"\b(\d{{1,2}}|[1lI]er)(?:st|nd|rd|th)?[\s.]+({month})\.?,?\s+(\d{{4}})\b",
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
        day = 1 if groups[0].endswith("er") else int(groups[0])
        d, m, y = day, _month_number(groups[1], lex), int(groups[2])
    else:
        m, d, y = _month_number(groups[0], lex), int(groups[1]), int(groups[2])
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(doc: DocumentText, lex: Lexicon) -> list[DateHit]:
    """Every date-shaped text, in reading order; a date may wrap onto the next line."""
    patterns = _patterns(lex)
    hits = []
    for stream in streams(doc):
        text = _fix_digits(stream.key)
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
                found.append(DateHit(stream, m.start(), m.end(), m.group(),
                                     _to_date(kind, m.groups(), lex)))
        hits.extend(sorted(found, key=lambda h: h.start))
    return hits


@dataclass(frozen=True)
class Dates:
    subscription: FieldValue | None
    letter: FieldValue | None
    impossible_subscription: str  # the text of a subscription date that cannot exist


def _labelled(hit: DateHit, label: re.Pattern[str]) -> bool:
    """True when a subscription label stands just before the date (a few words at most)."""
    before = hit.stream.key[max(0, hit.start - CONTEXT_CHARS):hit.start]
    matches = list(label.finditer(before))
    last = matches[-1] if matches else None
    return last is not None and len(re.findall(r"\w+", before[last.end():])) <= 4


def classify_dates(doc: DocumentText, lex: Lexicon) -> Dates:
    sub_label = lex.label("subscription_date")
    letter_label = lex.label("letter_date")
    subscription = None
    impossible = ""
    others: list[DateHit] = []
    for hit in find_dates(doc, lex):
        if not _labelled(hit, sub_label):
            others.append(hit)
        elif subscription is None and not impossible:
            if hit.date is None:
                impossible = hit.text
            else:
                subscription = FieldValue("subscription_date", hit.date.isoformat(),
                                          hit.stream.evidence(hit.start, hit.end))
    letter = None
    for h in others:
        page = h.stream.page
        if page.number != 1 or h.date is None:
            continue
        prefix = re.sub(r"^[\W_]+", "", fold(h.stream.line_prefix(h.start)))
        dateline = letter_label.search(prefix) or not re.search(
            r"\w", re.sub(r"(?i)\bdate\b", "", prefix))
        if dateline and h.stream.where(h.start).line.box.y0 < page.height * 0.6:
            letter = FieldValue("letter_date", h.date.isoformat(),
                                h.stream.evidence(h.start, h.end))
            break
    return Dates(subscription, letter, impossible)
