"""What the letter ends (the contract type) and where it was sent (the recipient)."""

from __future__ import annotations

import re

from ..layout import Layout
from ..lexicon import Lexicon
from ..records import DocumentText, FieldValue
from .common import HAND_DIGITS, Where, evidence, lines

# a TSA number's digits as OCR reads them, and a hand's zero read as a C ("TSA ICC18")
TSA = re.compile(r"(?<![A-Za-z0-9])[T7I][S5$][A4]\s*[:.]?\s*([0-9OoIlSBZC]{5})(?![0-9])")
POSTCODE = re.compile(r"\b\d{5}\s+[A-Za-zÀ-ÿ]")


def contract_type(layout: Layout, lex: Lexicon) -> FieldValue:
    """fixed_line, internet (Internet or an Open bundle), mobile, or unknown.

    The words for a kind of line decide; when the letter names an offer and no kind
    of line, the offer catalogue does ("Business Everywhere" is mobile).
    """
    by_words = _by_words(layout, lex)
    return by_words if by_words.value != "unknown" else _by_offer(layout, lex) or by_words


def _by_offer(layout: Layout, lex: Lexicon) -> FieldValue | None:
    offers, types = lex.offers
    for stream in layout.streams:
        named: list[re.Match[str]] = []
        for hit in offers.finditer(stream.key):
            # "offre Internet Pro Everywhere": the longest name that starts in the match
            starts = [hit.start()] + [hit.start() + w.end()
                                      for w in re.finditer(r"\s+", hit.group())]
            named += [n for n in (offers.match(stream.key, at) for at in starts) if n]
        for offer in sorted(named, key=lambda n: n.start() - n.end()):
            if kind := types.get(" ".join(re.findall(r"\w+", offer.group().lower()))):
                return FieldValue("contract_type", kind,
                                  stream.evidence(offer.start(), offer.end()))
    return None


def _by_words(layout: Layout, lex: Lexicon) -> FieldValue:
    first: dict[str, tuple[int, FieldValue]] = {}
    for stream in layout.streams:  # "ligne\nfixe" wraps: search the page as one text
        for kind, pattern in lex.contract_types.items():
            m = pattern.search(stream.key)
            if m and kind not in first:
                order = stream.page.number * 10**7 + m.start()
                first[kind] = (order, FieldValue("contract_type", kind,
                                                 stream.evidence(m.start(), m.end())))
    if "open" in first:  # Open bundles go where Internet contracts go
        ev = first["open"][1].evidence
        return FieldValue("contract_type", "internet", ev)
    fixed, internet = first.get("fixed_line"), first.get("internet")
    if fixed and internet:
        return min(fixed, internet, key=lambda t: t[0])[1]
    if fixed or internet:
        return (fixed or internet)[1]  # type: ignore[index]
    if "mobile" in first:
        return first["mobile"][1]
    return FieldValue("contract_type", "unknown")


def _near(a: str, b: str) -> bool:
    """Equal, or one character wrong (an OCR slip in the TSA number)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def recipient(doc: DocumentText, lex: Lexicon) -> FieldValue:
    """tsa_20001, tsa_10018, other (an Orange address that is neither), or none."""
    known = lex.data["recipients"]
    for where in lines(doc):
        m = TSA.search(where.line.text)
        if m:
            number = m.group(1).translate(HAND_DIGITS)
            ev = evidence(where, m.start(), m.end())
            for code, tsa in known.items():
                if _near(number, tsa):
                    return FieldValue("recipient", code, ev)
            return FieldValue("recipient", "other", ev)
    page = doc.pages[0] if doc.pages else None
    if page is not None:
        for i, line in enumerate(page.lines):
            if line.box.y0 > page.height * 0.45 or "orange" not in line.text.lower():
                continue
            for j in range(i + 1, min(i + 5, len(page.lines))):
                if POSTCODE.search(page.lines[j].text):
                    return FieldValue("recipient", "other",
                                      evidence(Where(page, j, page.lines[j]), 0,
                                               len(page.lines[j].text)))
    return FieldValue("recipient", "none")
