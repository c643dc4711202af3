"""The drafted reply: what is missing or wrong, in the customer's language."""

from __future__ import annotations

import io

import pytest

from pipeline.review.decisions import Outcome
from pipeline.review.letter import Field, Flag, Letter
from pipeline.review.reply import draft, pdf


def letter(language: str, flags: tuple[str, ...], dismissed: tuple[str, ...] = (),
           **values: str) -> Letter:
    fields = tuple(Field(name, value, value, None) for name, value in values.items())
    return Letter("0" * 24, "x.pdf", "0" * 64, "termination_letter", language, "flagged", "",
                  1, (0,), fields, tuple(Flag(c, "", "dismissed" if c in dismissed else "")
                                         for c in flags), Outcome())


@pytest.mark.parametrize("language, customer, address, signature", [
    ("fr", "imprimé sur la partie gauche de chacune de vos factures", "TSA 20001",
     "signé par le titulaire"),
    ("en", "printed on the left side of every Orange invoice", "TSA 10018",
     "signed by the contract holder"),
    ("pl", "po lewej stronie każdej faktury Orange", "TSA 20001",
     "podpisane przez posiadacza umowy"),
])
def test_a_reply_says_what_is_missing_in_the_customer_s_language(
        language: str, customer: str, address: str, signature: str) -> None:
    text = draft(letter(language, ("missing_customer_number", "wrong_address",
                                   "missing_signature"), letter_date="2025-03-03"))
    assert customer in text and address in text and signature in text
    assert "2025-03-03" in text and "3901" in text


def test_a_dismissed_flag_is_not_in_the_reply() -> None:
    text = draft(letter("en", ("missing_contract_number", "missing_signature"),
                        dismissed=("missing_signature",)))
    assert "contract to terminate is missing" in text and "signed" not in text


@pytest.mark.parametrize("language, words", [
    ("fr", ("aucune lettre de résiliation", "3179", "416", "RIO")),
    ("en", ("no termination letter is needed", "3179", "416", "RIO")),
    ("pl", ("nie jest potrzebne", "3179", "416", "RIO")),
])
def test_a_porting_request_is_told_no_letter_is_needed(language: str,
                                                       words: tuple[str, ...]) -> None:
    text = draft(letter(language, ("porting_request",)))
    assert all(w in text for w in words)
    assert "TSA" not in text


def test_the_reply_pdf_holds_the_edited_text_with_polish_letters() -> None:
    import pypdfium2 as pdfium

    body = pdf("Szanowni Państwo,\n\nźdźbło <b>&", title="t")
    doc = pdfium.PdfDocument(io.BytesIO(body))
    text = doc[0].get_textpage().get_text_range()
    assert "Państwo" in text and "źdźbło <b>&" in text
