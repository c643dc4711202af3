"""One test per flag rule of docs/rules.md."""

from __future__ import annotations

import pytest

from pipeline.records import Classification, Extraction, FieldValue
from pipeline.validate import MESSAGES, Facts, status, validate

LETTER = Classification("termination_letter", "fr")
GOOD = {"customer_number": "482915306", "contract_number": "CTR-2019-004512",
        "subscription_date": "2019-03-12", "letter_date": "2024-05-02",
        "contract_type": "fixed_line", "recipient": "tsa_20001",
        "holder_name": "Jean Dupont", "signatory_name": "Jean Dupont"}


def facts(kind: Classification = LETTER, reference: str = "", signed: bool = True,
          on_behalf: bool = False, unreadable: tuple[str, ...] = (), impossible: str = "",
          **changes: str) -> Facts:
    values = {**GOOD, **changes}
    fields = tuple(FieldValue(k, v) for k, v in values.items() if v)
    ext = Extraction(fields, signed=signed, on_behalf=on_behalf, unreadable=unreadable,
                     impossible_subscription_date=impossible)
    return Facts(kind, ext, reference)


def codes(f: Facts) -> list[str]:
    return [x.code for x in validate(f)]


def test_a_complete_letter_to_the_right_address_is_ok() -> None:
    found = validate(facts())
    assert found == () and status(found) == "ok"


@pytest.mark.parametrize("changes, code", [
    ({"customer_number": ""}, "missing_customer_number"),
    ({"customer_number": "48291530"}, "invalid_customer_number"),
    ({"customer_number": "4829153061"}, "invalid_customer_number"),
    ({"contract_number": ""}, "missing_contract_number"),
    ({"subscription_date": ""}, "missing_subscription_date"),
    ({"subscription_date": "2024-06-01"}, "invalid_subscription_date"),
    ({"recipient": "tsa_10018"}, "wrong_address"),
    ({"recipient": "none"}, "wrong_address"),
    ({"contract_type": "internet", "recipient": "tsa_20001"}, "wrong_address"),
    ({"contract_type": "mobile"}, "unknown_contract_type"),
    ({"contract_type": "unknown"}, "unknown_contract_type"),
    ({"signatory_name": "Marie Martin"}, "not_holder"),
])
def test_each_defect_gives_its_flag(changes: dict[str, str], code: str) -> None:
    found = codes(facts(**changes))
    assert found == [code]


def test_an_impossible_subscription_date_is_invalid() -> None:
    assert codes(facts(subscription_date="", impossible="31/02/2020")) == \
        ["invalid_subscription_date"]


def test_a_letter_without_ink_is_missing_its_signature() -> None:
    assert codes(facts(signed=False)) == ["missing_signature"]


def test_signing_on_the_holders_behalf_is_not_the_holder() -> None:
    assert codes(facts(on_behalf=True, signatory_name="Marie Martin")) == ["not_holder"]


def test_the_invoice_holder_is_the_reference() -> None:
    assert codes(facts(reference="Paul Durand")) == ["not_holder"]
    assert codes(facts(reference="DUPONT Jean")) == []


def test_an_ocr_slip_in_a_name_is_still_the_holder() -> None:
    assert codes(facts(signatory_name="Jean Dupomt")) == []


def test_an_unreadable_deciding_field_gives_low_confidence_not_missing() -> None:
    assert codes(facts(customer_number="", unreadable=("customer_number",))) == \
        ["low_confidence"]


def test_porting_request_is_flagged_and_nothing_else() -> None:
    kind = Classification("other", "fr", porting=True)
    assert codes(facts(kind=kind)) == ["porting_request"]


def test_invoices_and_other_mail_are_ok() -> None:
    for doc_type in ("invoice", "other"):
        assert validate(facts(kind=Classification(doc_type, "fr"), customer_number="")) == ()


def test_every_domain_flag_has_one_message() -> None:
    domain = {"missing_customer_number", "invalid_customer_number", "missing_contract_number",
              "missing_subscription_date", "invalid_subscription_date", "wrong_address",
              "unknown_contract_type", "missing_signature", "not_holder", "porting_request",
              "duplicate", "low_confidence", "unreadable_file",
              # with the CRM's master data
              "unknown_customer", "contract_mismatch", "subscription_date_mismatch",
              "already_terminated"}
    assert set(MESSAGES) == domain
