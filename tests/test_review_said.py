"""Flags' details in the clerk's language, made from each flag's code and values."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.support import Translations

from pipeline.review import said as said_module
from pipeline.review.said import DETAILS, Said
from pipeline.review.words import FLAG_WORDS
from pipeline.validate import MESSAGES, finding

CATALOGUES = Path(said_module.__file__).parent / "translations"
CRM_CODES = ("unknown_customer", "contract_mismatch", "subscription_date_mismatch",
             "already_terminated")
READ = {"customer_number": "48291530", "contract_number": "CTR-2019-505948",
        "subscription_date": "2019-04-12", "contract_type": "fixed_line",
        "recipient": "tsa_10018", "signatory_name": "Marie Martin",
        "holder_name": "Jean Dupont"}


def say(lang: str) -> Said:
    return Said(Translations.load(str(CATALOGUES), [lang]))


@pytest.mark.parametrize("lang", ["fr", "pl"])
def test_every_flag_has_a_title_and_details_in_french_and_polish(lang) -> None:
    catalogue = Translations.load(str(CATALOGUES), [lang])
    assert set(DETAILS) == set(FLAG_WORDS)  # the CRM's four codes among them
    assert set(CRM_CODES) <= set(DETAILS)
    for code, templates in DETAILS.items():
        assert catalogue.ugettext(FLAG_WORDS[code]) != FLAG_WORDS[code], code
        for template in templates:
            translated = catalogue.ugettext(template)
            assert translated != template, template
            # the same values in the translation as in the English
            assert sorted(said_module.re.findall(r"%\(\w+\)s", translated)) == \
                sorted(said_module.re.findall(r"%\(\w+\)s", template)), template


@pytest.mark.parametrize(("lang", "code", "values", "want"), [
    ("fr", "wrong_address", {"ctype": "fixed line", "expected": "TSA 20001",
                             "recipient": "another address"},
     "Le type de contrat est ligne fixe : le courrier doit être adressé à TSA 20001 ; "
     "adresse indiquée : une autre adresse."),
    ("pl", "wrong_address", {"ctype": "fixed line", "expected": "TSA 20001",
                             "recipient": "TSA 10018"},
     "Rodzaj umowy: linia stacjonarna – pismo należy wysłać na TSA 20001; adres na piśmie: "
     "TSA 10018."),
    ("en", "wrong_address", {"ctype": "internet", "expected": "TSA 10018",
                             "recipient": "no address"},
     "The contract type is Internet or Open: the letter must be sent to TSA 10018; it was "
     "sent to no address."),
    ("fr", "invalid_customer_number", {"value": "12345"},
     "Le numéro client 12345 n'a pas 9 chiffres."),
    ("pl", "invalid_subscription_date", {"value": "2019-02-30"},
     "Data zawarcia umowy 2019-02-30 jest niemożliwa lub późniejsza niż data pisma."),
    ("fr", "not_holder", {"signatory": "Marie Martin", "holder": " (Jean Dupont)"},
     "Signé par Marie Martin, qui n'est pas le titulaire du contrat (Jean Dupont)."),
    ("pl", "not_holder", {"signatory": "someone else", "holder": ""},
     "Podpis: ktoś inny – ta osoba nie jest posiadaczem umowy."),
    ("fr", "low_confidence", {"fields": "customer number, contract number"},
     "Lecture incertaine : numéro client, numéro de contrat. Un agent doit vérifier."),
    ("pl", "low_confidence", {"fields": "whether this is a termination letter"},
     "Nie wiadomo, czy to wypowiedzenie umowy: musi to sprawdzić pracownik."),
    ("fr", "unknown_contract_type", {"ctype": "mobile"},
     "Le type de contrat est mobile : aucune règle d'adresse ne s'applique, un agent doit "
     "décider."),
    ("pl", "duplicate", {"first": "scan_001.pdf"}, "Już otrzymane jako scan_001.pdf."),
    ("fr", "missing_signature", {}, "Le courrier n'est pas signé à la main."),
])
def test_a_stored_message_is_said_again_in_the_clerk_s_language(lang, code, values,
                                                                 want) -> None:
    message = finding(code, **values).message
    assert say(lang).details(code, message, {}) == want


def test_every_message_of_validate_is_read_back_and_translated() -> None:
    """Each code's message, made with values that say themselves, comes out in French
    with those values and none of its English."""
    values = {"value": "4829", "ctype": "fixed line", "expected": "TSA 20001",
              "recipient": "TSA 10018", "signatory": "Marie Martin", "holder": " (Jean Dupont)",
              "first": "scan_001.pdf", "fields": "contract number", "reason": "encrypted PDF",
              "contract": "C-7", "customer": "482915306", "known": "2019-04-21", "why": ""}
    for code, template in MESSAGES.items():
        message = template.format(**values)
        shown = say("fr").details(code, message, {})
        assert shown != message, code
        for name in said_module.re.findall(r"\{(\w+)\}", template):
            if name not in ("ctype", "fields", "holder", "why"):
                assert values[name] in shown, (code, shown)


def test_a_message_in_another_wording_is_said_from_the_record_s_fields() -> None:
    fr = say("fr")
    assert fr.details("wrong_address", "Sent to the wrong TSA.", READ) == (
        "Le type de contrat est ligne fixe : le courrier doit être adressé à TSA 20001 ; "
        "adresse indiquée : TSA 10018.")
    assert fr.details("not_holder", "The signatory is someone else.", READ) == (
        "Signé par Marie Martin, qui n'est pas le titulaire du contrat (Jean Dupont).")
    assert fr.details("duplicate", "A copy.", READ, record_message="scan_001.pdf") == \
        "Déjà reçu sous le nom scan_001.pdf."


def test_the_crm_s_flags_are_said_from_the_record_s_fields() -> None:
    pl, fr = say("pl"), say("fr")
    assert pl.details("unknown_customer", "Customer 48291530 unknown.", READ) == \
        "Numeru klienta 48291530 nie ma w CRM."
    assert fr.details("contract_mismatch", "", READ) == (
        "Le contrat CTR-2019-505948 ne fait pas partie des contrats du client 48291530 "
        "dans le CRM.")
    assert fr.details("subscription_date_mismatch", "", READ) == (
        "La date de souscription 2019-04-12 diffère de celle du CRM pour le contrat "
        "CTR-2019-505948.")
    assert pl.details("already_terminated", "", READ) == \
        "Według CRM umowa CTR-2019-505948 jest już rozwiązana."


# the CRM's messages as validate words them (the values are what the station reads back)
CRM_MESSAGES = {
    "unknown_customer": "The customer number {value} is not in the CRM.",
    "contract_mismatch": "The contract {contract} is not one of customer {customer}'s "
                         "contracts{why}.",
    "subscription_date_mismatch": "The letter gives {value} as the subscription date; the "
                                  "CRM has {known} for contract {contract}.",
    "already_terminated": "The contract {contract} is already terminated in the CRM.",
}


@pytest.mark.parametrize(("code", "values", "want"), [
    ("contract_mismatch", {"contract": "C-7", "customer": "482915306",
                           "why": "; it could be C-71 or C-17: a clerk must choose"},
     "Le contrat C-7 ne fait pas partie des contrats du client 482915306 dans le CRM ; ce "
     "pourrait être C-71 ou C-17 : un agent doit choisir."),
    ("contract_mismatch", {"contract": "C-7", "customer": "482915306",
                           "why": "; it is customer 517204938's"},
     "Le contrat C-7 ne fait pas partie des contrats du client 482915306 dans le CRM ; "
     "c'est un contrat du client 517204938."),
    ("contract_mismatch", {"contract": "C-7", "customer": "482915306", "why": ""},
     "Le contrat C-7 ne fait pas partie des contrats du client 482915306 dans le CRM."),
    ("subscription_date_mismatch", {"value": "2019-04-12", "known": "2019-04-21",
                                    "contract": "C-7"},
     "Le courrier donne 2019-04-12 comme date de souscription ; le CRM a 2019-04-21 pour "
     "le contrat C-7."),
    ("unknown_customer", {"value": "482915306"},
     "Le numéro client 482915306 n'est pas dans le CRM."),
])
def test_the_crm_s_messages_are_read_back_and_said_in_french(monkeypatch, code, values,
                                                             want) -> None:
    monkeypatch.setitem(MESSAGES, code, CRM_MESSAGES[code])
    message = CRM_MESSAGES[code].format(**values)
    assert say("fr").details(code, message, READ) == want
    # a reason worded otherwise is not lost: the English message is shown
    if values.get("why"):
        odd = CRM_MESSAGES[code].format(**values | {"why": "; see the ledger"})
        assert say("fr").details(code, odd, READ) == odd


def test_without_its_values_or_its_code_a_flag_shows_its_stored_message() -> None:
    fr = say("fr")
    # no contract number read: nothing to name the contract with
    assert fr.details("already_terminated", "Contract X is terminated.", {}) == \
        "Contract X is terminated."
    assert fr.details("invalid_customer_number", "Odd number.", {}) == "Odd number."
    assert fr.details("a_code_from_tomorrow", "What it means.", READ) == "What it means."
    assert fr.flag("a_code_from_tomorrow") == "a_code_from_tomorrow"


def test_values_read_from_a_letter_are_never_taken_for_words_to_translate() -> None:
    shown = say("fr").details("duplicate", "Already received as invoice.", {})
    assert shown == "Déjà reçu sous le nom invoice."
    hostile = '<script>alert("x")</script> %(value)s %s'
    shown = say("pl").details("not_holder", finding(
        "not_holder", signatory=hostile, holder="").message, {})
    assert shown == f"Podpis: {hostile} – ta osoba nie jest posiadaczem umowy."
