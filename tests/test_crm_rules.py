"""A letter checked against the CRM: each flag, a slip settled, a tie left to a clerk."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.crm import Crm, load_crm
from pipeline.matching import customer_variants, distance, reshaped
from pipeline.orchestrator import decide
from pipeline.records import Analysis, Box, Classification, Evidence, Extraction, FieldValue
from pipeline.store import Store

EXTRACT = """N° client;Société;Titulaire;N° contrat;Type;Offre;Date de souscription;Statut
123456789;SARL Dupont Plomberie;Jean Dupont;CTR-2019-001234;;Open Pro;04/03/2019;actif
123456789;SARL Dupont Plomberie;Jean Dupont;VO12345678;mobile;;02/01/2020;actif
123456789;SARL Dupont Plomberie;Jean Dupont;FT4911395790;fixe;;01/06/2015;résilié
555000111;;Anna Nowak;PRO123456B;fixe;;30/11/2018;actif
555000111;;Anna Nowak;PRO1234563;fixe;;30/11/2018;actif
987654321;;Paul Martin;AB123456789;internet;;05/05/2021;actif
246813579;;Marc Petit;8-9TJXVN;internet;;12/12/2017;actif
246813579;;Marc Petit;CTR-2017-554411;fixe;;12/12/2017;actif
987654321;;Paul Martin;CTR-2019-001235;fixe;;05/05/2021;actif
"""
LETTER = {"customer_number": "123456789", "contract_number": "CTR-2019-001234",
          "subscription_date": "2019-03-04", "letter_date": "2025-02-01",
          "contract_type": "internet", "recipient": "tsa_10018", "company_name": "",
          "holder_name": "Jean Dupont", "signatory_name": "Jean Dupont"}


@pytest.fixture(scope="module")
def crm(tmp_path_factory) -> Crm:
    path = tmp_path_factory.mktemp("crm") / "crm.csv"
    path.write_text(EXTRACT, encoding="utf-8-sig")
    return load_crm(path)


def _letter(unreadable: tuple[str, ...] = (), **values: str) -> Analysis:
    fields = tuple(FieldValue(name, value, Evidence(1, Box(0.1, 0.2, 0.4, 0.23), 0.9,
                                                    f"Réf. : {value}"))
                   for name, value in {**LETTER, **values}.items() if value)
    ext = Extraction(fields, signed=True, unreadable=unreadable)
    return Analysis("letter.pdf", "0" * 64, Classification("termination_letter", "fr"), ext,
                    confidence=0.9)


def _decide(tmp_path: Path, crm: Crm, analysis: Analysis):
    store = Store(tmp_path / "mailroom.sqlite")
    try:
        return decide(analysis, store, crm)
    finally:
        store.close()


def _codes(record) -> set[str]:
    return {f.code for f in record.findings}


def test_a_letter_that_agrees_with_the_crm_is_ok(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter())
    assert record.status == "ok", record.findings
    assert record.crm is not None
    assert record.crm["contract"]["state"] == "active"
    assert record.crm["customer"]["company_name"] == "SARL Dupont Plomberie"


def test_a_customer_the_crm_does_not_know_is_flagged(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(customer_number="111222333"))
    assert _codes(record) == {"unknown_customer"}
    assert "111222333 is not in the CRM" in record.findings[0].message


def test_another_customers_contract_is_a_mismatch(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number="AB123456789"))
    assert _codes(record) == {"contract_mismatch"}
    assert "it is customer 987654321's" in record.findings[0].message
    assert record.values["contract_number"] == "AB123456789"


def test_a_differing_subscription_date_is_flagged(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(subscription_date="2019-04-03"))
    assert _codes(record) == {"subscription_date_mismatch"}
    assert "2019-03-04" in record.findings[0].message


def test_an_impossible_date_is_not_also_a_mismatch(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(subscription_date="2026-04-03"))
    assert _codes(record) == {"invalid_subscription_date"}


def test_a_contract_already_terminated_is_flagged(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number="FT 4911 3957 90",
                                            subscription_date="2015-06-01",
                                            contract_type="fixed_line", recipient="tsa_20001"))
    assert _codes(record) == {"already_terminated"}


def test_a_contract_read_one_confusion_away_takes_the_crms_value(tmp_path: Path,
                                                                  crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number="CTR-2O19-001234"))
    assert record.status == "ok", record.findings
    assert record.values["contract_number"] == "CTR-2019-001234"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.box is not None
    assert field.evidence.text == "matched in the CRM; read as CTR-2O19-001234"
    assert record.crm is not None
    assert record.crm["corrected"] == {"contract_number": "CTR-2O19-001234"}


def test_a_lost_hyphen_or_one_misread_character_is_a_slip_not_a_mismatch(
        tmp_path: Path, crm: Crm) -> None:
    for read in ("CTR2019001234", "CTR-2019-00X234", "CTR-2019-0012345"):
        record = _decide(tmp_path, crm, _letter(contract_number=read))
        assert record.status == "ok", read
        assert record.values["contract_number"] == "CTR-2019-001234", read


def test_a_contract_read_in_part_is_the_one_contract_that_holds_it(tmp_path: Path,
                                                                   crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number="491139579",  # no FT, no 0
                                            subscription_date="2015-06-01",
                                            contract_type="fixed_line", recipient="tsa_20001"))
    assert record.values["contract_number"] == "FT4911395790"
    assert _codes(record) == {"already_terminated"}
    # a short part (a year) is in more than one contract, or too short to say
    assert _codes(_decide(tmp_path, crm, _letter(contract_number="2019"))) == \
        {"contract_mismatch"}
    # a shorter one of letters and digits names one (OCR lost the code's last group)
    petit = dict(customer_number="246813579", holder_name="Marc Petit",
                 signatory_name="Marc Petit", subscription_date="2017-12-12")
    assert _decide(tmp_path, crm, _letter(contract_number="8-9TJX", **petit)
                   ).values["contract_number"] == "8-9TJXVN"
    assert _codes(_decide(tmp_path, crm, _letter(contract_number="2017", **petit))) == \
        {"contract_mismatch"}


def test_a_contract_read_with_low_confidence_is_settled_by_the_crm(tmp_path: Path,
                                                                    crm: Crm) -> None:
    unsure = _letter(unreadable=("contract_number",), contract_number="CTR-2019-0X1Z34")
    record = _decide(tmp_path, crm, unsure)
    assert record.values["contract_number"] == "CTR-2019-001234"
    assert "low_confidence" not in _codes(record)
    # read with confidence, a slip and a look-alike are too far to be taken
    sure = _decide(tmp_path, crm, _letter(contract_number="CTR-2019-0X1Z34"))
    assert _codes(sure) == {"contract_mismatch"}
    assert sure.values["contract_number"] == "CTR-2019-0X1Z34"


def test_a_tie_between_two_contracts_is_left_to_a_clerk(tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(customer_number="555000111",
                                            contract_number="PRO1234568",
                                            holder_name="Anna Nowak",
                                            signatory_name="Anna Nowak",
                                            subscription_date="2018-11-30",
                                            contract_type="fixed_line",
                                            recipient="tsa_20001"))
    assert _codes(record) == {"contract_mismatch"}
    assert record.values["contract_number"] == "PRO1234568"  # kept as read
    assert "could be PRO1234563 or PRO123456B: a clerk must choose" in \
        record.findings[0].message
    assert record.crm is not None and record.crm["candidates"] == ["PRO1234563", "PRO123456B"]


def test_a_customer_number_one_slip_away_is_matched_by_the_holders_name(
        tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(customer_number="123456189"))  # 7 read as 1
    assert record.status == "ok", record.findings
    assert record.values["customer_number"] == "123456789"
    field = next(f for f in record.evidence if f.name == "customer_number")
    assert field.evidence is not None and "read as 123456189" in field.evidence.text
    # the same number on a letter from someone else is an unknown customer
    other = _decide(tmp_path, crm, _letter(customer_number="123456189",
                                           holder_name="Marc Petit",
                                           signatory_name="Marc Petit"))
    assert _codes(other) == {"unknown_customer"}


def test_a_customer_number_with_any_one_digit_misread_is_matched_by_the_holders_name(
        tmp_path: Path, crm: Crm) -> None:
    # a handwritten 4 read as 2 (no look-alike of each other), and no contract to go by
    record = _decide(tmp_path, crm, _letter(customer_number="123256789", contract_number=""))
    assert record.values["customer_number"] == "123456789"
    field = next(f for f in record.evidence if f.name == "customer_number")
    assert field.evidence is not None and "read as 123256789" in field.evidence.text
    # the same number on a letter from someone else is an unknown customer
    other = _decide(tmp_path, crm, _letter(customer_number="123256789", contract_number="",
                                           holder_name="Marc Petit",
                                           signatory_name="Marc Petit"))
    assert _codes(other) >= {"unknown_customer"}
    assert other.values["customer_number"] == "123256789"
    # a name that is only near the holder's ("Jeanne" for "Jean"): not for any digit
    near = _decide(tmp_path, crm, _letter(customer_number="123256789", contract_number="",
                                          holder_name="Jeanne Dupont",
                                          signatory_name="Jeanne Dupont"))
    assert near.values["customer_number"] == "123256789"
    assert "unknown_customer" in _codes(near)


def test_a_customer_number_taken_for_the_contract_is_the_customer_number(
        tmp_path: Path, crm: Crm) -> None:
    # a table whose header OCR garbled: the customer number read under the contract's
    # label, the contract printed beside it
    def table(**values: str) -> Analysis:
        a = _letter(**{"customer_number": "", "contract_number": "987654321",
                       "holder_name": "Paul Martin", "signatory_name": "Paul Martin", **values})
        return Analysis(a.source_file, a.sha256, a.kind,
                        Extraction(a.ext.fields, signed=True, unreadable=("customer_number",),
                                   codes=("33210", "987654321", "AB123456789")), confidence=0.9)

    record = _decide(tmp_path, crm, table())
    assert record.values["customer_number"] == "987654321"
    assert record.values["contract_number"] == "AB123456789"
    assert "low_confidence" not in _codes(record)
    # the letter names someone else: the number is not known to be theirs
    other = _decide(tmp_path, crm, table(holder_name="Luc Roy", signatory_name="Luc Roy"))
    assert other.values["contract_number"] == "987654321"
    assert other.values.get("customer_number", "") == ""
    # a customer number was read (wrong as it may be): it is not replaced
    read = _decide(tmp_path, crm, table(customer_number="55500011"))
    assert (read.values["customer_number"], read.values["contract_number"]) == \
        ("55500011", "987654321")


def test_a_contract_no_label_named_is_found_on_a_page_without_customer_number(
        tmp_path: Path, crm: Crm) -> None:
    # no customer number, and the contract printed where no label or word named it
    def unlabelled(**values: str) -> Analysis:
        a = _letter(**{"customer_number": "", "contract_number": "", **values})
        return Analysis(a.source_file, a.sha256, a.kind,
                        Extraction(a.ext.fields, signed=True, codes=(
                            "59878", "0237692809", "AB123456789")), confidence=0.9)

    record = _decide(tmp_path, crm, unlabelled(holder_name="Paul Martin",
                                               signatory_name="Paul Martin"))
    assert record.values["contract_number"] == "AB123456789"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.text.startswith("matched in the CRM")
    assert _codes(record) == {"missing_customer_number"}
    # a code one slip from it ('AR…' for 'AB…', a letter misread for no look-alike)
    a = unlabelled(holder_name="Paul Martin", signatory_name="Paul Martin")
    slip = Analysis(a.source_file, a.sha256, a.kind, replace(a.ext, codes=(
        "59878", "AR123456789")), confidence=0.9)
    assert _decide(tmp_path, crm, slip).values["contract_number"] == "AB123456789"
    # after forty other codes of a contract's length, it is no longer sought a slip away
    late = Analysis(a.source_file, a.sha256, a.kind, replace(a.ext, codes=(
        *(f"QX{i:09d}" for i in range(40)), "AR123456789")), confidence=0.9)
    assert _decide(tmp_path, crm, late).values.get("contract_number", "") == ""
    # the code is a contract, but of someone the letter does not name: not taken
    other = _decide(tmp_path, crm, unlabelled())
    assert other.values.get("contract_number", "") == ""
    assert "missing_contract_number" in _codes(other)


def test_a_contract_whose_first_letter_ocr_set_apart_is_found_by_the_names(
        tmp_path: Path, crm: Crm) -> None:
    # "A 8123456789": the prefix's A set apart, its B read as an 8; no customer number
    def letter(page: tuple[str, ...], **values: str) -> Analysis:
        a = _letter(**{"customer_number": "", "contract_number": "8123456789",
                       "holder_name": "Paul Martin", "signatory_name": "Paul Martin",
                       **values})
        return Analysis(a.source_file, a.sha256, a.kind,
                        Extraction(a.ext.fields, signed=True, codes=page), confidence=0.9)

    record = _decide(tmp_path, crm, letter(("59878", "A8123456789", "8123456789")))
    assert record.values["contract_number"] == "AB123456789"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and \
        field.evidence.text == "matched in the CRM; read as 8123456789"
    # without the letter beside it on the page, or for someone else: as read
    alone = _decide(tmp_path, crm, letter(("59878", "8123456789")))
    assert alone.values["contract_number"] == "8123456789"
    other = _decide(tmp_path, crm, letter(("A8123456789",), holder_name="Luc Roy",
                                          signatory_name="Luc Roy"))
    assert other.values["contract_number"] == "8123456789"


def test_a_customer_number_with_a_digit_lost_or_doubled_is_matched_by_name(
        tmp_path: Path, crm: Crm) -> None:
    for read in ("1234456789", "12345789"):  # a 4 read twice, a 6 lost
        record = _decide(tmp_path, crm, _letter(customer_number=read))
        assert record.status == "ok", (read, record.findings)
        assert record.values["customer_number"] == "123456789"
    # nobody named on the letter is that customer: the number stays as read
    other = _decide(tmp_path, crm, _letter(customer_number="1234456789",
                                           holder_name="Marc Petit", signatory_name="Marc Petit"))
    assert other.values["customer_number"] == "1234456789"
    assert "invalid_customer_number" in _codes(other)


def test_a_customer_number_read_in_part_is_found_by_the_contract_and_names(
        tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(customer_number="123456"))
    assert record.values["customer_number"] == "123456789"
    assert record.status == "ok", record.findings
    # another's name on it: the contract does not say whose the number is
    other = _decide(tmp_path, crm, _letter(customer_number="123456", holder_name="Marc Petit",
                                           signatory_name="Marc Petit"))
    assert "invalid_customer_number" in _codes(other)
    # digits of something else where the number was smudged (a date): not the holder's
    smudged = _decide(tmp_path, crm, _letter(customer_number="04032019"))
    assert smudged.values["customer_number"] == "04032019"
    assert smudged.status == "flagged"


def test_a_customer_number_no_label_named_is_found_among_the_pages_codes(
        tmp_path: Path, crm: Crm) -> None:
    page = ("4808136489", "FR7630004000031234567890143", "555-000-111", "PRO123456B")

    def unlabelled(**values: str) -> Analysis:
        a = _letter(**{"customer_number": "", **values})
        return Analysis(a.source_file, a.sha256, a.kind,
                        Extraction(a.ext.fields, signed=True, codes=page), confidence=0.9)

    record = _decide(tmp_path, crm, unlabelled(holder_name="Anna Nowak",
                                               signatory_name="Anna Nowak",
                                               contract_number="PRO123456B"))
    assert record.values["customer_number"] == "555000111"
    field = next(f for f in record.evidence if f.name == "customer_number")
    assert field.evidence is not None and field.evidence.text.startswith("matched in the CRM")
    # the page's number is a customer, but the letter names someone else: not theirs
    other = _decide(tmp_path, crm, unlabelled(contract_number="PRO123456B"))
    assert "missing_customer_number" in _codes(other)
    # a smudge over the number, or a number read that is not that one: for a clerk
    a = _letter(customer_number="", holder_name="Anna Nowak", signatory_name="Anna Nowak")
    smudged = Analysis(a.source_file, a.sha256, a.kind,
                       Extraction(a.ext.fields, signed=True, codes=page,
                                  unreadable=("customer_number",)), confidence=0.9)
    assert _decide(tmp_path, crm, smudged).status == "flagged"
    misread = _decide(tmp_path, crm, unlabelled(customer_number="12345678",
                                                holder_name="Anna Nowak",
                                                signatory_name="Anna Nowak"))
    assert misread.values["customer_number"] == "12345678"


def test_a_contract_whose_prefix_ocr_garbled_is_found_by_its_body(tmp_path: Path,
                                                                  crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number="EF4917395790"))
    assert record.values["contract_number"] == "FT4911395790"
    # a body one look-alike from two of the customer's contracts settles nothing
    tied = _decide(tmp_path, crm, _letter(customer_number="555000111", holder_name="Anna Nowak",
                                          signatory_name="Anna Nowak",
                                          contract_number="XY1234568"))
    assert tied.values["contract_number"] == "XY1234568"


def test_a_contract_whose_prefix_ocr_read_as_digits_is_found_by_its_body(
        tmp_path: Path, crm: Crm) -> None:
    martin = dict(customer_number="987654321", holder_name="Paul Martin",
                  signatory_name="Paul Martin", subscription_date="2021-05-05")
    for read in ("13123456789", "133123456789"):  # a letter may be read as two signs
        record = _decide(tmp_path, crm, _letter(contract_number=read, **martin))
        assert record.values["contract_number"] == "AB123456789"
    # two characters more, or a body two slips away, is not it
    for read in ("1333123456789", "13123456700"):
        assert _decide(tmp_path, crm, _letter(contract_number=read, **martin)
                       ).values["contract_number"] == read


def test_a_customer_misread_is_the_holder_of_a_contract_printed_on_the_page(
        tmp_path: Path, crm: Crm) -> None:
    # the customer number read with two digits wrong, no label named the contract, but
    # one of the page's codes is a contract of a customer the letter names
    letter = _letter(customer_number="183456780", contract_number="")
    found = Analysis(letter.source_file, letter.sha256, letter.kind,
                     Extraction(letter.ext.fields, signed=True,
                                codes=("TSA10018", "CTR-2019-001234")), confidence=0.9)
    record = _decide(tmp_path, crm, found)
    assert record.values["customer_number"] == "123456789"
    assert record.values["contract_number"] == "CTR-2019-001234"
    # a contract on the page whose holder the letter does not name settles nothing
    stranger = _letter(customer_number="183456780", contract_number="", holder_name="Luc Roy",
                       signatory_name="Luc Roy")
    found = Analysis(letter.source_file, letter.sha256, letter.kind,
                     Extraction(stranger.ext.fields, signed=True,
                                codes=("CTR-2019-001234",)), confidence=0.9)
    assert "unknown_customer" in _codes(_decide(tmp_path, crm, found))


def test_a_code_cut_after_its_year_read_again_does_not_replace_a_whole_reading(
        tmp_path: Path) -> None:
    rows = ["N° client;Titulaire;N° contrat"] + [
        f"{300000000 + i};Client {i};CTR-{2012 + i % 12}-{104729 * (i + 3) % 1000000:06d}"
        for i in range(30)] + ["246813579;Marc Petit;CTR-2017-554411"]
    path = tmp_path / "crm.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    crm = load_crm(path)
    petit = dict(customer_number="246813579", holder_name="Marc Petit",
                 signatory_name="Marc Petit", subscription_date="2017-12-12")
    # the letter quotes, whole, a contract the customer does not have; its box read
    # again gave the code's head alone, which is the head of the customer's contract
    record = _decide(tmp_path, crm, _read_twice([("contract_number", "CTR-201")],
                                                contract_number="CTR-2016-390217", **petit))
    assert record.values["contract_number"] == "CTR-2016-390217"
    assert "contract_mismatch" in _codes(record)
    # a whole reading again, one look-alike from the customer's contract, is still taken
    record = _decide(tmp_path, crm, _read_twice([("contract_number", "CTR-2017-5544I1")],
                                                contract_number="CTR-2017-334411", **petit))
    assert record.values["contract_number"] == "CTR-2017-554411"
    # read in part the first time, a longer part read again is the customer's contract
    record = _decide(tmp_path, crm, _read_twice([("contract_number", "CTR-2017-5")],
                                                contract_number="CTR-2017", **petit))
    assert record.values["contract_number"] == "CTR-2017-554411"


def test_a_code_read_in_part_on_the_page_is_the_contract_that_holds_it(
        tmp_path: Path, crm: Crm) -> None:
    # OCR lost the first letter and the last group: no code is near enough whole
    letter = _letter(contract_number="")
    found = Analysis(letter.source_file, letter.sha256, letter.kind,
                     Extraction(letter.ext.fields, signed=True,
                                codes=("TSA20001", "TR20190012", "20190012")), confidence=0.9)
    assert _decide(tmp_path, crm, found).values["contract_number"] == "CTR-2019-001234"


def test_a_contract_one_slip_from_the_holders_is_settled_without_a_customer_number(
        tmp_path: Path, crm: Crm) -> None:
    # a smudge over the customer number: the contract is still found by the letter's names
    smudged = dict(customer_number="", holder_name="Paul Martin", signatory_name="Paul Martin")
    record = _decide(tmp_path, crm, _letter(contract_number="A8123456789", **smudged))
    assert record.values["contract_number"] == "AB123456789"
    assert not record.values.get("customer_number") and record.status == "flagged"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and \
        field.evidence.text == "matched in the CRM; read as A8123456789"
    # the contract's holder is not named on the letter: it stays as read
    other = _decide(tmp_path, crm, _letter(contract_number="A8123456789", customer_number=""))
    assert other.values["contract_number"] == "A8123456789"


@pytest.mark.parametrize("read", ["TR-2019-001234",  # its first letter lost
                                  "CTR-2019-0012.34",  # a speck read as a stop
                                  "CTR-2019-001274"])  # a handwritten 3 read as 7
def test_a_contract_one_slip_of_any_kind_from_the_holders_is_settled_by_the_names(
        tmp_path: Path, crm: Crm, read: str) -> None:
    record = _decide(tmp_path, crm, _letter(contract_number=read, customer_number=""))
    assert record.values["contract_number"] == "CTR-2019-001234"
    # the contract's holder is not named on the letter: it stays as read
    other = _decide(tmp_path, crm, _letter(contract_number=read, customer_number="",
                                           holder_name="Luc Roy", signatory_name="Luc Roy"))
    assert other.values["contract_number"] == read


def test_a_contract_a_look_alike_from_anothers_is_not_a_slip_from_the_holders(
        tmp_path: Path, crm: Crm) -> None:
    # "…00123S" is Paul Martin's "…001235" read with S for 5 sooner than Jean Dupont's
    # "…001234" with a 4 misread: nothing is settled
    record = _decide(tmp_path, crm, _letter(contract_number="CTR-2019-00123S",
                                            customer_number=""))
    assert record.values["contract_number"] == "CTR-2019-00123S"


def test_a_customer_misread_is_the_holder_of_a_contract_read_with_a_slip(
        tmp_path: Path, crm: Crm) -> None:
    # two digits of the customer number wrong, and the contract's first letter lost
    record = _decide(tmp_path, crm, _letter(customer_number="183456780",
                                            contract_number="TR-2019-001234"))
    assert (record.values["customer_number"], record.values["contract_number"]) == \
        ("123456789", "CTR-2019-001234")
    assert record.status == "ok", record.findings


def test_a_number_read_unsure_that_no_customer_has_is_unknown(tmp_path: Path,
                                                              crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(unreadable=("customer_number",),
                                            customer_number="111222333"))
    assert {"unknown_customer", "low_confidence"} <= _codes(record)


def test_a_contract_no_label_named_is_found_among_the_pages_codes(tmp_path: Path,
                                                                   crm: Crm) -> None:
    # the letter gave no contract number: one of the page's codes is this customer's
    page = ("FR7630004000031234567890143", "0144556677", "CTR2019", "CTR2019001Z34")
    found = _letter(contract_number="")
    found = Analysis(found.source_file, found.sha256, found.kind,
                     Extraction(found.ext.fields, signed=True, codes=page), confidence=0.9)
    record = _decide(tmp_path, crm, found)
    assert record.values["contract_number"] == "CTR-2019-001234"
    assert record.status == "ok", record.findings
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.text == \
        "matched in the CRM; read as CTR2019001Z34"
    # codes as near to two of the customer's contracts settle nothing
    tied = Analysis(found.source_file, found.sha256, found.kind,
                    Extraction(found.ext.fields, signed=True,
                               codes=("CTR2019001234", "VO12345678")), confidence=0.9)
    assert "missing_contract_number" in _codes(_decide(tmp_path, crm, tied))


def test_an_invoices_values_are_settled_but_no_crm_rule_applies(tmp_path: Path,
                                                                crm: Crm) -> None:
    letter = _letter(contract_number="CTR-2O19-001234", subscription_date="2011-01-01")
    invoice = Analysis("invoice.pdf", "1" * 64, Classification("invoice", "fr"), letter.ext,
                       confidence=0.9)
    record = _decide(tmp_path, crm, invoice)
    assert record.values["contract_number"] == "CTR-2019-001234"
    assert record.status == "ok" and record.crm is None  # no subscription_date_mismatch
    # an invoice prints its customer number: one not read is its contract's holder's
    unread = _letter(customer_number="", contract_number="VO12345678")
    record = _decide(tmp_path, crm, Analysis("invoice.pdf", "1" * 64, invoice.kind,
                                             unread.ext, confidence=0.9))
    assert record.values["customer_number"] == "123456789"
    field = next(f for f in record.evidence if f.name == "customer_number")
    assert field.evidence is not None and field.evidence.text.startswith("from the CRM")
    # a letter without one is incomplete: the CRM does not fill it in
    assert "missing_customer_number" in _codes(_decide(tmp_path, crm, unread))


def test_the_contract_type_comes_from_the_crm_when_the_letter_does_not_say(
        tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _letter(contract_type="unknown", recipient="tsa_20001"))
    assert record.values["contract_type"] == "internet"  # from its offer, Open Pro
    assert _codes(record) == {"wrong_address"}
    field = next(f for f in record.evidence if f.name == "contract_type")
    assert field.evidence is not None and field.evidence.text.startswith("from the CRM")


def test_not_holder_is_judged_against_the_crms_holder(tmp_path: Path, crm: Crm) -> None:
    # the letter names its signatory as holder; the CRM knows another holder
    record = _decide(tmp_path, crm, _letter(holder_name="Luc Bernard",
                                            signatory_name="Luc Bernard"))
    assert "not_holder" in _codes(record)
    assert "(Jean Dupont)" in next(f.message for f in record.findings
                                   if f.code == "not_holder")
    # the company signing as itself is the holder
    record = _decide(tmp_path, crm, _letter(signatory_name="SARL Dupont Plomberie"))
    assert "not_holder" not in _codes(record)


def test_the_crms_values_are_kept_in_the_store_and_records_jsonl(tmp_path: Path,
                                                                 crm: Crm) -> None:
    store = Store(tmp_path / "mailroom.sqlite")
    store.save(decide(_letter(contract_number="CTR-2O19-001234"), store, crm))
    line = json.loads(store.as_json(store.documents()[0]))
    store.close()
    assert line["crm"]["contract"]["contract_number"] == "CTR-2019-001234"
    assert line["crm"]["contract"]["subscription_date"] == "2019-03-04"
    assert line["crm"]["customer"]["holder_name"] == "Jean Dupont"
    assert line["crm"]["corrected"] == {"contract_number": "CTR-2O19-001234"}


def test_a_second_scan_read_with_a_slip_is_a_duplicate(tmp_path: Path, crm: Crm) -> None:
    store = Store(tmp_path / "mailroom.sqlite")
    first = _letter(contract_number="VO12345678")
    store.save(decide(first, store))
    again = _letter(contract_number="VO12345679")  # 8 read as 9 on the second scan
    again = Analysis("letter2.pdf", "2" * 64, again.kind, again.ext, confidence=0.9)
    assert "duplicate" in {f.code for f in decide(again, store).findings}
    # the next contract of the customer, numbered in sequence, on another subscription
    # date: another letter
    other = _letter(contract_number="VO12345679", subscription_date="2020-02-01")
    other = Analysis("letter3.pdf", "3" * 64, other.kind, other.ext, confidence=0.9)
    assert "duplicate" not in {f.code for f in decide(other, store).findings}
    store.close()


def test_without_a_crm_no_crm_flag_is_raised(tmp_path: Path) -> None:
    store = Store(tmp_path / "mailroom.sqlite")
    record = decide(_letter(customer_number="111222333"), store)
    store.close()
    assert record.status == "ok" and record.crm is None


def test_ocr_distance_counts_lookalikes_as_one_and_separators_as_none() -> None:
    assert distance("CTR-2019-001234", "CTR2019001234") == 0
    assert distance("CTR-2O19-001234", "CTR-2019-001234") == 1
    assert distance("VO1234S678", "VO12345678") == 1
    assert distance("VO12345678", "VO12345679") == 1  # 8 and 9 look alike on a poor scan
    assert distance("VO12345678", "VO12345672") == 3  # 8 and 2 do not
    assert distance("VO1234567", "VO12345678") == 3
    assert distance("PRO12345GU", "PRO12345G0") == 1  # an open or closed round stroke
    assert distance("GTR-2019-001234", "CTR-2019-001234") == 1
    assert distance("PRQ123456B", "PRO123456B") == 1
    assert distance("2-VASKIN", "2-VA5KJN") == 2  # a J whose hook faded, and S/5
    assert "123456189" in customer_variants("123456789")


def test_a_contract_the_crm_does_not_hold_is_read_in_the_crms_form(tmp_path: Path) -> None:
    rng = __import__("random").Random(7)
    letters, digits = "ABCDEFGHJKLMNPRSTUVWXYZ", "0123456789"
    rows = ["N° client;Titulaire;N° contrat"]
    for i in range(40):  # three forms of number, and codes of letters and digits at random
        pro = "PRO" + "".join(rng.choice(digits) for _ in range(6)) + rng.choice(letters)
        mixed = f"{i % 9 + 1}-" + "".join(rng.choice(letters + digits) for _ in range(6))
        ctr = f"CTR-{rng.randint(2012, 2024)}-{rng.randint(0, 999999):06d}"
        rows += [f"{100000000 + i};Client {i};{code}" for code in (pro, mixed, ctr)]
    path = tmp_path / "crm.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    crm = load_crm(path)
    assert {("PRO", "999999A"), ("CTR", "9999999999")} <= crm.shapes
    assert not any(prefix == "" for prefix, _ in crm.shapes)  # random codes have no form
    # a form one prefix has is that prefix's, not any three letters'
    assert not any(set(prefix) == {"*"} for prefix, _ in crm.shapes)
    # nor is it any two letters' for a few stray codes beside one prefix's numbers
    strays = rows[:1] + [f"{200000000 + i};Client {i};FT{rng.randint(10**8, 10**9 - 1)}"
                         for i in range(60)] + ["200000100;X;AB123456789",
                                                "200000101;Y;XY987654321"]
    (tmp_path / "strays.csv").write_text("\n".join(strays) + "\n", encoding="utf-8")
    assert reshaped("FI123456780", load_crm(tmp_path / "strays.csv").shapes) == "FT123456780"
    # a zero in a prefix may be O, D or Q: the prefix says which ('PR0' is 'PRO'), but
    # a prefix read with no letter right is none ('0R0' is not 'PRO')
    assert reshaped("PR0156745Z", crm.shapes) == "PRO156745Z"
    assert reshaped("C7R-2016-147605", crm.shapes) == "CTR-2016-147605"
    assert reshaped("0R0156745Z", crm.shapes) == ""
    # while two letters drawn at random before nine digits are a form of any letters
    drawn = rows[:1] + [f"{200000000 + i};Client {i};{rng.choice(letters)}{rng.choice(letters)}"
                        f"{rng.randint(10**8, 10**9 - 1)}" for i in range(60)]
    (tmp_path / "drawn.csv").write_text("\n".join(drawn) + "\n", encoding="utf-8")
    assert ("**", "999999999") in load_crm(tmp_path / "drawn.csv").shapes
    # a customer the CRM does not know: its contract is read in the CRM's form
    record = _decide(tmp_path, crm, _letter(customer_number="999888777",
                                            contract_number="PROB58546J"))
    assert record.values["contract_number"] == "PRO858546J"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.text == \
        "in the form of the CRM's contract numbers; read as PROB58546J"
    assert "unknown_customer" in _codes(record)
    # a letter of the prefix read as its one look-alike digit ("C7R" for "CTR")
    record = _decide(tmp_path, crm, _letter(customer_number="999888777",
                                            contract_number="C7R-2013-870938"))
    assert record.values["contract_number"] == "CTR-2013-870938"
    # a letter of the prefix misread ("CFR" for "CTR")
    record = _decide(tmp_path, crm, _letter(customer_number="999888777",
                                            contract_number="CFR-2013-870938"))
    assert record.values["contract_number"] == "CTR-2013-870938"
    # two letters of it misread are another prefix
    record = _decide(tmp_path, crm, _letter(customer_number="999888777",
                                            contract_number="CFB-2013-870938"))
    assert record.values["contract_number"] == "CFB-2013-870938"
    # a code of letters and digits has no form to be read in; one already in a form stays
    for read in ("5-SAPK8P", "PRO858546J"):
        record = _decide(tmp_path, crm, _letter(customer_number="999888777",
                                                contract_number=read))
        assert record.values["contract_number"] == read
    # no label named the contract, and none of the customer's is on the page: the one
    # code of the page in a form of the CRM's is the letter's, for contract_mismatch
    page = ("59878", "100000001", "PR0156745Z", "0237692809", "5-SAPK8P")

    def unlabelled(codes: tuple[str, ...]) -> Analysis:
        a = _letter(customer_number="100000001", contract_number="",
                    holder_name="Client 1", signatory_name="Client 1")
        return Analysis(a.source_file, a.sha256, a.kind,
                        Extraction(a.ext.fields, signed=True, codes=codes), confidence=0.9)

    record = _decide(tmp_path, crm, unlabelled(page))
    assert record.values["contract_number"] == "PRO156745Z"
    assert "contract_mismatch" in _codes(record)
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.text.endswith("read as PR0156745Z")
    # a prefix's letter read as another that is no look-alike: not in the form (an
    # IBAN's 'FR76…' is no 'FT76…')
    record = _decide(tmp_path, crm, unlabelled(("59878", "PRX156745Z")))
    assert record.values.get("contract_number", "") == ""
    # two such codes: which one the letter means is for a clerk
    record = _decide(tmp_path, crm, unlabelled((*page, "CTR-2013-870938")))
    assert record.values.get("contract_number", "") == ""
    assert "missing_contract_number" in _codes(record)
    # digits alone are no contract, though two of them look like a prefix's letters
    # (a SIRET's '76918822853' is not 'TG918822853')
    drawn_crm = load_crm(tmp_path / "drawn.csv")
    a = _letter(customer_number="200000000", contract_number="", holder_name="Client 0",
                signatory_name="Client 0")
    for seen, expected in ((("59878", "76918822853"), ""),
                           (("59878", "T6918822853"), "TG918822853")):
        letter = Analysis(a.source_file, a.sha256, a.kind,
                          Extraction(a.ext.fields, signed=True, codes=seen), confidence=0.9)
        got = _decide(tmp_path, drawn_crm, letter).values.get("contract_number", "")
        assert got == expected, seen


def _read_twice(second: list[tuple[str, str]], **values: str) -> Analysis:
    """A letter whose numbers were read again from their boxes as ``second``."""
    letter = _letter(**values)
    assert letter.ext is not None
    again = tuple(FieldValue(name, value, Evidence(1, Box(0.1, 0.2, 0.4, 0.23), 0.8, value))
                  for name, value in second)
    return Analysis(letter.source_file, letter.sha256, letter.kind,
                    Extraction(letter.ext.fields, signed=True, second=again), confidence=0.9)


def test_a_number_the_crm_knows_only_as_read_again_is_that_reading(tmp_path: Path,
                                                                   crm: Crm) -> None:
    record = _decide(tmp_path, crm, _read_twice(
        [("customer_number", "123456789"), ("contract_number", "CTR-2019-001234")],
        customer_number="723456189", contract_number="CTR-2019-8X1Z34"))
    assert record.status == "ok", record.findings
    assert record.values["customer_number"] == "123456789"
    assert record.values["contract_number"] == "CTR-2019-001234"
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and field.evidence.text == \
        "another reading of it, known to the CRM, rather than CTR-2019-8X1Z34"
    # a customer read again whose holder and company the letter does not name is not
    # taken, as a slip would not be
    stranger = _decide(tmp_path, crm, _read_twice([("customer_number", "987654321")],
                                                  customer_number="723456189",
                                                  contract_number="CTR-2019-8X1Z34"))
    assert stranger.values["customer_number"] == "723456189"
    assert "unknown_customer" in _codes(stranger)
    # read again as two values the CRM knows: neither is taken
    tied = _decide(tmp_path, crm, _read_twice(
        [("contract_number", "CTR-2019-001234"), ("contract_number", "VO12345678")],
        contract_number="CTR-2019-8X1Z34"))
    assert tied.values["contract_number"] == "CTR-2019-8X1Z34"
    assert "contract_mismatch" in _codes(tied)


def test_a_contract_read_again_one_slip_from_the_customers_is_that_contract(
        tmp_path: Path, crm: Crm) -> None:
    record = _decide(tmp_path, crm, _read_twice([("contract_number", "CTR-2O19-001234")],
                                                contract_number="CTR-2019-8X1Z34"))
    assert record.values["contract_number"] == "CTR-2019-001234"
    assert record.status == "ok", record.findings
    field = next(f for f in record.evidence if f.name == "contract_number")
    assert field.evidence is not None and \
        field.evidence.text == "matched in the CRM; read as CTR-2019-8X1Z34"


def test_a_contract_read_again_as_another_customers_stays_one_slip_from_its_own(
        tmp_path: Path, crm: Crm) -> None:
    # read as one slip from the customer's own contract, read again as Paul Martin's:
    # the slip is the customer's own contract, not another customer's
    record = _decide(tmp_path, crm, _read_twice([("contract_number", "AB123456789")],
                                                contract_number="VO1234567B",
                                                subscription_date="2020-01-02",
                                                contract_type="mobile"))
    assert record.values["contract_number"] == "VO12345678"
    assert "contract_mismatch" not in _codes(record)
    mobile = dict(subscription_date="2020-01-02", contract_type="mobile")
    # a slip of any kind, not only a look-alike
    other = _decide(tmp_path, crm, _read_twice([("contract_number", "AB123456789")],
                                               contract_number="VO1234567X", **mobile))
    assert other.values["contract_number"] == "VO12345678"
    # the customer's own contracts once its number is settled (one look-alike digit off)
    settled = _decide(tmp_path, crm, _read_twice([("contract_number", "AB123456789")],
                                                 customer_number="123456780",
                                                 contract_number="VO1234567B", **mobile))
    assert settled.values["customer_number"] == "123456789"
    assert settled.values["contract_number"] == "VO12345678"
    assert "contract_mismatch" not in _codes(settled)


def test_a_second_scan_whose_first_lost_its_date_is_still_a_duplicate(tmp_path: Path,
                                                                      crm: Crm) -> None:
    # the first scan read the contract's 8 as a B and no subscription date
    def scan(name: str, sha: str, **values: str) -> Analysis:
        a = _letter(**values)
        return Analysis(name, sha, a.kind, a.ext, confidence=0.9)

    store = Store(tmp_path / "mailroom.sqlite")
    try:
        for k, (first, again, duplicate) in enumerate((
                ("CTR-2019-0012B4", "CTR-2019-001284", True),
                ("CTR-2019-001235", "CTR-2019-001234", False))):
            # a letter for a digit: a misreading; a digit for another (5 and 4 of two
            # contracts numbered in sequence), with nothing to tell: two letters
            store.save(decide(scan(f"a_{k}.pdf", f"{2 * k}" * 64, contract_number=first,
                                   subscription_date=""), store))
            record = decide(scan(f"b_{k}.pdf", f"{2 * k + 1}" * 64, contract_number=again),
                            store)
            assert ("duplicate" in _codes(record)) is duplicate, first
    finally:
        store.close()
