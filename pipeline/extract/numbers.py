"""The customer number and the contract number, found by their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..records import DocumentText, FieldValue
from .common import Where, as_digits, evidence, lines

FILLER_WORDS = {"est", "le", "la", "is", "to", "nr", "n°", "no", ":", "-", "–", "=", "numéro",
                "numero", "number", "sous", "mon", "my"}
MAX_SKIPPED = 3  # words allowed between a label and its value ("est le", "sous le numéro")


@dataclass(frozen=True)
class NumberResult:
    value: FieldValue | None
    label_seen: bool  # a label was there, even if no value could be read after it


def _tokens_after(where: Where, end: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each token of the line after character ``end``."""
    text = where.line.text
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)
            if m.start() >= end]


def _customer_after(where: Where, end: int, max_skip: int = MAX_SKIPPED
                    ) -> tuple[str, int, int] | None:
    """Digits after a label: '482 915 306', '482-915-306', '4829I5306' (I read as 1)."""
    tokens = _tokens_after(where, end)
    skipped, digits, start, stop = 0, "", -1, -1
    for t_start, t_end, tok in tokens:
        d = as_digits(tok)
        if d and len(d) <= 10 and len(digits) + len(d) <= 10:
            if start < 0:
                start = t_start
            digits += d
            stop = t_end
            if tok.rstrip().endswith((".", ",", ";", ")")):
                break
            continue
        if digits:
            break
        skipped += 1
        if skipped > max_skip or tok.lower().strip(".,:") not in FILLER_WORDS and \
                not re.fullmatch(r"[\W_]+", tok):
            return None
    if len(digits) < 6:
        return None
    return digits, start, stop


def customer_number(doc: DocumentText, lex: Lexicon, *, left_half: bool = False) -> NumberResult:
    """The 9-digit customer number after its label (on an invoice, in the left block)."""
    label = lex.label("customer_number")
    seen = False
    for where in lines(doc):
        for m in label.finditer(where.line.text):
            if left_half:
                first = evidence(where, m.start(), m.end())
                if first.box and first.box.x0 > where.page.width * 0.5:
                    continue
            seen = True
            found = _customer_after(where, m.end())
            if found is None:
                nxt = _next_line(doc, where)
                if nxt is not None:  # the value wrapped onto the next line
                    found = _customer_after(nxt, 0, max_skip=0)
                    if found:
                        where = nxt
            if found:
                digits, start, stop = found
                return NumberResult(FieldValue("customer_number", digits,
                                               evidence(where, start, stop)), True)
    return NumberResult(None, seen)


def _next_line(doc: DocumentText, where: Where) -> Where | None:
    if where.index + 1 < len(where.page.lines):
        return Where(where.page, where.index + 1, where.page.lines[where.index + 1])
    return None


CONTRACT_HEAD = re.compile(r"[A-Z0-9][A-Z0-9\-/.]*[A-Z0-9]|[0-9]")
GROUP = re.compile(r"[0-9]{2,}|[A-Z0-9]{1,6}")


DATE_LIKE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")


def _contract_after(where: Where, end: int, max_skip: int = MAX_SKIPPED
                    ) -> tuple[str, int, int] | None:
    tokens = _tokens_after(where, end)
    skipped = 0
    parts: list[str] = []
    start = stop = -1
    for t_start, t_end, tok in tokens:
        core = tok.rstrip(".,;:)")
        if not parts:
            if DATE_LIKE.fullmatch(core):
                return None
            if CONTRACT_HEAD.fullmatch(core) and (any(c.isdigit() for c in core)
                                                  or re.fullmatch(r"[A-Z]{2,4}", core)):
                parts, start, stop = [core], t_start, t_start + len(core)
                if core != tok:
                    break
                continue
            skipped += 1
            if skipped > max_skip:
                return None
            continue
        # further groups: "FT 4821 9408 29"
        if re.fullmatch(r"[0-9]{2,}", core) or (GROUP.fullmatch(core) and
                                                 any(c.isdigit() for c in core)):
            parts.append(core)
            stop = t_start + len(core)
            if core != tok:
                break
            continue
        break
    value = "".join(parts)
    if len(value) < 5 or not any(c.isdigit() for c in value):
        return None
    return value, start, stop


def contract_number(doc: DocumentText, lex: Lexicon) -> NumberResult:
    """The contract number after its label, spaces removed."""
    label = lex.label("contract_number")
    seen = False
    for where in lines(doc):
        for m in label.finditer(where.line.text):
            seen = True
            found = _contract_after(where, m.end())
            if found is None:
                nxt = _next_line(doc, where)
                if nxt is not None:
                    found = _contract_after(nxt, 0, max_skip=0)
                    if found:
                        where = nxt
            if found:
                value, start, stop = found
                return NumberResult(FieldValue("contract_number", value,
                                               evidence(where, start, stop)), True)
    return NumberResult(None, seen)
