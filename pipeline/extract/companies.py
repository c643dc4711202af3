"""The customer's company, and the block of lines where a sender names itself.

Orange Pro customers are mostly businesses (docs/rules.md): a letter comes from
"Pharmacie X" or "X SARL", written by its manager.  A line of the sender block (or of
an invoice's address window) names a business when it carries a legal form (SARL,
sp. z o.o., Ltd) or a trade ("Pharmacie", "Transport", "& Fils").
"""

from __future__ import annotations

import re

from ..layout import Layout
from ..lexicon import Lexicon, cue
from ..normalise import fold
from ..records import FieldValue
from .common import Where, evidence

# Where a sender block ends: the subject, the greeting, the references.
BLOCK_END = cue("block_end")
TOP = 0.36  # share of the first page's height where sender and address blocks stand
# Short legal forms count in capitals only: "SA" is a company, "sa" a French word.
SHORT_FORM = re.compile(r"(?<![\w.])(?:SARL|EURL|SASU|SAS|SA|SNC|SCI|SCP|SELARL|EIRL|EI|"
                        r"GAEC|EARL|SCOP|LTD|Ltd|PLC|Plc|LLC|LLP|Inc|INC)\.?(?![\w])")
PARTS = re.compile(r",|\s[-–—|]\s")


def sender_block(layout: Layout) -> list[Where]:
    """The lines at the top of the first page, before the subject or the greeting."""
    if not layout.pages:
        return []
    pl = layout.pages[0]
    out = []
    for line in pl.lines:
        if line.box.y0 > pl.page.height * TOP or BLOCK_END.search(line.text):
            if line.box.y0 > pl.page.height * 0.12:  # a greeting above that is a header
                break
            continue
        out.append(Where(pl.page, -1, line))
    return out


# Surnames in a row, the last joined by "and": a firm ("Preston, Cooke and Hill")
FIRM = re.compile(r"[A-Z][\w'-]+(?:, [A-Z][\w'-]+)+,? (?:and|&|et|i) [A-Z][\w'-]+")


def business_name(text: str, lex: Lexicon) -> str:
    """The business a line names ('Auger Plomberie - 35, chemin...' gives 'Auger
    Plomberie', 'Anne Roy, EURL Roy' gives 'EURL Roy'), or ''."""
    if firm := FIRM.fullmatch(_clean(text)):
        return firm.group()
    parts = PARTS.split(text.strip())
    for i, raw in enumerate(parts):
        part = _clean(raw)
        if not part or "orange" in part.lower() or sum(ch.isdigit() for ch in part) > 2 \
                or not part[0].isupper() or len(part.split()) > 6:
            continue  # a name, not a sentence ("voir conditions en agence")
        key = fold(part)
        if (SHORT_FORM.search(part) or lex.long_legal_forms.search(key)
                or lex.phrases("companies", "trade_joiners").search(key)
                or lex.phrases("companies", "trade_words").search(key)):
            before = _clean(parts[i - 1]) if i else ""
            if re.fullmatch(r"[A-Z][\w'-]+", before) and re.search(r"\s(?:and|&|et|i)\s", part):
                return f"{before}, {part}"  # "Preston, Cooke and Humphreys LLP"
            return part
    return ""


# OCR reads the o of the Polish "sp. z o.o." as a zero and its z as a capital
POLISH_LLC = re.compile(r"\b(sp)\.?\s*z\s*[o0]\.\s*[o0]\.?", re.IGNORECASE)


def _clean(part: str) -> str:
    """A name without the specks OCR reads at its edges ("'- Roy SA .", "‘Roy & Fils")."""
    part = re.sub(r"^[\W_]+", "", part.strip())
    part = re.sub(r"(?:\s+[^\w\s]+|[^\w.)\s]+)$", "", part).strip()
    return POLISH_LLC.sub(lambda m: f"{m.group(1)}. z o.o.", part)


def company(layout: Layout, lex: Lexicon) -> FieldValue | None:
    """The customer's company, named in the sender block or the address window."""
    for where in sender_block(layout):
        if name := business_name(where.line.text, lex):
            start = where.line.text.find(name)
            return FieldValue("company_name", name, evidence(where, start, start + len(name)))
    return None
