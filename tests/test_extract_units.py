"""Small pure pieces of extraction: names, digits, dates, labels."""

from __future__ import annotations

import re

import pytest
from helpers import document_from_boxes, document_from_text, layout_from_text
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.common import DIGIT_CONFUSIONS, as_digits
from pipeline.extract.dates import classify_dates, find_dates
from pipeline.extract.numbers import codes, customer_by_shape, customer_number
from pipeline.extract.people import name_shaped
from pipeline.extract.routing import recipient
from pipeline.layout import build_layout


@pytest.mark.parametrize("text, name", [
    ("Jean-Pierre Lefebvre", "Jean-Pierre Lefebvre"), ("M. Paul Durand", "Paul Durand"),
    ("O'Connor Liam", "O'Connor Liam"), ("* Victoire Lambert", "Victoire Lambert"),
    ("_ Kim Henderson", "Kim Henderson"), ("Miche! Tessier", "Michel Tessier"),
    ("\" Maggie Leroy _", "Maggie Leroy"), ("Adèle Descamps {assistante)", "Adèle Descamps"),
    ("Titulaire : Maria. Ward", ""), ("Maria. Ward", "Maria Ward"),
    ("JEAN DUPONT", "JEAN DUPONT"), ("INS IN SNE", ""), ("Orange Service Clients", ""),
    ("Madame, Monsieur,", ""), ("12 rue de la Paix", ""),
])
def test_name_shaped_accepts_names_and_refuses_the_rest(text: str, name: str) -> None:
    assert name_shaped(text) == name


def test_customer_number_survives_ocr_confusions(lexicon) -> None:
    doc = layout_from_text("Référence client : 4S2 9I5 3O6\n")
    assert customer_number(doc, lexicon).value.value == "452915306"
    # a 5 read as a dollar sign
    doc = layout_from_text("Référence client : 718 853 $25\n")
    assert customer_number(doc, lexicon).value.value == "718853525"
    # a comma OCR read between two groups of three digits
    doc = layout_from_text("Client n° : 303 627,184\n")
    assert customer_number(doc, lexicon).value.value == "303627184"
    # the customer's word with its l read as an h, a colon glued to the number
    found = customer_by_shape(layout_from_text("Vos références\nchient:629-757-473\n"), lexicon)
    assert found is not None and found.value == "629757473"
    # an amount's cents are no group of a number
    assert as_digits("26,91") == "" and as_digits("627,184") == "627184"
    # the l of a Polish "Nr kl." read as an i
    doc = layout_from_text("Nr ki. : 207-143-731\nNr umowy : PRO929401H\n")
    assert customer_number(doc, lexicon).value.value == "207143731"


@pytest.mark.parametrize("printed", ["578 539 542°", "578-539:542", "« 578 539 542 »",
                                     "| 578539542", "1 578539542"])
def test_customer_number_keeps_its_digits_through_specks(lexicon, printed: str) -> None:
    doc = layout_from_text(f"N° client : {printed} du 03/02/2024\n")
    assert customer_number(doc, lexicon).value.value == "578539542"


def test_an_hour_or_a_starred_or_signed_value_is_no_group_of_a_number(lexicon) -> None:
    assert as_digits("10:30") == "" and as_digits("10:30:45") == ""
    # a garbled date in the next cell, a phone's country code: not a customer's digits
    assert as_digits("*-3018-00209") == "" and as_digits("+48") == ""
    doc = layout_from_text("Je suis client. Rappel à 10:30 12345\n")
    assert customer_number(doc, lexicon).value is None


def test_customer_number_is_never_read_out_of_a_word(lexicon) -> None:
    doc = layout_from_text("Numéro client : SOIS BIOS\n")
    result = customer_number(doc, lexicon)
    assert result.value is None and result.label_seen


def test_a_date_where_the_customer_number_should_be_is_not_its_digits(lexicon) -> None:
    doc = layout_from_text("Numéro client : le 14.06.2018, inscrit au contrat\n")
    result = customer_number(doc, lexicon)
    assert result.value is None and result.label_seen
    quoted = customer_number(layout_from_text("Numéro client : «14.06.2018»\n"), lexicon)
    assert quoted.value is None and quoted.label_seen


def test_on_an_invoice_only_the_left_block_counts(lexicon) -> None:
    right_only = layout_from_text(" " * 70 + "N° client : 482915306\n")
    assert customer_number(right_only, lexicon, left_half=True).value is None
    assert customer_number(right_only, lexicon).value.value == "482915306"


@pytest.mark.parametrize("text, iso", [
    ("12/03/2021", "2021-03-12"), ("12.03.2021", "2021-03-12"), ("12 mars 2021", "2021-03-12"),
    ("2021-03-12", "2021-03-12"), ("le 1er janvier 2020", "2020-01-01"),
    ("12 marca 2021", "2021-03-12"), ("March 12, 2021", "2021-03-12"),
    ("12th March 2021", "2021-03-12"), ("3 września 2019 r.", "2019-09-03"),
    ("3 wrzesnia 2019", "2019-09-03"), ("O2/O1/2O12", "2012-01-02"), ("7.avril 2022", "2022-04-07"),
    # OCR's specks and letter slips
    ("depuis le: _21/6/2016", "2016-06-21"), ("dnia 9 lutego '2018 r.", "2018-02-09"),
    ("le 8 riovembre 2013", "2013-11-08"), ("le 8 décernbre 2013", "2013-12-08"),
    ("le 1er mars.2016", "2016-03-01"),
])
def test_every_usual_date_form_is_read(text: str, iso: str, lexicon) -> None:
    hits = find_dates(layout_from_text(text), lexicon)
    assert [h.date.isoformat() for h in hits if h.date] == [iso]


def test_the_subscription_date_is_told_apart_from_the_others(lexicon) -> None:
    doc = layout_from_text("Lyon, le 4 mai 2024\nfacture du 02/04/2024 reçue.\n"
                             "Contrat souscrit le 3 janvier 2019, résiliation à compter du "
                             "1er juin 2024.\n")
    dates = classify_dates(doc, lexicon)
    assert dates.subscription.value == "2019-01-03"
    assert dates.letter.value == "2024-05-04"


@pytest.mark.parametrize("block, code", [
    ("Orange Service Clients\nTSA 2OOO1\n59878 Lille Cedex 9", "tsa_20001"),
    ("ORANGE\n_TSA 10018\n59878 LILLE", "tsa_10018"),
    ("Orange\nTSA 10O19\n59878 Lille", "tsa_10018"),
    ("Orange Service Clients\nTSAICC18\n59878 LILLE CEDEX 9", "tsa_10018"),  # by hand
    ("Orange Service Clients\nTSA IOOI8\n59878 LILLE CEDEX 9", "tsa_10018"),
    ("Orange Service Clients\nTSA 30015\n59878 Lille", "other"),
    ("Boutique Orange\n12 place Bellecour\n69002 Lyon", "other"),
    ("Jean Dupont\n3 rue Haute\n75001 Paris", "none"),
])
def test_the_recipient_block_is_matched_despite_ocr_slips(block: str, code: str,
                                                           lexicon) -> None:
    assert recipient(document_from_text(block), lexicon).value == code


# DIGIT_CONFUSIONS is a str.translate table: its keys are code points
CONFUSABLE = {chr(k) for k in DIGIT_CONFUSIONS} | set("0123456789")


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=80))
def test_customer_number_digits_always_come_from_the_text(lexicon, noise: str) -> None:
    doc = layout_from_text(f"N° client : {noise}\n")
    value = customer_number(doc, lexicon).value
    if value is not None:
        read = "".join(ch for ch in noise if ch in CONFUSABLE)
        mapped = read.translate(DIGIT_CONFUSIONS)
        assert value.value in re.sub(r"\D", "", mapped)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_as_digits_never_turns_a_word_into_a_number(token: str) -> None:
    digits = as_digits(token)
    if digits:
        # specks, quotes and separators aside: at least half of it is real digits
        kept = [ch for ch in token if ch.isalnum() or ch in "|!"]
        assert sum(ch.isdigit() for ch in kept) * 2 >= len(kept)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extraction_never_crashes_on_any_text(lexicon, text: str) -> None:
    from pipeline.classify import classify
    from pipeline.extract import extract
    from pipeline.records import Classification

    doc = layout_from_text(text.replace("\f", " ") or " ")
    classify(doc, lexicon)
    for doc_type in ("termination_letter", "invoice", "other"):
        ext = extract(doc, Classification(doc_type, "fr"), lexicon)
        for f in ext.fields:
            assert isinstance(f.value, str)


@pytest.mark.parametrize("subject", ["Objet : Résiliation", "Objet : Rósiliation",
                                     "Objet : Resiliation", "Objet : R6siliation"])
def test_a_termination_survives_a_misread_accent(lexicon, subject: str) -> None:
    from pipeline.classify import classify

    doc = layout_from_text(f"{subject}\nMadame, Monsieur,\nje vous prie de bien vouloir "
                             "noter ma demande.\nCordialement,\nPaul Durand")
    assert classify(doc, lexicon).doc_type == "termination_letter"


@pytest.mark.parametrize("text, value", [
    ("Référence du-contrat: FT 8035 8988 87", "FT8035898887"),
    ("Le contrat concerné porte la référence 'UX124549210, souscrit en 2019.", "UX124549210"),
    ("Chodzi o umowę nr\n.5-5L2XTT, zawartą w dniu 2022-03-30.", "5-5L2XTT"),
    ("N° de contrat : « CTR-2019-004512 »", "CTR-2019-004512"),
    ("N° contrat-PR 7312 044518", "PR7312044518"),
    ("Référence du contrat du 12\\05\\2015 : CTR-2019-004512", "CTR-2019-004512"),
    ("Contract ref. : J¥ 408113297.", "JY408113297"),
    ("N° contrat - FT 4127 5503 18°", "FT4127550318"),
    ("Il s'agit du contrat n° 2-\\HXT8P4, souscrit en 2019.", "2-HXT8P4"),
    ("Je résilie mon contrat numéro PRO418207$, signé le 3 mai 2018.", "PRO418207S"),
    # a small capital, a speck with a stop, a zero for "o", a star for "°"
    ("This is contract number Vv418220537, signed on 2019-05-02.", "VV418220537"),
    ("N° contrat 7. LA403118226", "LA403118226"),
    ("Wypowiadam umowę 0 numerze CTR-2016-318802.", "CTR-2016-318802"),
    ("Contrat n*:.FT 4107 3311 62", "FT4107331162"),
    # a bracket read between the digits and the check letter
    ("Contrat n° : PRO418207]J", "PRO418207J"),
    ("Contrat n° : [PRO418207]", "PRO418207"),  # a bracket around it is no letter
    ("Contrat n° : PRO418207].", "PRO418207J"),  # but one that none opened is a J
    ("Contrat n° : [ PRO418207]", "PRO418207"), ("Contrat n° : (VO12345678]", "VO12345678"),
    ("Contrat n° : FT12345678]", "FT12345678"),  # and only where a check letter stands
    # a stop inside a group of a code in groups, and the label's "l'" read as an F
    ("Contrat n° : CTR-2021-742.723, signé le", "CTR-2021-742723"),
    ("Référence de Fabonnement : CTR-2016-147605", "CTR-2016-147605"),
    ("Référence de J'’abonnement 8-PFKTHN", "8-PFKTHN"),
])
def test_contract_number_shrugs_off_specks_and_quotes(lexicon, text: str, value: str) -> None:
    from pipeline.extract.numbers import contract_number

    found = contract_number(layout_from_text(text), lexicon).value
    assert found is not None and found.value == value


def test_a_group_after_a_hyphen_with_a_small_letter_is_not_cut_off(lexicon) -> None:
    from pipeline.extract.numbers import contract_number

    # a zero read as a small o: the code is not cut at its hyphen into another number
    found = contract_number(layout_from_text("N° de contrat : CTR-2019- o05948\n"), lexicon)
    assert found.value is None or found.value.value != "CTR-2019"


@pytest.mark.parametrize("text, value", [
    ("contrat numéro CTR- 2019- 505948, souscrit le 06.01.2019.", "CTR-2019-505948"),
    ("N° de contrat - 4-GHM7WK_", "4-GHM7WK"),
    ("Contrat n°: 7-97ZXJG |", "7-97ZXJG"),
    ("Référence du contrat 3 - KQWT52", "3-KQWT52"),
    ("Numer kontrakt:\nPRO718204K", "PRO718204K"),
    ("Numer kontraktuCTR-2019-401122", "CTR-2019-401122"),
    ("Référence de l'abonnement 7 3-KD5NRT", "3-KD5NRT"),
    # a stroke after the code is no hyphen inside it: the word after stays apart
    ("N° de contrat DH375582494- depuis le 08/05/2015", "DH375582494"),
])
def test_contract_number_joins_a_code_split_after_its_hyphens(lexicon, text: str,
                                                              value: str) -> None:
    from pipeline.extract.numbers import contract_number

    found = contract_number(layout_from_text(text), lexicon).value
    assert found is not None and found.value == value
    assert value in found.evidence.text.replace(" ", "")


def test_every_cue_of_the_lexicon_compiles_and_is_read_by_some_module() -> None:
    import json
    from pathlib import Path

    from pipeline.lexicon import DEFAULT_PATH, cue

    names = [n for n in json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["cues"]
             if not n.startswith("_")]
    source = "".join(p.read_text(encoding="utf-8")
                     for p in (Path(__file__).parent.parent / "pipeline").rglob("*.py"))
    for name in names:
        assert cue(name).pattern
        assert f'cue("{name}")' in source, f"cue {name} is read by no module"


def test_a_quote_at_a_numbers_edge_is_a_speck_and_a_bar_a_one() -> None:
    assert as_digits("„992") == "992"
    assert as_digits("|23") == "123"  # a 1 read as a bar, one of the documented confusions


def test_the_pages_codes_are_whole_and_leave_words_and_dates_out() -> None:
    got = codes(layout_from_text("Contrat CTR-2012: 032023 signé le 12/03/2020\n"
                                 "Tél. 01 44 55 66 77, ligne FT 3788 0664 37\n"))
    assert "CTR-2012032023" in got  # a colon OCR read for the hyphen
    assert "FT3788066437" in got  # four groups
    assert not any(c.startswith(("CONTRAT", "Contrat")) or "12/03/2020" in c for c in got)
    # a capital that OCR gave an accent is that letter, not the code's end; a small
    # letter after a code is a word's
    assert "4-MEZHZS" in codes(layout_from_text("Le contrat 4-MEZHZŚ, souscrit en 2021.\n"))
    assert codes(layout_from_text("Contrat CTR-2019-505948é compter\n")) == ("CTR-2019-505948",)
    # one digit is enough in a short head and a group, not in words in capitals
    got = codes(layout_from_text("SAINT-ETIENNE CEDEX 1, ORANGE-PRO3\n"))
    assert not any(c.endswith(("CEDEX1", "PRO3")) for c in got), got


@pytest.mark.parametrize("a, b, same", [
    ("Marine Merle", "Manne Mere", True),  # 'ri' read as 'n', an 'l' lost
    ("René Caillaux", "R. Caillaux", True),
    ("Marine Merle", "Marie Merlin", False),
    ("Jean Dupont", "Jean Durand", False),
    ("Radosław Małocha", "Radostaw Matocha", True),  # a Polish ł read as t
    ("Anna Kowalska", "Anna Kowalczyk", False),
    ("Alain Collet", "Alain Cottet", False),  # a t is an ł's only where the name has one
    ("Marie Motte", "Marie Molle", False),
])
def test_names_are_compared_through_ocrs_letter_shapes(a: str, b: str, same: bool) -> None:
    from pipeline.normalise import same_person

    assert same_person(a, b) is same


@pytest.mark.parametrize("text, field, value", [
    ("Référence du cantrat : CTR-2017-204816", "contract", "CTR-2017-204816"),
    ("Votre numéro cliemt : 318 204 775", "customer", "318204775"),
    ("CUSTOMER NUMBFR 604 118 273", "customer", "604118273"),
])
def test_a_label_word_misread_by_one_letter_is_still_its_label(lexicon, text: str, field: str,
                                                               value: str) -> None:
    from pipeline.extract.numbers import contract_number, customer_number

    read = contract_number if field == "contract" else customer_number
    found = read(layout_from_text(text), lexicon).value
    assert found is not None and found.value == value


def test_only_long_words_one_letter_from_one_label_word_are_mended() -> None:
    from pipeline.lexicon import mend_label_words

    assert mend_label_words("reference du cantrat") == "reference du contrat"
    assert mend_label_words("le contact du client") == "le contact du client"  # two letters


@pytest.mark.parametrize("text, value", [
    ("Proszę o zmianę numeru klienta 318204775", "318204775"),  # a label as it is read
    ("Numéro de contrat : 3. Client 318204775", None),  # a list's number, then another's
])
def test_a_mended_copy_only_adds_labels_and_a_speck_only_comes_before_a_code(
        lexicon, text: str, value: str | None) -> None:
    from pipeline.extract.numbers import contract_number

    if value:
        found = customer_number(layout_from_text(text), lexicon).value
        assert found is not None and found.value == value
    else:
        assert contract_number(layout_from_text(text), lexicon).value is None


def test_a_code_runs_on_where_ocr_cut_a_skewed_line(lexicon) -> None:
    from pipeline.extract.numbers import contract_by_name, contract_number

    # the line's end lies a little lower on a skewed scan: OCR made it a line of its own
    doc = document_from_boxes([(100, 400, 600, 430, "Je résilie mon abonnement."),
                               (100, 460, 560, 490, "Client 402-118-377, Contrat VO82"),
                               (565, 480, 900, 510, "105533, depuis le 3 mai 2020"),
                               (100, 540, 300, 570, "Merci.")])
    found = contract_by_name(build_layout(doc)).value
    assert found is not None and found.value == "VO82105533"
    # the next line of a block alongside is no part of it
    doc = document_from_boxes([(100, 400, 560, 430, "N° de contrat : CTR-2019-001234"),
                               (565, 440, 900, 470, "12 rue de la Paix")])
    assert contract_number(build_layout(doc), lexicon).value.value == "CTR-2019-001234"
    # a slash between fields after the code is no part of it
    found = contract_by_name(layout_from_text(
        "Customer 83 299 7617 /Contract PRO241828D/ since 27/03/2025\n")).value
    assert found is not None and found.value == "PRO241828D"


def test_a_customer_account_names_the_customer_number(lexicon) -> None:
    layout = layout_from_text("This concerns the contract on customer account 318204775, "
                              "with reference LP118204331.")
    found = customer_number(layout, lexicon).value
    assert found is not None and found.value == "318204775"
