"""Dates in French, Polish and English forms, and which one is which.

Every date-shaped text is parsed; the subscription date is the one that follows a
subscription label ("souscrit le", "zawartą dnia", "signed on"); the letter's own
date is the one on the place-and-date line near the top of the first page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..layout import SHAPE_CONFIDENCE, Layout, Reader, Stream
from ..lexicon import Lexicon, cue
from ..normalise import fold
from ..records import FieldValue
from .common import DIGIT_CONFUSIONS, HAND_DIGITS

CONTEXT_CHARS = 48  # how far before a date its label may stand


@dataclass(frozen=True)
class DateHit:
    stream: Stream
    start: int
    end: int
    text: str
    date: dt.date | None  # None: written, but cannot exist (31/02/2020)


def _fix_digits(text: str) -> str:
    """O/0, l/1 and the like inside numeric dates ('O2/O1/2O12'), and a hand's zero read
    as a C beside a digit ('C7/09/2016', not 'Bat. C-12-2024'); keeps every offset."""
    def mend(m: re.Match[str]) -> str:
        date = re.sub(r"(?<=\d)C|C(?=\d)", "0", m.group())
        return date.translate(DIGIT_CONFUSIONS) if "C" not in date else m.group()

    return re.sub(r"\b[0-9OoIlSBC]{1,4}(?:[/.\-][0-9OoIlSBC]{1,4}){2}\b", mend, text)


def _fix_years(text: str, month: str) -> str:
    """'8 novembre 2C15' is '8 novembre 2015': a year's digits OCR read as letters, only
    in a four-character word after a month's name with two digits at least; keeps every
    offset."""
    def mend(m: re.Match[str]) -> str:
        year = m.group(2)
        if sum(c.isdigit() for c in year) < 2:
            return m.group()
        return m.group(1) + year.translate(HAND_DIGITS)

    return re.sub(rf"(\b(?i:{month})\.?,?\s+)([0-9OoIlSBZzCDQ]{{4}})\b", mend, text)


# letters a hand's stroke is read as, each way: an o closed or open, an m missing a
# hump, a u or a v alike; a month's name between a day and a year is mended with them
HAND_SLIPS = {"a": "o", "o": "ace", "c": "oe", "e": "co", "n": "mu", "m": "n", "u": "nv",
              "v": "u", "i": "l", "l": "i"}
MAX_SLIPS = 2
GARBLED_MONTH = re.compile(r"\b(\d{1,2}\s+)([a-z]{5,11})(?=\s*[0-9OoIlSBZzCDQ]{4}\b)",
                           re.IGNORECASE)


def _mended_month(word: str, lex: Lexicon) -> str:
    """The month's name that ``word`` is one or two of a hand's slips away from
    ("navembre", "ncvenbre": novembre), or '' when none is, or more than one."""
    found: set[str] = set()
    frontier = {word.lower()}
    for _ in range(MAX_SLIPS):
        frontier = {w[:i] + to + w[i + 1:] for w in frontier for i, ch in enumerate(w)
                    for to in HAND_SLIPS.get(ch, "")}
        found |= {w for w in frontier if any(p.match(w) for p, _ in lex.months)}
        if found:
            break
    months = {n for w in found for p, n in lex.months if p.match(w)}
    return min(found) if len(months) == 1 else ""


def _fix_months(text: str, lex: Lexicon) -> str:
    """'8 navembre 2015' is '8 novembre 2015': a month's name a hand garbled, between a
    day and a year, written as the month it can only be; keeps every offset (a slip
    puts one letter for one)."""
    def mend(m: re.Match[str]) -> str:
        word = m.group(2)
        if any(p.match(word) for p, _ in lex.months):
            return m.group()
        return m.group(1) + (_mended_month(word, lex) or word)

    return GARBLED_MONTH.sub(mend, text)


# A year ends the date, or the Polish "r." (rok) stuck to it: "6 maja 2023r."
YEAR_END = r"(?:\b|(?=r\b))"


def _patterns(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    month = lex.month_alternation
    end = YEAR_END
    return [
        (re.compile(r"\b(\d{4})\s?-\s?(\d{1,2})\s?-\s?(\d{1,2})\b"), "ymd"),
        # OCR drops a separator now and then: "27.08 2025"
        (re.compile(r"\b(\d{1,2})\s?[/.\-]\s?(\d{1,2})(?:\s?[/.\-]\s?|\s)(\d{4})" + end),
         "dmy"),
        # a stop for the space before the year: "1er janvier.2012"
        # and no space at all, as a line recogniser drops one now and then: "mai2019"
        (re.compile(rf"\b(\d{{1,2}}|[1lI]er)(?:st|nd|rd|th)?[\s.\-]+({month})(?:\.?,?\s+|\.|)"
                    rf"(\d{{4}})" + end, re.IGNORECASE), "dMy"),
        (re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})" + end,
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


def dates_in(stream: Stream, lex: Lexicon) -> list[DateHit]:
    """Every date-shaped text of a stream, in order; a date may wrap onto the next line."""
    # an underscore is a speck ("_18/2/2014"), and so is a quote before a year ("marca
    # '2015"): neither is part of a date, and either hides the number's edge
    text = re.sub(r"_|['`](?=\d{4}\b)", " ", _fix_years(
        _fix_months(_fix_digits(stream.key), lex), lex.month_alternation))
    taken: list[tuple[int, int]] = []
    found = []
    for pattern, kind in _patterns(lex):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            year = int(m.group(3) if kind != "ymd" else m.group(1))
            if not 1950 <= year <= 2100:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateHit(stream, m.start(), m.end(), m.group(),
                                 _to_date(kind, m.groups(), lex)))
    return sorted(found, key=lambda h: h.start)


def find_dates(layout: Layout, lex: Lexicon) -> list[DateHit]:
    """Every date-shaped text of the document, in reading order."""
    return [hit for stream in layout.streams for hit in dates_in(stream, lex)]


IMPOSSIBLE = "impossible:"  # how the date reader reports a date that cannot exist


def _date_reader(lex: Lexicon) -> Reader:
    """Reads the first date a few words after a position: a label's value."""
    seen: dict[str, list[DateHit]] = {}  # a stream's dates, found once for all its labels

    def read(stream: Stream, pos: int) -> tuple[str, int, int] | None:
        if stream.text not in seen:
            seen[stream.text] = dates_in(stream, lex)
        for hit in seen[stream.text]:
            if hit.start < pos:
                continue
            between = stream.key[pos:hit.start]
            if len(between) > CONTEXT_CHARS or len(re.findall(r"\w+", between)) > 4:
                return None
            value = hit.date.isoformat() if hit.date else IMPOSSIBLE + hit.text
            return value, hit.start, hit.end
        return None

    return read


@dataclass(frozen=True)
class Dates:
    subscription: FieldValue | None
    letter: FieldValue | None
    impossible_subscription: str  # the text of a subscription date that cannot exist


# Words that say a contract began ("en cours depuis le", "podpisanej", "took out on"):
# stems, so that every tense and case of them counts.
START_WORDS = cue("start_words")
# Words that say a date is something else: when the end takes effect, a bill, a period.
OTHER_DATE_WORDS = cue("other_date_words")


def _started(hit: DateHit, letter: dt.date | None) -> bool:
    """A date that a start word comes shortly before, and nothing that says otherwise."""
    before = hit.stream.key[max(0, hit.start - 60):hit.start]
    near = " ".join(before.split()[-6:])
    return (hit.date is not None and bool(START_WORDS.search(near))
            and not OTHER_DATE_WORDS.search(before) and (letter is None or hit.date < letter))


# A weekday before a date ("Thu 13/02/2025", "mardi 1er avril 2025") is part of it.
WEEKDAY = cue("weekday")
# The header of a printed e-mail gives its date: "Sent :", "Envoyé :", "Wysłano:".
SENT = re.compile(r"(?i)^\W*(?:sent|envoy\w*|wys[lł]ano|date|data)\s*:?\s*$")


def _sent_header(layout: Layout, hit: DateHit) -> bool:
    """The date stands to the right of an e-mail header's 'Sent :' or 'Date :'."""
    box = hit.stream.evidence(hit.start, hit.end).box
    page = next(p for p in layout.pages if p.page.number == hit.stream.page.number)
    return box is not None and any(SENT.match(fold(ln.text)) for ln in page.row_of(box)
                                   if ln.box.x1 <= box.x0)


def classify_dates(layout: Layout, lex: Lexicon, *, by_context: bool = True) -> Dates:
    """The subscription date by its label, else by the words that say a contract began
    (when one date alone has them); the letter's own date by its place."""
    found, _ = layout.labelled(lex.label("subscription_date"), _date_reader(lex))
    subscription, impossible = None, ""
    if found is not None and found.value.startswith(IMPOSSIBLE):
        impossible = found.value[len(IMPOSSIBLE):]
    elif found is not None:
        subscription = FieldValue("subscription_date", found.value, found.evidence)
    used = found.evidence.box if found else None
    letter_label = lex.label("letter_date")
    letter = None
    every = find_dates(layout, lex)
    for h in every:
        page = h.stream.page
        if page.number != 1 or h.date is None:
            continue
        ev = h.stream.evidence(h.start, h.end)
        if used is not None and ev.box == used:
            continue
        prefix = WEEKDAY.sub("", re.sub(r"^[\W_]+", "", fold(h.stream.line_prefix(h.start))))
        if START_WORDS.search(prefix):
            continue  # "Depuis le : 7 avril 2016" says when a contract began
        # "le" as OCR may read it ("te", "ie"); "Sent : Wed" before an e-mail's date
        dateline = letter_label.search(prefix) or not re.search(
            r"\w", re.sub(r"(?i)\bdate\b", "", prefix)) or _sent_header(layout, h) \
            or re.fullmatch(r"\W*[lti1|]e\W*", prefix) or SENT.match(prefix)
        if dateline and h.stream.lines[h.stream.line_at(h.start)].box.y0 < page.height * 0.6:
            letter = FieldValue("letter_date", h.date.isoformat(), ev)
            break
    if subscription is None and not impossible and by_context:
        when = dt.date.fromisoformat(letter.value) if letter else None
        started = {h.date: h for h in every if _started(h, when)}
        if len(started) == 1:
            h = next(iter(started.values()))
            ev = h.stream.evidence(h.start, h.end)
            subscription = FieldValue("subscription_date", h.date.isoformat(),  # type: ignore[union-attr]
                                      replace(ev, confidence=ev.confidence * SHAPE_CONFIDENCE))
    return Dates(subscription, letter, impossible)
