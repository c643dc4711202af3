"""One test per kind of mail the project's first generator never wrote (issue #9):
layouts, wordings, intent, companies and invoices, on pages made here."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import (
    document_from_boxes,
    document_from_cells,
    document_from_rows,
    document_from_text,
    layout_from_text,
)

from pipeline.classify import classify
from pipeline.extract import extract
from pipeline.extract.dates import classify_dates
from pipeline.extract.numbers import codes
from pipeline.layout import build_layout, split_sentences
from pipeline.records import Box, Classification, DocumentText
from pipeline.validate import Facts, validate

LETTER = Classification("termination_letter", "fr")


def _fields(layout, lexicon, kind: Classification = LETTER) -> dict[str, str]:
    return {f.name: f.value for f in extract(layout, kind, lexicon).fields}


# 1. Layout: values in table cells, under their labels, in a column read apart.

def test_a_value_in_the_next_table_cell_is_paired_with_its_label(lexicon) -> None:
    doc = document_from_cells([(60, 200, "Numéro client"), (60, 216, "Référence du contrat"),
                               (250, 200, "| 735 201 448"), (250, 216, "| PRO-2020-118734")])
    got = _fields(build_layout(doc), lexicon)
    assert got["customer_number"] == "735201448"
    assert got["contract_number"] == "PRO-2020-118734"


def test_a_value_under_its_label_is_read_in_each_column(lexicon) -> None:
    doc = document_from_cells([(60, 300, "N° client"), (220, 300, "N° de contrat"),
                               (400, 300, "Date de souscription"),
                               (60, 316, "612 009 874"), (220, 316, "FT 4821 9408 29"),
                               (400, 316, "17/09/2018")])
    got = _fields(build_layout(doc), lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"]) == \
        ("612009874", "FT4821940829", "2018-09-17")


def test_a_header_read_on_one_line_with_the_next_cell_keeps_its_value_below(lexicon) -> None:
    # "N° de contrat" starts the next cell: it is no tail of the customer's label
    doc = document_from_rows([
        (300, [(60, "Votre numéro client."), (200, "N° de contrat"), (340, "Ligne")]),
        (316, [(60, "881 402 117"), (200, "PRO7720154"), (340, "02 31 44 18 60")])])
    got = _fields(build_layout(doc), lexicon, Classification("invoice", "fr"))
    assert (got["customer_number"], got["contract_number"]) == ("881402117", "PRO7720154")


BODY = [(100, 900 + 45 * i, 1100, 930 + 45 * i, text) for i, text in enumerate([
    "Madame, Monsieur,", "je vous prie de bien vouloir résilier mon abonnement",
    "à compter de la réception de ce courrier", "et de m'en adresser la confirmation.",
    "Je reste joignable pour toute question", "par courriel ou par téléphone.",
    "Veuillez agréer, Madame, Monsieur,", "mes salutations distinguées."])]


def test_a_speck_under_a_label_does_not_hide_the_value_on_the_next_line(lexicon) -> None:
    doc = document_from_boxes([
        (100, 400, 330, 430, "Numéro de contrat"), (700, 400, 980, 430, "Date de souscription"),
        (250, 431, 262, 441, "1"),  # a speck of the scan, read as a figure
        (100, 450, 290, 480, "VO61520384"), (700, 450, 860, 480, "12/05/2019"), *BODY])
    assert _fields(build_layout(doc), lexicon)["contract_number"] == "VO61520384"


def test_values_under_a_row_of_labels_in_small_print_stay_in_their_cells(lexicon) -> None:
    # the table's print is half the letter's, its cells a few letters apart: each label
    # stands alone in its cell, and the value beside its own is the next cell's
    doc = document_from_boxes([
        (100, 400, 190, 416, "Téléphone"), (215, 400, 305, 416, "N° client"),
        (330, 400, 440, 416, "Réf. contrat"),
        (100, 424, 200, 440, "0299887766"), (225, 424, 320, 440, "412 339 857"),
        (338, 424, 480, 440, "CTR-2020-448102"), *BODY])
    got = _fields(build_layout(doc), lexicon)
    assert (got["customer_number"], got["contract_number"]) == ("412339857", "CTR-2020-448102")


def test_a_table_row_read_as_one_line_gives_no_contract_made_of_its_cells(lexicon) -> None:
    # the contract's label stands a space from the next cell's, so not alone over its
    # value; the row under it, read as one line, starts with the customer number and a
    # phone number
    doc = document_from_rows([
        (300, [(60, "Client n°"), (150, "Téléphone"), (250, "Numéro de contrat"),
               (345, "Date d'adhésion")]),
        (316, [(60, "482 615 937"), (150, "06 41 27 35 92"), (250, "3-KT7QWM")])])
    layout = build_layout(doc)
    got = _fields(layout, lexicon)
    assert got["customer_number"] == "482615937"
    # no contract is read: the code stays among the page's codes, for the CRM to find
    assert "contract_number" not in got and "3-KT7QWM" in codes(layout)
    # a contract numbered after its customer, a short suffix after the number, is one
    got = _fields(layout_from_text("Client n° 482 615 937\nN° de contrat : 482615937 01\n"
                                   "Je résilie ce contrat.\n"), lexicon)
    assert got["contract_number"] == "48261593701"


def test_a_label_after_a_speck_read_as_a_quote_still_has_its_value_below(lexicon) -> None:
    doc = document_from_rows([
        (300, [(60, "Votre numéro client"), (200, "‘Votre contrat"), (320, "“Souscrit le"),
               (440, "Ligne")]),
        (316, [(60, "615 402 339"), (200, "VO72014528"), (320, "14/03/2020"),
               (440, "01 44 52 18 90")])])
    got = _fields(build_layout(doc), lexicon, Classification("invoice", "fr"))
    assert (got["customer_number"], got["contract_number"]) == ("615402339", "VO72014528")


@pytest.mark.parametrize("text, number", [
    ("Client 23740785 - Contrat FT 4406 1049 38 - depuis le 31/08/2016", "23740785"),
    ("Customer 1837705219 - Contract VO11227755", "1837705219"),
    # a phone number or a date after the customer's word is none of it
    ("Client 0612345678 - Contrat VO11227755", ""),
    ("Client 12052016 - Contrat VO11227755", ""),
    ("Client 12 05 2016 - Contrat VO11227755", ""),
])
def test_a_number_of_eight_or_ten_digits_right_after_the_customer_word_is_read(
        lexicon, text: str, number: str) -> None:
    got = _fields(layout_from_text(f"Objet : résiliation\n{text}\n"
                                   "Merci de résilier mon contrat.\n"), lexicon)
    assert got.get("customer_number", "") == number


@pytest.mark.parametrize("text, number", [
    # a date whose strokes OCR lost reads as nine digits too: the number right after
    # the customer's word is the customer's
    ("Client 731264580 - Contrat VO11227755 - depuis le 120532016", "731264580"),
    # two numbers right after the word: neither is known to be it
    ("Client 731264580, et pour l'autre site client 731264581", ""),
    # the other number is no date's: a clerk says which
    ("Client 731264580 transféré au 731264581", ""),
])
def test_the_nine_digits_right_after_the_customer_word_are_the_customers(
        lexicon, text: str, number: str) -> None:
    got = _fields(layout_from_text(f"Objet : résiliation\n{text}\n"
                                   "Merci de résilier mon contrat.\n"), lexicon)
    assert got.get("customer_number", "") == number


def test_a_label_ending_a_sentence_is_not_a_cell_over_the_line_under_it(lexicon) -> None:
    # "The contract reference is" ends a line of running text; the words under it are
    # the next line's, not its value, and its small word "The" is no gap before it
    text = ("Subject: contract termination\nDear Sirs,\nI am writing to end my broadband "
            "subscription. The contract reference is\nCTR-2015-554392, signed on 19/07/2013."
            " My customer number is 482 615 ©\n937.\nYours sincerely,\nAnn Lee\n")
    got = _fields(layout_from_text(text), lexicon)
    # and a speck between the customer number's groups is passed over
    assert (got["contract_number"], got["customer_number"]) == ("CTR-2015-554392",
                                                                "482615937")


@pytest.mark.parametrize("text, number", [
    ("N° client : 482 615 © 937.", "482615937"),  # a speck between groups
    ("N° client : 482 6 © 937.", ""),  # a smudge over digits: not a number of seven
    ("Klient.482-615-937, Umowa PRO689011J", "482615937"),  # a stop glued to the word
    ("N° client : 4826159 - 06 12 34 56 78", "4826159"),  # a phone number after a dash
    ("Jean Dupont, client, SIREN.552100554", ""),  # another number's word, glued
])
def test_specks_about_a_customer_number_are_passed_over_but_no_digit_is_made_up(
        lexicon, text: str, number: str) -> None:
    got = _fields(layout_from_text(f"Objet : résiliation\n{text}\n"
                                   "Merci de résilier mon contrat.\n"), lexicon)
    assert got.get("customer_number", "") == number
    # the digits before a speck are part of the customer number, not a contract
    assert "contract_number" not in got or not got["contract_number"].isdigit()


@pytest.mark.parametrize("line", [
    "N° decontrat-7-KPL2VW",  # OCR lost the space after "de" and put a hyphen in it
    "Contrat e . i | 7-KPL2VW",  # "n°" and a table's bar read as specks
    "N° de contrat : . . . 7-KPL2VW",  # dust read as stops
])
def test_a_contract_label_survives_lost_spaces_and_specks(lexicon, line: str) -> None:
    text = f"Objet : résiliation\n{line}\nMerci de résilier mon contrat à réception.\n"
    assert _fields(layout_from_text(text), lexicon)["contract_number"] == "7-KPL2VW"


def test_two_columns_read_one_after_the_other_keep_their_pairs(lexicon) -> None:
    labels = ["Identifiant client :", "Numéro de contrat :", "Abonné depuis le :"]
    values = ["504 118 237", "VO77120455", "02/02/2016"]
    cells = [(60, 400 + 18 * i, t) for i, t in enumerate(labels)] + \
            [(330, 400 + 18 * i, t) for i, t in enumerate(values)]
    got = _fields(build_layout(document_from_cells(cells, engine="tesseract")), lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"]) == \
        ("504118237", "VO77120455", "2016-02-02")


def test_a_curved_line_cut_in_two_by_ocr_is_read_as_one(lexicon) -> None:
    # a photographed page: the line bends down, OCR cuts it, and its second half
    # reaches lower than the start of the next line
    doc = document_from_boxes([
        (230, 620, 530, 655, "Bonjour Madame, Monsieur,"),
        (232, 710, 573, 740, "Je vous informe que je mets fin"),
        (582, 724, 1203, 776, "à mon abonnement de téléphonie fixe ; merci d'en prendre"),
        (234, 742, 420, 765, "acte dès réception."),
        (234, 800, 900, 825, "Client 271 804 336, Contrat RX-55021"),
    ])
    layout = build_layout(doc)
    assert "je mets fin à mon abonnement de téléphonie fixe ; merci d'en prendre acte " \
        "dès réception." in layout.sentences[1]
    assert classify(layout, lexicon).doc_type == "termination_letter"


def test_slanted_handwritten_lines_one_over_the_other_share_no_row(lexicon) -> None:
    # handwritten lines rise across the page: their boxes are tall, and a line's middle
    # may be that of the line over it, or of the short line under its start
    doc = document_from_boxes([
        (164, 286, 688, 336, "Je ne veux plus garder mes services : merci de faire le"),
        (164, 304, 320, 330, "nécessaire pour l'arrê"),
        (310, 316, 689, 354, "ter. Cet abonnement est rattaché à mon compte client"),
        (163, 325, 676, 372, "482 615 937, enregistré sous le numéro RT409175, depuis le"),
        (160, 344, 245, 360, "08.10.2023."),
        (157, 370, 244, 388, "Bien à vous,"),
    ])
    layout = build_layout(doc)
    assert "compte client 482 615 937, enregistré sous le numéro RT409175, depuis le " \
        "08.10.2023." in layout.text.replace("\n", " ")
    got = _fields(layout, lexicon)
    assert (got["customer_number"], got["contract_number"]) == ("482615937", "RT409175")


def test_a_slanted_photographed_line_cut_in_three_keeps_its_pieces_together(lexicon) -> None:
    # each line rises across the page and OCR cut it in three; two first pieces end
    # where the next line's second piece starts: it goes with the one it shares most
    # height with
    doc = document_from_boxes([
        (321, 626, 540, 665, "Je n'ai plus besoin"),
        (544, 611, 996, 651, "de mon abonnement Open (fixe,"),
        (1009, 593, 1396, 630, "Internet et mobile). Merci de"),
        (543, 653, 839, 686, "clôturer mon compte. Cet"),
        (841, 631, 1351, 674, "abonnement est référencé FT 9747"),
        (324, 667, 540, 697, "le couper et de"),
        (323, 697, 675, 730, "3402 00 dans vos services."),
    ])
    text = build_layout(doc).text.replace("\n", " ")
    assert "Merci de le couper et de clôturer mon compte. Cet abonnement est référencé " \
        "FT 9747 3402 00" in text


@pytest.mark.parametrize("text, kind", [
    ("Merci de couper ma ligne fixe.", "termination_letter"),  # "couper": to cut it off
    ("J'ai des coupures sur ma ligne fixe, merci de réparer.", "other"),  # outages
])
def test_cutting_off_a_line_is_asking_to_end_it(lexicon, text: str, kind: str) -> None:
    assert _kind(f"Objet : ma ligne\nMadame, Monsieur,\n{text}\nCordialement,\n"
                 "Paul Martin\n", lexicon).doc_type == kind


# 2. Wording: references inside sentences, labels never listed.

@pytest.mark.parametrize("text, kind", [
    ("Abonnement Business Everywhere 205,17 €", "mobile"),  # an offer, no word for a type
    ("Je résilie mon offre Internet Pro Everywhere.", "internet"),  # a kind named: it decides
    ("Je résilie ma Livebox Pro.", "internet"),
])
def test_the_offer_named_decides_the_contract_type(lexicon, text: str, kind: str) -> None:
    assert _fields(layout_from_text(f"{text}\n"), lexicon)["contract_type"] == kind


@pytest.mark.parametrize("words", ["ma ligne de téléphone fixe", "mon téléphone fixe",
                                   "my fixed phone line"])
def test_a_fixed_line_is_named_in_more_than_one_way(lexicon, words: str) -> None:
    got = _fields(layout_from_text(f"Bonjour,\nJe veux arrêter {words}.\n"), lexicon)
    assert got["contract_type"] == "fixed_line"


@pytest.mark.parametrize("line, iso", [
    ("Sent : Tue June 3, 2025 09:12", "2025-06-03"),  # a printed e-mail's header
    ("te 9 mai 2024", "2024-05-09"),  # "le" as OCR read it
    ("- Le 14.02 2025", "2025-02-14"),  # a separator OCR dropped
    ("Kraków; 2024-03-05", "2024-03-05"),  # a comma read as a semicolon
    ("Poznań, dnia 4 marca 2024r.", "2024-03-04"),  # the Polish "r." (rok) after a year
])
def test_the_letter_date_survives_ocr_slips_and_headers(lexicon, line: str, iso: str) -> None:
    text = f"Anne Roy\nTSA 20001\n{line}\nMadame, Monsieur,\nJe résilie ma ligne fixe.\n"
    assert _fields(layout_from_text(text), lexicon)["letter_date"] == iso


def test_a_customer_number_in_brackets_is_read_in_its_own_clause(lexicon) -> None:
    got = _fields(layout_from_text(
        "Madame, Monsieur,\nMerci d'envoyer désormais toutes nos factures (client\n"
        "512 660 804) à notre nouvelle adresse, 4 place du Marché à Rennes, dès ce mois.\n"),
        lexicon, Classification("other", "fr"))
    assert got["customer_number"] == "512660804"


def test_a_customer_number_on_a_line_of_its_own_is_not_the_line_before_it(lexicon) -> None:
    # "fixe" ends the sentence above; the number's own line starts with the customer's word
    got = _fields(layout_from_text(
        "Bonjour,\nJe vous informe de ma décision de résilier mon abonnement de téléphonie "
        "fixe\nClient 734-218-905 / Contrat VO51234678 / depuis le 12/05/2019\nMerci.\n"),
        lexicon)
    assert got["customer_number"] == "734218905"


@pytest.mark.parametrize("word", ["Kkent", "Ctient", "Custorner"])
def test_a_customer_word_garbled_by_ocr_still_names_the_number(lexicon, word: str) -> None:
    got = _fields(layout_from_text(
        f"Dzień dobry,\nNiniejszym wypowiadam umowę.\n{word} 604 118 273, umowa PL-77120\n"),
        lexicon)
    assert got["customer_number"] == "604118273"


@pytest.mark.parametrize("line", ["Je suis votre abonné:629-757-473 depuis dix ans.",
                                  "Customer:629757473, billed twice."])
def test_a_customer_word_glued_to_its_number_by_a_colon_still_names_it(lexicon,
                                                                      line: str) -> None:
    got = _fields(layout_from_text(f"Objet : réclamation\n{line}\n"), lexicon,
                  Classification("other", "fr"))
    assert got["customer_number"] == "629757473"


@pytest.mark.parametrize("text", [
    "Le rendez-vous qui vient d'être fixé concerne le dossier 532 118 904.\n",
    "Bien que les frais soient réglés, le dossier 532 118 904 reste ouvert.\n",
    "Je suis client et mon numéro SIREN\nest le 532 118 904.\n",
    "Jako klient proszę o kontakt, mój numer tel.\nto 601 234 567.\n",
])
def test_a_word_a_few_letters_from_client_or_a_wrapped_line_names_no_customer_number(
        lexicon, text: str) -> None:
    got = _fields(layout_from_text(f"Madame, Monsieur,\n{text}"), lexicon,
                  Classification("other", "fr"))
    assert "customer_number" not in got


def test_references_in_a_subject_line_and_a_start_said_in_english_are_read(lexicon) -> None:
    got = _fields(layout_from_text(
        "Objet : Résiliation ligne mobile - client 602 448 915 - contrat 77-MB-1043\n"
        "Madame, Monsieur,\nJe vous prie de résilier cette ligne.\n"), lexicon)
    assert (got["customer_number"], got["contract_number"]) == ("602448915", "77-MB-1043")
    got = _fields(layout_from_text(
        "London, 12 May 2024\nDear Sir or Madam,\nPlease end my broadband contract BB-55102, "
        "which began on 3 March 2019.\n"), lexicon)
    assert got["subscription_date"] == "2019-03-03"


@pytest.mark.parametrize("text, contract", [
    ("Je souhaite mettre fin à mon accès Internet dans les meilleurs délais. Cet abonnement "
     "est référencé\nj PRO551207K dans vos services, sur le compte client n° 400 118 602.\n",
     "PRO551207K"),  # after the subscription's word, a speck before it
    ("Dotyczy: wypowiedzenie umowy\nNumer klienta 345 668 164\nUmowa nr CTR-2021-118207-\n"
     "Data zawarcia 13.11.2020 r. Niniejszym wypowiadam umowę na usługę dostępu do Internetu.\n",
     "CTR-2021-118207"),  # a hyphen OCR left at the end, the next line apart
    ("Nr umowy abonenckiej\nCTR-2019 - 640217\nInformuję, że rozwiązuję umowę na telefon "
     "stacjonarny z zachowaniem okresu wypowiedzenia.\n", "CTR-2019-640217"),
    ("Client 512660804 - Contrat 4-KQRT7W - depuis le 2019-03-02\nMerci de résilier ce "
     "contrat dès réception de ce courrier, avec mes salutations.\n", "4-KQRT7W"),
    ("Numéro de contrat _VO55012378\nJe vous demande de résilier ce contrat.\n",
     "VO55012378"),  # an underscore of a form's blank before it
    ("Niniejszym wypowiadam umowę, umowa o\nnumerze FT 6120-4471 85, zawartą w dniu "
     "14.02.2016 r.\n", "FT6120447185"),  # a writer's dash between two of its groups
    # but a date or a phone number written with dashes is no group of it
    ("Contrat VO12345678 14-02-2016\nJe résilie ce contrat.\n", "VO12345678"),
    ("N° de contrat : VO 1234 5678 06-12-34-56-78\nJe résilie ce contrat.\n", "VO12345678"),
])
def test_a_contract_code_survives_the_words_and_specks_around_it(lexicon, text: str,
                                                                 contract: str) -> None:
    assert _fields(layout_from_text(text), lexicon)["contract_number"] == contract


def test_a_code_runs_on_from_a_line_that_ocr_cut_in_two(lexicon) -> None:
    # one printed line read as two pieces at a wide space; the code ends on the next line
    doc = document_from_cells([
        (60, 100, "Madame, Monsieur, suite à la fermeture de notre établissement, je"),
        (60, 114, "sollicite la résiliation de notre abonnement."),
        (290, 114, "Il s'agit du contrat numéro FT"),
        (60, 128, "5512 0937 44, en cours depuis le 6 février 2017, rattaché au compte."),
    ])
    assert _fields(build_layout(doc), lexicon)["contract_number"] == "FT5512093744"


def test_a_value_does_not_run_on_into_the_next_column(lexicon) -> None:
    # a box of references beside the sender block: OCR reads their lines in turn
    doc = document_from_cells([(330, 100, "Client : 904 771 230"), (60, 102, "Cabinet Roy"),
                               (330, 116, "Contrat : OPEN-PRO-33817"), (60, 118, "12 rue Pasteur"),
                               (330, 132, "Depuis le : 7 avril 2016"), (60, 134, "26000 Valence"),
                               (60, 200, "Valence, le 19 février 2024"),
                               (60, 230, "Madame, Monsieur, je vous prie de prendre note de "
                                         "ma décision de résilier l'offre Open Pro du cabinet.")])
    layout = build_layout(doc)
    got = _fields(layout, lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"],
            got["letter_date"]) == ("904771230", "OPEN-PRO-33817", "2016-04-07", "2024-02-19")
    second = build_layout(document_from_cells([(60, 140, "N° de contrat : LBP-2020-11873"),
                                               (330, 140, "86000 Poitiers")]))
    assert _fields(second, lexicon)["contract_number"] == "LBP-2020-11873"


def test_references_inside_a_sentence_are_read(lexicon) -> None:
    layout = layout_from_text(
        "Madame, Monsieur,\n"
        "Cliente de votre société sous le numéro 803 227\n"
        "916, je vous prie de mettre fin au contrat référencé VX5530218 que j'ai\n"
        "conclu le 14 octobre 2017.\n")
    got = _fields(layout, lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"]) == \
        ("803227916", "VX5530218", "2017-10-14")


def test_references_in_running_text_survive_specks_and_shared_sentences(lexicon) -> None:
    got = _fields(layout_from_text(
        "Madame, Monsieur,\nJe vous demande de clore mon abonnement fibre, inscrit sur le "
        "compte client n°\n„318 604 257, et référencé sous AB-7730-K dans vos fichiers.\n"
        "Cordialement,\nPaul Martin\n"), lexicon)
    assert (got["customer_number"], got["contract_number"]) == ("318604257", "AB-7730-K")


def test_a_reference_that_is_the_customer_number_is_no_contract_number(lexicon) -> None:
    got = _fields(layout_from_text(
        "Paul Martin\nMadame, Monsieur,\nJe vous prie de résilier le contrat 604-381-227, "
        "client n° 604 381 227.\nCordialement,\nPaul Martin\n"), lexicon)
    assert got["customer_number"] == "604381227" and "contract_number" not in got


def test_a_subject_ending_in_a_contract_word_leaves_the_next_lines_label_whole(
        lexicon) -> None:
    # "contrat" ending the subject and "Référence" starting the next line are no label
    # together, and the next line's own label is still read
    got = _fields(layout_from_text(
        "Objet : Résiliation de mon contrat\nRéférence de l'abonnement KT604418827\n"
        "Madame, Monsieur, par la présente je vous demande de bien vouloir mettre fin "
        "à mon abonnement.\n"), lexicon)
    assert got["contract_number"] == "KT604418827"


def test_a_contract_word_over_the_customer_number_leaves_the_search_open(lexicon) -> None:
    # "mon contrat :" ends its line over the references' line: the number under it is
    # the customer's, and the contract's own word further on gives the contract
    doc = document_from_cells([(60, 200, "Je souhaite mettre fin à mon contrat :"),
                               (60, 216, "Client 508 224 617 / Contrat 4-QWP8ZD")])
    got = _fields(build_layout(doc), lexicon)
    assert (got["customer_number"], got["contract_number"]) == ("508224617", "4-QWP8ZD")


@pytest.mark.parametrize("label", ["Chent n° :",  # 'li' read as 'h'
                                   "N° de ctient :",  # 'l' read as 't'
                                   "Référence clierit :",  # 'n' read as 'ri'
                                   "Numéro de cilent :"])  # two letters swapped
def test_a_label_is_read_through_tesseracts_letter_slips(lexicon, label: str) -> None:
    got = _fields(layout_from_text(f"Madame, Monsieur,\n{label} 417 203 958\n"
                                   "Je résilie ma ligne.\n"), lexicon)
    assert got["customer_number"] == "417203958"


def test_a_line_word_in_the_sentence_before_does_not_make_a_number_a_lines(lexicon) -> None:
    got = _fields(layout_from_text(
        "Please cancel the voicemail option on my fixed line.\n"
        "Customer 390 615 274 / since March 2, 2021\nThanks,\nAnn Lee\n"), lexicon)
    assert got["customer_number"] == "390615274"


@pytest.mark.parametrize("line", [
    "N° de contrat : ________ Téléphone : 01 23 45 67 89",
    "Référence contrat : .......... Ligne : 0299887766",
])
def test_a_contract_field_left_blank_does_not_take_the_next_fields_value(lexicon,
                                                                      line: str) -> None:
    text = f"Objet : résiliation\n{line}\nMerci de résilier mon contrat à réception.\n"
    assert "contract_number" not in _fields(layout_from_text(text), lexicon)


@pytest.mark.parametrize("line", ["Identifiant client / contrat : 412 339 857",
                                  "ABONNEMENT CLIENT 412 339 857",
                                  "Abonnement client N 412 339 857"])
def test_a_label_shared_by_customer_and_contract_still_gives_the_customer(lexicon,
                                                                          line: str) -> None:
    # a word in capitals or a lone "N" before the number is no code's head
    got = _fields(layout_from_text(
        f"Objet : résiliation\n{line}\n"
        "Merci de résilier mon abonnement à réception de ce courrier.\n"), lexicon)
    assert got["customer_number"] == "412339857"


def test_a_number_sign_read_as_a_star_still_introduces_the_contract(lexicon) -> None:
    got = _fields(layout_from_text(
        "Je souhaite résilier l'abonnement fibre de ma société. Il s'agit du contrat\n"
        "(client n° 512 660 804), portant le n*.KR220458113, souscrit en 2016.\n"), lexicon)
    assert got["contract_number"] == "KR220458113"


def test_a_contract_code_split_by_ocr_is_no_customer_number(lexicon) -> None:
    # "CTR-2019-…" read with a space inside: its last nine digits stand alone after
    # the contract's word, and the customer's number is still the only one
    got = _fields(layout_from_text(
        "Je vous demande de résilier mon abonnement de téléphonie fixe.\n"
        "Client 514-330-972 - Contrat CTR-2 019-448210 - depuis le 03052019\n"), lexicon)
    assert got["customer_number"] == "514330972"


def test_a_lone_number_that_is_a_siret_or_a_phone_is_no_customer_number(lexicon) -> None:
    layout = layout_from_text("Mon client 4 rue Haute\nSIRET 803 227 916\n"
                              "Tél. 01 44 55 66 77\n")
    assert "customer_number" not in _fields(layout, lexicon)


# 3. Intent: what a letter does, not which words it uses.

def _kind(text: str, lexicon) -> Classification:
    return classify(layout_from_text(text), lexicon)


@pytest.mark.parametrize("text, doc_type", [
    # the operator writing of its customer's end: "your" before the end word
    ("Objet : votre facture de clôture\nMadame, Monsieur,\nVous trouverez ci-joint votre "
     "facture.\nLe Service Clients\n", "other"),
    ("Subject: your cancellation and final bill\nDear customer,\nPlease find your bill "
     "enclosed.\n", "other"),
    # a customer naming the operator's letter or help before asking
    ("Objet : résiliation\nSuite à votre courrier, je vous demande la résiliation de mon "
     "contrat.\n", "termination_letter"),
    ("Dear Sir,\nFurther to your letter I terminate my broadband contract.\n",
     "termination_letter"),
    ("Madame,\nMerci de votre aide pour résilier mon contrat de ligne fixe.\n",
     "termination_letter"),
])
def test_an_end_that_is_the_readers_is_the_operators_letter(lexicon, text: str,
                                                            doc_type: str) -> None:
    assert _kind(text, lexicon).doc_type == doc_type, text


def test_an_end_denied_around_its_verb_is_no_request(lexicon) -> None:
    # French wraps the verb in its negation: "ne" before it, "pas" after it
    text = ("Objet : facture de mars\nMadame, Monsieur,\nJe ne résilie pas mon contrat : "
            "je conteste seulement la facture de mars.\nCordialement,\nPaul Martin\n")
    assert _kind(text, lexicon).doc_type == "other"
    # one end denied and another asked in the same sentence: a request
    text = ("Objet : ma ligne fixe\nMadame, Monsieur,\nJe ne résilie pas la ligne mobile, "
            "mais je vous prie de résilier la ligne fixe.\nCordialement,\nPaul Martin\n")
    assert _kind(text, lexicon).doc_type == "termination_letter"


def test_a_speck_inside_a_french_negation_does_not_cut_it_from_its_end(lexicon) -> None:
    # a speck read as a stop between "ne … souhaite" and "pas résilier": one sentence
    text = ("Objet : réclamation\nMadame, Monsieur,\nJe ne souhaite. pas résilier mon "
            "contrat, mais je demande un avoir.\nCordialement,\nPaul Martin\n")
    assert _kind(text, lexicon).doc_type == "other"
    # a "ne" further back, that French leaves open ("si ce n'est"): the stop ends it
    text = ("Objet : internet\nMadame, Monsieur,\nVotre service ne m'a rappelé qu'une "
            "fois, si ce n'est pour me vendre une option. plus rien ne me retient : je vous "
            "demande de résilier mon abonnement internet.\nCordialement,\nPaul Martin\n")
    assert _kind(text, lexicon).doc_type == "termination_letter"
    # a negation's reach ends at a comma: what is asked after it is asked
    text = ("Objet : internet\nMadame, Monsieur,\nJe ne peux. plus payer, merci de "
            "résilier mon abonnement internet.\nCordialement,\nPaul Martin\n")
    assert _kind(text, lexicon).doc_type == "termination_letter"
    assert _kind(text.replace("peux. plus", "peux plus"), lexicon).doc_type == \
        "termination_letter"
    # a negation closed before the stop: what follows is a sentence of its own
    assert split_sentences("Je ne veux plus. pas de souci.") == ["Je ne veux plus.",
                                                                  "pas de souci."]


def test_a_complaint_that_threatens_to_terminate_is_other_mail(lexicon) -> None:
    kind = _kind("Objet : réclamation sur facture\nMadame, Monsieur,\n"
                 "Je conteste le montant de ma dernière facture.\n"
                 "Sans geste commercial de votre part, je me verrai contraint de résilier "
                 "mon abonnement.\nCordialement,\nPaul Martin\n", lexicon)
    assert (kind.doc_type, kind.uncertain) == ("other", False)


def test_an_advert_that_mentions_porting_asks_nothing(lexicon) -> None:
    kind = _kind("OFFRE SPÉCIALE ENTREPRISES\nProfitez de la fibre dès 24,99 € HT/mois.\n"
                 "Gardez votre numéro : la portabilité est gratuite et sans engagement.\n"
                 "Découvrez nos offres en boutique.\n", lexicon)
    assert (kind.doc_type, kind.porting) == ("other", False)


def test_a_table_row_that_names_an_end_is_no_letter_title(lexicon) -> None:
    # a report's table, its row labels in cells of their own: "cancelled" is a state
    rows = [("Quarterly operations", ""), ("Orders received", "1,204 988 2,192"),
            ("Orders cancelled", "42 7 49"), ("Returns", "18 11 29")]
    cells = [(x, 120 + 40 * i, text) for i, row in enumerate(rows)
             for x, text in zip((60, 300), row, strict=True) if text]
    assert classify(build_layout(document_from_cells(cells)), lexicon).doc_type == "other"
    for title in ("Orders cancelled 42 7 49", "Contract terminated"):
        kind = _kind(f"{title}\n\nThe figures are in the annex.\n", lexicon)
        assert kind.doc_type == "other", title
    assert _kind("Contract termination\n\nMy customer number is 418 552 907.\n",
                 lexicon).doc_type == "termination_letter"


def test_an_invoice_is_told_by_distinct_cues_not_one_word_said_twice(lexicon) -> None:
    monthly = ("ORANGE PRO - FACTURE MENSUELLE\nVotre référence client 740 112 368\n"
               "Date de facture : 01/04/2024\nService Contrat Montant TTC\nTotal 64,80 €\n")
    assert _kind(monthly, lexicon).doc_type == "invoice"
    bank = ("Banque du Littoral\nObjet : rejet de prélèvement\nMonsieur, le prélèvement "
            "présenté par votre opérateur a été rejeté faute de provision.\n")
    assert _kind(bank, lexicon).doc_type == "other"


def test_a_long_booklet_that_mentions_amounts_due_is_no_invoice(lexicon) -> None:
    pages = ["Instructions for the yearly return\nGeneral instructions.\n"] * 6
    pages[4] = "Line 12. Enter the amount due. If the amount due is negative, see page 9.\n"
    kind = _kind("\f".join(pages), lexicon)
    assert kind.doc_type == "other"
    invoice = "Invoice number 2024-118\nAmount due 84.00 EUR\nPay before 15 March.\n"
    assert _kind(invoice, lexicon).doc_type == "invoice"


def test_an_operator_offering_to_move_the_readers_number_asks_nothing(lexicon) -> None:
    kind = _kind("Nordis Telecom\nCHANGE OPERATOR, KEEP YOUR NUMBER\nBring your number to "
                 "Nordis: we handle the porting for you.\nFibre from 39 a month.\n", lexicon)
    assert (kind.doc_type, kind.porting) == ("other", False)


@pytest.mark.parametrize("text", [
    "Hello,\nI have moved to another operator and would like to keep my business number "
    "04 78 11 22 33. Could you please transfer it? My RIO is 01 P 4KD2 9XA 7LM.\n",
    "Objet : transfert de mon numéro\nMadame,\nMerci de bien vouloir porter mon numéro "
    "mobile chez mon nouvel opérateur.\n",
])
def test_a_request_to_move_a_number_is_a_porting_request_however_put(lexicon, text) -> None:
    kind = _kind(text, lexicon)
    assert (kind.doc_type, kind.porting) == ("other", True)


def test_a_request_without_the_usual_keywords_is_a_termination_letter(lexicon) -> None:
    for text in ("Bonjour,\nMerci de clôturer mon compte et de fermer ma ligne fixe.\n",
                 "Dear Sir,\nPlease close my account and stop the broadband line.\n",
                 "Dzień dobry,\nProszę o zamknięcie konta i wyłączenie usługi.\n"):
        assert _kind(text, lexicon).doc_type == "termination_letter", text


def test_an_end_word_with_one_letter_misread_is_still_a_request(lexicon) -> None:
    # OCR read the l of "clôturer" as an i, and the l of "résiliation" as an f
    for text in ("Bonjour,\nJe n'ai plus besoin de ma ligne. Merci de ciôturer mon compte.\n",
                 "Objet : demande de résifiation\nMadame, Monsieur,\nMerci de traiter ma "
                 "demande.\nCordialement,\nPaul Martin\n"):
        assert _kind(text, lexicon).doc_type == "termination_letter", text
    # a short word a letter from an end word is left as it is: "my former line"
    assert _kind("Dear Sir,\nI moved my former line to your offer last year and I am "
                 "happy with it.\nKind regards,\n", lexicon).doc_type == "other"


@pytest.mark.parametrize("text", [
    "Bonjour,\nJe n'ai plus besoin de ma ligne fixe. Merci de. la couper et de clôturer "
    "mon compte.\n",
    "Dear Sir,\nI no longer need the line. Please close my. account and the line.\n",
])
def test_a_speck_read_as_a_stop_after_a_small_word_does_not_end_the_request(
        lexicon, text: str) -> None:
    assert _kind(text, lexicon).doc_type == "termination_letter", text


@pytest.mark.parametrize("text, doc_type", [
    # a sentence after a full word keeps its own frame, whatever its first letter
    ("Bonjour,\nMerci de corriger ma facture. la résiliation de mon contrat n'est pas "
     "souhaitée.\n", "other"),
    ("Bonjour,\nJ'ai déménagé en mars, faute de travail. je vous prie de résilier mon "
     "contrat.\n", "termination_letter"),
    ("Dear Sir,\nPlease explain what I am being charged for. Cancelling my contract is the "
     "last thing I want.\n", "other"),
])
def test_a_stop_after_a_full_word_still_ends_its_sentence(lexicon, text: str,
                                                          doc_type: str) -> None:
    assert _kind(text, lexicon).doc_type == doc_type, text


@pytest.mark.parametrize("text, uncertain", [
    ("© vous demande de r roma ligne téléphonique fixe.", True),  # the verb OCR broke
    ("Please ca|n3el my broadband line.", True),
    ("Merci de rétablir ma ligne fixe.", False),  # a readable request of another kind
    ("Je vous prie de me rappeler sur ma ligne.", False),
])
def test_a_request_whose_verb_ocr_broke_goes_to_a_clerk(lexicon, text: str,
                                                        uncertain: bool) -> None:
    kind = _kind(f"Bonjour,\n{text}\nMerci, bonne journée.\n", lexicon)
    assert (kind.doc_type, kind.uncertain) == ("other", uncertain)


def test_a_letter_too_garbled_to_tell_goes_to_a_clerk(lexicon) -> None:
    kind = _kind("Madame, Monsieur,\nJe vous adresse la ésitiation de mon chonnement.\n"
                 "Mon numéro client 503 118 227\nCordialement\n", lexicon)
    facts = Facts(kind, extract(layout_from_text("x"), kind, lexicon))
    assert kind.doc_type == "other" and kind.uncertain
    assert [f.code for f in validate(facts)] == ["low_confidence"]


# 4. Companies: the company holds the contract through its representative.

COMPANY_LETTER = ("Boulangerie Lemoine SARL\nMarc LEMOINE\n12 rue des Lilas\n33000 Bordeaux\n"
                  "Objet : résiliation\nMadame, Monsieur,\nJe vous prie de résilier notre "
                  "ligne fixe.\nVeuillez agréer mes salutations.\n{sign}\n")


def test_a_company_signed_by_its_manager_is_from_the_holder(lexicon) -> None:
    layout = layout_from_text(COMPANY_LETTER.format(sign="Marc Lemoine\nGérant"),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert ext.get("company_name") == "Boulangerie Lemoine SARL"
    assert ext.get("holder_name") == "Marc Lemoine" and not ext.on_behalf
    assert "not_holder" not in {f.code for f in validate(Facts(LETTER, ext))}


@pytest.mark.parametrize("sentence, for_another", [
    # the company's own representative, acting in its name: from the holder
    ("Gérant de la société Boulangerie Lemoine SARL, j'agis en son nom.", False),
    # the stops of an abbreviation do not cut the sentence from the company's name
    ("Jako Prezes Zarządu spółki Boulangerie Lemoine sp. z o.o., ja, Marc Lemoine, działam "
     "w jej imieniu.", False),
    # on behalf of a person, or under a client's mandate: someone else writes
    ("J'écris pour M. Paul Roux, en son nom.", True),
    ("J'agis pour ma cliente, la société Boulangerie Lemoine SARL.", True),
    # the company named before "its name", by someone who is not its representative
    ("Je suis l'avocat de M. Marc Lemoine et j'agis en son nom.", True),
    # Polish whose ł the recogniser dropped, or whose space it lost: still a mandate
    ("Działając wimieniu mojego klienta, jako pe nomocnik, piszę do Państwa.", True),
    ("Comptable de la société Boulangerie Lemoine SARL, j'écris en son nom.", True),
    ("Le cabinet Dupont agit pour la société Boulangerie Lemoine SARL, en son nom.", True),
])
def test_acting_in_the_companys_name_is_its_representatives_letter(
        lexicon, sentence: str, for_another: bool) -> None:
    text = COMPANY_LETTER.replace("Je vous prie", f"{sentence}\nJe vous prie")
    layout = layout_from_text(text.format(sign="Marc Lemoine\nGérant"),
                              ink_after="Veuillez agréer mes salutations.")
    assert extract(layout, LETTER, lexicon).on_behalf == for_another


@pytest.mark.parametrize("sign", ["P/O Sophie Garnier", "P/0 Sophie Garnier"])  # 0 for O
def test_someone_signing_by_order_is_not_the_holder(lexicon, sign: str) -> None:
    layout = layout_from_text(COMPANY_LETTER.format(sign=sign),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert ext.on_behalf and ext.get("signatory_name") == "Sophie Garnier"
    assert "not_holder" in {f.code for f in validate(Facts(LETTER, ext))}


def test_an_accountant_signing_for_the_company_is_not_the_holder(lexicon) -> None:
    layout = layout_from_text(COMPANY_LETTER.format(sign="Sophie Garnier\nExpert-comptable"),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert "not_holder" in {f.code for f in validate(Facts(LETTER, ext))}


@pytest.mark.parametrize("sign", [
    "Maître Paul Roux, conseil de Boulangerie Lemoine SARL, représentée par\nMarc Lemoine",
    "Paul Roux, Solicitor, for Boulangerie Lemoine SARL, represented by\nMarc Lemoine",
    # on one line (under a scribble OCR read as letters), the name after "represented
    # by" is the client's, and the line's first name is who signs
    "NN\nPaul Roux, solicitor for Boulangerie Lemoine SARL, represented by Marc Lemoine",
])
def test_the_holder_named_under_a_lawyers_signature_is_not_who_signs(lexicon,
                                                                    sign: str) -> None:
    # the line under the writer's own names the client's representative
    layout = layout_from_text(COMPANY_LETTER.format(sign=sign),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert ext.get("signatory_name") == "Paul Roux"
    assert "not_holder" in {f.code for f in validate(Facts(LETTER, ext))}


@pytest.mark.parametrize("sign", [
    "Boulangerie Lemoine SARL, représentée par\nSophie Garnier",
    "Lemoine Ltd, represented by\nSophie Garnier, Director",
    "Lu et approuvé,\nSophie Garnier, gérante",
])
def test_the_name_under_a_company_line_is_who_signs(lexicon, sign: str) -> None:
    # the line above names no signer of its own: the name under it signs
    layout = layout_from_text(COMPANY_LETTER.format(sign=sign),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert ext.get("signatory_name") == "Sophie Garnier"
    assert "not_holder" in {f.code for f in validate(Facts(LETTER, ext, "Marc Lemoine"))}


@pytest.mark.parametrize("first_line, company", [
    ("Marc Lemoine, Lemoine Traiteur S.A.", "Lemoine Traiteur S.A."),  # after the person
    ("‘- Kowal s.c:", "Kowal s.c"),  # specks at its edges, a dot read as a colon
    ("Serwis Kowal Sp. Z 0.0.", "Serwis Kowal Sp. z o.o."),  # zeros for the o's
    ("Webb, Archer and Lloyd", "Webb, Archer and Lloyd"),  # a firm of partners
    ("Webb, Archer & Lloyd LLP", "Webb, Archer & Lloyd LLP"),
])
def test_the_company_is_read_wherever_it_stands_on_the_sender_line(
        lexicon, first_line: str, company: str) -> None:
    text = f"{first_line}\n12 rue des Lilas\n33000 Bordeaux\nObjet : résiliation\n"
    assert _fields(layout_from_text(text), lexicon)["company_name"] == company


@pytest.mark.parametrize("sign", [
    "Marc Lemoine\nLemoine Père & Fils SARL",  # the company under the name, no son
    "Marc Lemoine\n\n\n\nTraiteur Lemoine - mon fils reprend la boutique",  # a footer
])
def test_what_stands_under_the_name_is_a_role_only_when_it_is_one(lexicon, sign: str) -> None:
    layout = layout_from_text(COMPANY_LETTER.format(sign=sign),
                              ink_after="Veuillez agréer mes salutations.")
    ext = extract(layout, LETTER, lexicon)
    assert ext.get("signatory_name") == "Marc Lemoine" and not ext.on_behalf


def test_the_closing_read_with_no_confidence_is_no_signature(lexicon) -> None:
    # OCR unsure of "Cordialement," leaves its letters as ink: that ink is no signature
    doc = document_from_text("Madame,\nJe résilie ma ligne fixe.\nCordialement,\n\n\n"
                             "Paul Roy\n", conf=0.9)
    page = doc.pages[0]
    closing = next(ln for ln in page.lines if ln.text == "Cordialement,")
    b = closing.box
    page = replace(page, engine="tesseract",
                   ink_marks=(Box(b.x0 - 4, b.y0 - 3, b.x1 + 6, b.y1 + 3),))
    ext = extract(build_layout(replace(doc, pages=(page,))), LETTER, lexicon)
    assert not ext.signed


@pytest.mark.parametrize("typed, name", [("stéphane Lemoine", "Stéphane Lemoine"),
                                         ("Victoria williams - :", "Victoria Williams")])
def test_a_typed_name_that_ocr_read_without_a_capital_is_still_a_name(
        lexicon, typed: str, name: str) -> None:
    text = f"Madame, Monsieur,\nJe résilie ma ligne fixe.\nCordialement,\n{typed}\n"
    ext = extract(layout_from_text(text, ink_after="Cordialement,"), LETTER, lexicon)
    assert ext.get("signatory_name") == name


def test_references_printed_above_an_unsigned_closing_are_no_scribble(lexicon) -> None:
    doc = document_from_text("Szanowni Państwo,\nWypowiadam umowę.\nNumer klienta\n724 102 243\n"
                             "Umowa nr\n2-C3RXCM\nData zawarcia\n10 marca 2016\n"
                             "Łączę wyrazy szacunku,\n\n\nAnna Kowal\n", conf=0.9)
    page = replace(doc.pages[0], engine="tesseract")
    ext = extract(build_layout(replace(doc, pages=(page,))), LETTER, lexicon)
    assert not ext.signed


def test_specks_at_the_foot_of_a_scan_are_no_scribble(lexicon) -> None:
    # a skewed scan's dark foot that OCR read as a row of low words: no signature; the
    # same nonsense as high as a hand's letters, under the closing, is one
    def page(y0: float, y1: float) -> DocumentText:
        doc = document_from_boxes([
            (150, 300, 1000, 330, "Madame, Monsieur,"),
            (150, 360, 1000, 390, "Je vous prie de résilier ma ligne fixe."),
            (150, 420, 1000, 450, "Veuillez agréer mes salutations distinguées."),
            (700, y0, 1150, y1, "ne tee amine mms ce")])
        lines = doc.pages[0].lines
        noise = replace(lines[-1], words=tuple(replace(w, conf=0.2) for w in lines[-1].words))
        return replace(doc, pages=(replace(doc.pages[0], lines=(*lines[:-1], noise)),))

    assert not extract(build_layout(page(1744, 1753)), LETTER, lexicon).signed
    assert extract(build_layout(page(520, 560)), LETTER, lexicon).signed
    # each guard alone: a row 1.5 mm high under the closing, a hand's height at the foot
    assert not extract(build_layout(page(540, 549)), LETTER, lexicon).signed
    assert not extract(build_layout(page(1720, 1753)), LETTER, lexicon).signed


def test_a_signature_on_the_page_after_the_closing_is_read(lexicon) -> None:
    doc = document_from_text(COMPANY_LETTER.format(sign="") + "\fMarc Lemoine\nGérant\n")
    signed_page = replace(doc.pages[1], ink_marks=(Box(60, 10, 160, 38),),
                          lines=tuple(replace(ln, words=tuple(
                              replace(w, box=replace(w.box, y0=w.box.y0 + 10,
                                                     y1=w.box.y1 + 10)) for w in ln.words))
                                      for ln in doc.pages[1].lines))
    ext = extract(build_layout(replace(doc, pages=(doc.pages[0], signed_page))), LETTER,
                  lexicon)
    assert ext.get("signatory_name") == "Marc Lemoine" and ext.signed
    assert "not_holder" not in {f.code for f in validate(Facts(LETTER, ext))}


@pytest.mark.parametrize("body, sign, holder, not_holder", [
    ("Nous agissons pour le compte de notre cliente, la SAS Bleu, prise en la personne de "
     "sa présidente, Mme Anne Roy, et vous prions de résilier sa ligne fixe.",
     "Julie Petit\nComptable", "Anne Roy", True),  # a firm under mandate
    ("Mon époux, Marc Roy, titulaire du contrat, étant absent, je vous prie de résilier "
     "sa ligne fixe.", "Anne Roy\n(épouse du titulaire)", "Marc Roy", True),
    ("Je soussigné Paul Martin, gérant, vous prie de résilier notre ligne fixe.",
     "P. Martin", "Paul Martin", False),  # the holder signs with his initial
])
def test_the_holder_named_in_the_letter_is_judged_against_who_signs(
        lexicon, body: str, sign: str, holder: str, not_holder: bool) -> None:
    text = (f"Madame, Monsieur,\n{body}\nVeuillez agréer mes salutations.\n{sign}\n")
    ext = extract(layout_from_text(text, ink_after="Veuillez agréer mes salutations."),
                  LETTER, lexicon)
    assert ext.get("holder_name") == holder
    assert ("not_holder" in {f.code for f in validate(Facts(LETTER, ext))}) is not_holder


@pytest.mark.parametrize("body", [
    "Działając na podstawie pełnomocnictwa udzielonego przez moją matkę (abonentkę), "
    "wypowiadam umowę na jej linię stacjonarną.",
    "Holding a power of attorney from my father, the account holder, I hereby cancel his "
    "landline contract.",
])
def test_a_letter_written_for_the_holder_under_a_mandate_is_not_from_the_holder(
        lexicon, body: str) -> None:
    text = f"Szanowni Państwo,\n{body}\nZ poważaniem,\nTomasz Wrona\n"
    ext = extract(layout_from_text(text, ink_after="Z poważaniem,"), LETTER, lexicon)
    assert "not_holder" in {f.code for f in validate(Facts(LETTER, ext))}


def test_a_person_beside_the_company_on_the_sender_line_is_the_holder(lexicon) -> None:
    text = ("Atelier Vert – Laura Roy\n9 rue Victor Hugo\n69003 Lyon\nObjet : résiliation\n"
            "Madame, Monsieur,\nJe vous prie de résilier ma ligne fixe.\n")
    assert _fields(layout_from_text(text), lexicon)["holder_name"] == "Laura Roy"


# 5. Invoices give their references too.

def _invoice(doc, lexicon) -> dict[str, str]:  # noqa: ANN001
    """The fields of a page that must be classified as an invoice."""
    layout = build_layout(doc)
    kind = classify(layout, lexicon)
    assert kind.doc_type == "invoice"
    return _fields(layout, lexicon, kind)


def test_an_invoice_with_a_table_of_contracts_and_an_attention_line(lexicon) -> None:
    doc = document_from_cells([
        (43, 52, "ORANGE PRO - FACTURE MENSUELLE"), (42, 103, "Votre référence client"),
        (312, 103, "Vidal Conseil SAS"), (312, 116, "À l'attention de Mme Inès Vidal"),
        (43, 118, "615 204 773"), (312, 132, "9 quai Nord"),
        (43, 138, "Date de facture : 01/04/2024"),
        (312, 147, "37000 Tours"), (48, 236, "Contrat"), (189, 236, "Service"),
        (416, 236, "Montant TTC"), (48, 254, "INT-902214"), (189, 254, "Internet Pro"),
        (416, 254, "58,80 €")])
    got = _invoice(doc, lexicon)
    assert (got["customer_number"], got["contract_number"], got["holder_name"]) == \
        ("615204773", "INT-902214", "Inès Vidal")


def test_an_invoice_gives_customer_contract_date_company_and_holder(lexicon) -> None:
    doc = document_from_cells([
        (40, 90, "votre numéro client"), (300, 90, "M. DURAND Alain"),
        (40, 104, "714 223 905"), (300, 104, "Garage Durand"),
        (40, 130, "votre contrat"), (300, 118, "4 rue du Port"),
        (40, 144, "8812 4410 72"), (300, 132, "44000 Nantes"),
        (40, 170, "client depuis le"), (40, 184, "05/06/2019"),
        (200, 240, "Facture n° 9F-000112233 du 02/03/2025"),
        (200, 260, "Abonnement Livebox Pro 39,00 €"), (200, 274, "Montant TTC 46,80 €"),
        (200, 288, "TVA 20 % 7,80 €")])
    got = _invoice(doc, lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"]) == \
        ("714223905", "8812441072", "2019-06-05")
    assert (got["company_name"], got["holder_name"]) == ("Garage Durand", "Alain Durand")
    assert got["contract_type"] == "internet"


@pytest.mark.parametrize("sentence, doc_type", [
    ("Si rien ne change, je résilierai mon contrat.", "other"),  # a threat, in the future
    ("Pourriez-vous s'il vous plaît résilier mon abonnement.", "termination_letter"),
    ("Je vous prie, si possible, de résilier mon contrat.", "termination_letter"),
    ("J’ai décidé de résilier mon abonnement.", "termination_letter"),  # typeset apostrophe
    ("I don't want to cancel my contract, but the bill is wrong.", "other"),
    ("Je vous renvoie le terminal de ma ligne.", "other"),
    ("Pourriez-vous m'indiquer comment résilier mon contrat ?", "other"),
    ("Could you please cancel my broadband contract from next month?", "termination_letter"),
    ("How do I cancel my broadband contract?", "other"),
    ("Merci de considérer la présente comme la résiliation de ma ligne fixe.",
     "termination_letter"),  # "considérer" is no English "consider"
    ("Je vous informe que je mets fin à l'option TV de mon accès Internet.",
     "termination_letter"),  # "mettre fin" conjugated
    ("Si rien ne change, je mettrai fin à mon abonnement.", "other"),
])
def test_what_a_sentence_does_decides_not_its_words(lexicon, sentence: str,
                                                    doc_type: str) -> None:
    kind = _kind(f"Madame, Monsieur,\n{sentence}\nCordialement,\nPaul Martin\n", lexicon)
    assert kind.doc_type == doc_type


def test_an_invoice_header_row_whose_labels_end_in_small_words(lexicon) -> None:
    # four columns, each label over its value; "Souscrit le" ends in its own "le"
    doc = document_from_cells([
        (350, 40, "Facture n° 7716203391"), (350, 52, "du 04/02/2024"),
        (350, 64, "Montant TTC : 81,20 €"),
        (70, 120, "Votre numéro client"), (185, 120, "Votre contrat"),
        (290, 120, "Souscrit le"), (390, 120, "Ligne"),
        (70, 134, "730118264"), (185, 134, "FT 5501 2276 48"), (290, 134, "09/10/2017"),
        (390, 134, "02 98 41 17 30"), (70, 400, "Total TTC 81,20 €")])
    got = _invoice(doc, lexicon)
    assert (got["customer_number"], got["contract_number"], got["subscription_date"]) == \
        ("730118264", "FT5501227648", "2017-10-09")


@pytest.mark.parametrize("line", [
    "Date d' adhésion - 14/05/2019",  # a space after the elided article
    "Date de dóbut du contrat : 14/05/2019",  # an accent OCR swapped for another
])
def test_a_subscription_label_survives_ocr_spacing_and_accents(lexicon, line: str) -> None:
    text = f"Paul Martin\nLe 3 mars 2025\nMadame, Monsieur,\n{line}\nJe résilie ma ligne fixe.\n"
    assert _fields(layout_from_text(text), lexicon)["subscription_date"] == "2019-05-14"


@pytest.mark.parametrize("text, contract, subscribed", [
    # zeros written by hand, read as round letters in a code's groups of digits and in
    # the year after a month's name
    ("Je résilie mon abonnement.\nMon numéro client : 512 604 317\nContrat n° "
     "AB-2C17-C41O82 du 3 février 2C17\n", "AB-2017-041082", "2017-02-03"),
    ("Je résilie mon abonnement.\nNuméro client : 512 604 317\nContrat n° CTR-2O19-0O4512 "
     "souscrit le 11 mai 2O1I\n", "CTR-2019-004512", "2011-05-11"),
    ("Je résilie mon abonnement.\nNuméro client : 512 604 317\nContrat n° CTR-2019-004512 "
     "souscrit le C7/09/2016\n", "CTR-2019-004512", "2016-09-07"),  # in a numeric date
    # letters and digits mixed by design stay as written, and so does a year of letters
    ("Je résilie mon abonnement.\nNuméro client : 512 604 317\nContrat n° AB-2019-KD0Q3C "
     "souscrit le 11 mai 2015\n", "AB-2019-KD0Q3C", "2015-05-11"),
    ("Je résilie mon abonnement.\nNuméro client : 512 604 317\nContrat n° TK-2019-40891C "
     "souscrit le 11 mai 2015\n", "TK-2019-40891C", "2015-05-11"),  # a check letter
])
def test_a_hands_zeros_read_as_round_letters_are_mended_in_codes_and_years(
        lexicon, text: str, contract: str, subscribed: str) -> None:
    fields = _fields(layout_from_text(text), lexicon)
    assert (fields["contract_number"], fields["subscription_date"]) == (contract, subscribed)


@pytest.mark.parametrize("first, uncertain", [(0.7, True), (None, False)])
def test_a_page_tesseract_found_doubtful_stays_doubtful_after_a_second_reading(
        lexicon, first: float | None, uncertain: bool) -> None:
    # the second reader mended the lines it read better, with its own high confidence;
    # the line it could not mend stays garbled, and a clerk must tell
    doc = document_from_text("Bonjour Madame,\nJe veus mellre fin à men absrnement.\n"
                             "Client 604 219 337\nCordialement.\n", conf=0.95)
    doc = replace(doc, pages=tuple(replace(p, engine="tesseract", first_confidence=first)
                                   for p in doc.pages))
    kind = classify(build_layout(doc), lexicon)
    assert (kind.doc_type, kind.uncertain) == ("other", uncertain)


def test_a_date_whose_year_a_line_reader_ran_into_the_month_is_read(lexicon) -> None:
    fields = _fields(layout_from_text("Je résilie mon abonnement.\nNuméro client : "
                                      "512 604 317\nContrat n° VO41822650 souscrit le "
                                      "12 juin2018\n"), lexicon)
    assert fields["subscription_date"] == "2018-06-12"


@pytest.mark.parametrize("written, iso", [
    ("8 navembre 2015", "2015-11-08"),  # an o read as an a
    ("12 ectobre 2018", "2018-10-12"),
    ("3 ncvenbre 2C15", "2015-11-03"),  # two slips, and a zero read as a C
    ("14 lipco 2020", "2020-07-14"),
    ("3 maison 2015", ""),  # a word no slip of a hand makes a month
])
def test_a_month_a_hand_garbled_between_a_day_and_a_year_is_read(lexicon, written: str,
                                                                 iso: str) -> None:
    fields = _fields(layout_from_text("Je résilie mon abonnement.\nNuméro client : "
                                      f"512 604 317\nContrat souscrit le {written}\n"),
                     lexicon)
    assert fields.get("subscription_date", "") == iso


def test_a_contract_after_a_customer_number_and_a_stop_read_for_a_comma_is_read(
        lexicon) -> None:
    # handwriting: the comma after the customer number read as a stop
    fields = _fields(layout_from_text(
        "Wypowiadam umowę na linię telefonii stacjonarnej. Chodzi o umowę przypisaną do\n"
        "konta klienta nr 618204937. o numerze VO28315547. zawartej dnia 2017-05-02.\n"),
        lexicon)
    assert (fields["customer_number"], fields["contract_number"]) == ("618204937",
                                                                      "VO28315547")


def test_a_blank_contract_field_does_not_take_the_phone_number_under_it(lexicon) -> None:
    doc = document_from_boxes([
        (60, 100, 200, 110, "Numéro de compte client"), (60, 114, 120, 124, "418305927"),
        (60, 132, 140, 142, "Réf. contrat"), (60, 160, 130, 170, "Téléphone"),
        (60, 174, 170, 184, "06 41 27 93 58"),
        (60, 210, 500, 220, "Merci de clôturer mon abonnement dès réception."),
    ])
    fields = _fields(build_layout(doc), lexicon)
    assert fields["customer_number"] == "418305927" and "contract_number" not in fields


@pytest.mark.parametrize("text", [
    "Je souhaite résilier mon contrat de ligne fixe.\nTél. n° 0612345678\n",
    "Je suis client M. Dupont n° 44521877 depuis 2010 et je résilie mon contrat.\n",
])
def test_a_stop_after_a_word_is_an_abbreviation_not_the_end_of_a_clause(lexicon,
                                                                        text: str) -> None:
    assert "contract_number" not in _fields(layout_from_text(text), lexicon)


def test_a_c_is_a_zero_in_a_date_only_beside_a_digit(lexicon) -> None:
    layout = layout_from_text("Je résilie mon contrat souscrit le\nBat. C-12-2024\n")
    assert classify_dates(layout, lexicon) == classify_dates(
        layout_from_text("Je résilie mon contrat souscrit le\nBat. X-12-2024\n"), lexicon)
