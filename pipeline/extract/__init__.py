"""Fields of the output contract, each with the evidence it was read from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..lexicon import Lexicon
from ..records import Box, Classification, DocumentText, Extraction, FieldValue
from .dates import classify_dates
from .numbers import contract_number, customer_number
from .people import holder, signature
from .routing import contract_type, recipient


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


def extract(doc: DocumentText, kind: Classification, lex: Lexicon, *,
            nlp: Callable[[], Any] | None = None,
            min_confidence: float = 0.45) -> Extraction:
    """What a clerk would copy from this document into the CRM, each value with the
    box it was read from in fractions of its page (see ``Box``)."""
    ext = _extract(doc, kind, lex, nlp, min_confidence)
    return replace(ext, fields=tuple(in_page_fractions(f, doc) for f in ext.fields))


def _extract(doc: DocumentText, kind: Classification, lex: Lexicon,
             nlp: Callable[[], Any] | None, min_confidence: float) -> Extraction:
    """What a clerk would copy from this document into the CRM.

    Letters give every field; invoices their customer number (from the labelled block
    on the left) and holder; other mail only a customer number it states.  A deciding
    field read with too little confidence is left empty and named in ``unreadable``.
    """
    unreadable: list[str] = []
    customer = customer_number(doc, lex, left_half=kind.doc_type == "invoice")
    fields: list[FieldValue] = []
    stained = any(p.stains for p in doc.pages)
    if customer.value and _confident(customer.value, min_confidence):
        fields.append(customer.value)
    elif (customer.label_seen or stained) and kind.doc_type == "termination_letter":
        # a label with no readable value, or a stain that may hide the number
        unreadable.append("customer_number")
    if kind.doc_type == "invoice":
        if who := holder(doc, lex, nlp):
            fields.append(_latin(who, kind.language))
        return Extraction(tuple(fields), unreadable=tuple(unreadable))
    if kind.doc_type != "termination_letter":
        return Extraction(tuple(fields))
    contract = contract_number(doc, lex)
    if contract.value and _confident(contract.value, min_confidence):
        fields.append(contract.value)
    elif contract.value:
        unreadable.append("contract_number")
    dates = classify_dates(doc, lex)
    for value in (dates.subscription, dates.letter):
        if value:
            fields.append(value)
    fields.append(contract_type(doc, lex))
    fields.append(recipient(doc, lex))
    if who := holder(doc, lex, nlp):
        fields.append(_latin(who, kind.language))
    sig = signature(doc, lex)
    if sig.signatory:
        fields.append(_latin(sig.signatory, kind.language))
    return Extraction(tuple(fields), signed=sig.signed, on_behalf=sig.on_behalf,
                      unreadable=tuple(unreadable),
                      impossible_subscription_date=dates.impossible_subscription)
