"""Fields of the output contract, each with the evidence it was read from."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..layout import Layout
from ..lexicon import Lexicon, cue
from ..normalise import fold
from ..records import Box, Classification, DocumentText, Extraction, FieldValue
from .common import bare
from .companies import company
from .dates import classify_dates
from .numbers import (
    NumberResult,
    codes,
    contract_by_context,
    contract_by_name,
    contract_number,
    customer_by_shape,
    customer_number,
    read_again,
)
from .people import holder, signature
from .routing import contract_type, recipient

THIRD_PARTY = cue("third_party")
# The possessive of a cue that names whose behalf by a pronoun ("en son nom", "w jej
# imieniu", "on her behalf"): whose is said before it
POSSESSIVE = re.compile(r"\b(?:son|sa|jej|jego|his|her|its)\b")


def _written_for_another(layout: Layout, business: FieldValue | None, lex: Lexicon) -> bool:
    """A cue of a letter written for the holder by someone else (a mandate, a power of
    attorney, a client), but for the company's own representative acting in its name:
    "gérant de la société X, j'agis en son nom", "Jako Prezes Zarządu spółki X, ja, Y,
    działam w jej imieniu" (the holder is the company, and it signs through him).  That
    is said in one sentence: a representative's role and the company's name before the
    possessive, and no role of someone else's (a lawyer, an accountant) before it."""
    forms = lex.phrases("companies", "legal_forms")
    own = [w for w in fold(business.value).lower().split()
           if len(w) >= 4 and not forms.fullmatch(w)] if business else []
    representative = lex.phrases("companies", "representative_roles")
    someone_else = lex.phrases("companies", "non_representative_roles")
    for sentence in layout.sentences:
        text = fold(sentence).lower()
        for m in THIRD_PARTY.finditer(text):
            before = text[:m.start()]
            if own and POSSESSIVE.search(m.group()) and any(w in before.split() for w in own) \
                    and representative.search(before) and not someone_else.search(before):
                continue  # the company's own representative, acting in its name
            return True
    return False


def _latin(value: FieldValue, language: str) -> FieldValue:
    """Polish letters in a French or English name are OCR slips: 'Honorć', 'Rómy'.

    Tesseract reads with the Polish model too, and its ć is the French é it misread.
    """
    if language == "pl" or not any(ch in value.value for ch in "ćó"):
        return value
    return replace(value, value=value.value.replace("ć", "é").replace("ó", "é"))


def in_page_fractions(value: FieldValue, doc: DocumentText) -> FieldValue:
    """The value with its box in fractions of its upright page (the unit of the store)."""
    ev = value.evidence
    if ev is None or ev.box is None or not 1 <= ev.page <= len(doc.pages):
        return value
    page = doc.pages[ev.page - 1]
    w, h = page.width or 1.0, page.height or 1.0
    b = ev.box
    box = Box(b.x0 / w, b.y0 / h, b.x1 / w, b.y1 / h)
    return replace(value, evidence=replace(ev, box=box))


def _confident(value: FieldValue | None, threshold: float) -> bool:
    return value is None or value.evidence is None or value.evidence.confidence >= threshold


def extract(layout: Layout, kind: Classification, lex: Lexicon, *,
            nlp: Callable[[], Any] | None = None,
            min_confidence: float = 0.45) -> Extraction:
    """What a clerk would copy from this document into the CRM, each value with the
    box it was read from in fractions of its page (see ``Box``)."""
    ext = _extract(layout, kind, lex, nlp, min_confidence)
    again = read_again(layout, ext.fields)
    return replace(ext, fields=tuple(in_page_fractions(f, layout.doc) for f in again.fields),
                   second=tuple(in_page_fractions(f, layout.doc) for f in again.others))


def _extract(layout: Layout, kind: Classification, lex: Lexicon,
             nlp: Callable[[], Any] | None, min_confidence: float) -> Extraction:
    """What a clerk would copy from this document into the CRM.

    Every kind of mail gives what it states (docs/rules.md); an invoice's customer
    number is read from its left half, where Orange prints it.  A termination
    letter's deciding field read with too little confidence is kept as read and named
    in ``unreadable``, so that a clerk checks it (low_confidence).
    """
    doc = layout.doc
    letter = kind.doc_type == "termination_letter"
    unreadable: list[str] = []
    fields: list[FieldValue] = []
    customer = customer_number(layout, lex, left_half=kind.doc_type == "invoice")
    if customer.value is None and (shaped := customer_by_shape(layout, lex)):
        customer = NumberResult(shaped, customer.label_seen)
    stained = any(p.stains for p in doc.pages)
    if customer.value:
        fields.append(customer.value)
    if letter and (not _confident(customer.value, min_confidence)
                   or (customer.value is None and (customer.label_seen or stained))):
        # doubtful, or a label with no readable value, or a stain that may hide it
        unreadable.append("customer_number")
    said = customer.value.value if customer.value else ""

    def other_than_customer(found: NumberResult) -> NumberResult:
        # "Réf. client : 982-474-503" is a reference, and the customer number's; so is a
        # part of it (the digits before a speck in it, "482 915 © 306")
        value = bare(found.value.value) if found.value else ""
        if value and said and (value == said or (value.isdigit() and value in said)):
            return NumberResult(None, found.label_seen)
        return found

    contract = other_than_customer(contract_number(layout, lex, said))
    if contract.value is None:
        contract = other_than_customer(contract_by_name(layout, said))
    if contract.value is None:
        contract = other_than_customer(NumberResult(contract_by_context(layout, said),
                                                    contract.label_seen))
    if contract.value:
        fields.append(contract.value)
        if letter and not _confident(contract.value, min_confidence):
            unreadable.append("contract_number")
    # an invoice is full of dates (bill, period, debit): there, only a label says which
    dates = classify_dates(layout, lex, by_context=kind.doc_type != "invoice")
    # an invoice's or other mail's own date is not a letter's
    letter_date = dates.letter if letter else None
    fields.extend(value for value in (dates.subscription, letter_date) if value)
    fields.append(contract_type(layout, lex))
    fields.append(recipient(doc, lex) if kind.doc_type != "invoice"
                  else FieldValue("recipient", "none"))
    business = company(layout, lex)
    if business:
        fields.append(business)
    who = holder(layout, lex, nlp)
    if kind.doc_type == "invoice":
        if who:
            fields.append(_latin(who, kind.language))
        return Extraction(tuple(fields), codes=codes(layout))
    sig = signature(doc, lex)
    if not sig.on_behalf and _written_for_another(layout, business, lex):
        # written for the holder by someone else: a mandate, a power of attorney
        sig = replace(sig, on_behalf=True)
    if who is None and business and sig.signatory and not sig.on_behalf:
        # a company writing in its own name: the one who signs for it holds the contract
        who = replace(sig.signatory, name="holder_name")
    if who:
        fields.append(_latin(who, kind.language))
    if sig.signatory and sig.signed:  # who signed, when signed (docs/rules.md)
        fields.append(_latin(sig.signatory, kind.language))
    return Extraction(tuple(fields), signed=sig.signed, on_behalf=sig.on_behalf,
                      unreadable=tuple(unreadable),
                      impossible_subscription_date=dates.impossible_subscription,
                      codes=codes(layout))
