"""A second look at a zone of a scanned page, with the real Tesseract: the words come
back where they stand on the page, a value the page's reading lost is read right of
its label, and a value read otherwise the second time is kept beside the first."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.codec import analysis_from_json, analysis_to_json
from pipeline.context import Settings
from pipeline.extract.numbers import ReadAgain, contract_number, read_again, zone_corrected
from pipeline.layout import build_layout
from pipeline.lexicon import Lexicon
from pipeline.records import (
    Analysis,
    Box,
    Classification,
    DocumentText,
    Evidence,
    Extraction,
    FieldValue,
    Line,
    Page,
    Word,
)
from pipeline.text.engines import open_engine
from pipeline.text.images import rotate, turn
from pipeline.text.ocr import PageImage
from pipeline.text.zones import Zones

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
WIDTH, HEIGHT = 2480, 1200  # the top of an A4 page at 300 dpi


@pytest.fixture(scope="module")
def engine():
    return open_engine("auto", Settings().languages)


def _drawn(words: list[tuple[int, int, str]]) -> tuple[np.ndarray, list[Word]]:
    """A grayscale page with the words printed at (x, y), and each word with its box."""
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 42)
    boxed = []
    for x, y, text in words:
        draw.text((x, y), text, fill=0, font=font)
        x0, y0, x1, y1 = draw.textbbox((x, y), text, font=font)
        boxed.append(Word(text, Box(x0, y0, x1, y1), 0.9))
    return np.asarray(image), boxed


LABEL = [(300, 500, "N°"), (370, 500, "de"), (440, 500, "contrat"), (600, 500, ":")]
VALUE = (650, 500, "PRO482913K")


def _page(words: list[Word]) -> DocumentText:
    return DocumentText((Page(1, WIDTH, HEIGHT, (Line(tuple(words)),), "tesseract"),))


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
@pytest.mark.parametrize("angle", [0.0, 1.3, -2.2])
def test_a_crop_of_the_upright_page_is_the_turned_and_deskewed_pages(degrees: int,
                                                                      angle: float) -> None:
    rng = np.random.default_rng(1)
    gray = cv2.GaussianBlur((rng.random((700, 500)) * 255).astype(np.uint8), (9, 9), 0)
    upright = rotate(turn(gray, degrees), angle)  # what the page's reading saw
    image = PageImage(gray, degrees, angle)
    assert image.size == (upright.shape[1], upright.shape[0])
    crop = image.crop(100, 200, 300, 260)
    assert crop.shape == (60, 200)
    assert np.abs(crop.astype(int) - upright[200:260, 100:300].astype(int)).max() <= 1


def test_a_zone_is_read_again_in_the_pages_coordinates(engine) -> None:
    gray, words = _drawn([*LABEL, VALUE])
    value = words[-1]
    zones = Zones({1: PageImage(gray, 0, 0.0)}, engine, 30)
    read = zones.read(1, value.box)
    assert [w.text for w in read] == ["PRO482913K"]
    for got, drawn in zip((read[0].box.x0, read[0].box.y0, read[0].box.x1, read[0].box.y1),
                          (value.box.x0, value.box.y0, value.box.x1, value.box.y1),
                          strict=True):
        assert abs(got - drawn) <= 5  # a border or a scale forgotten is 8 pixels or more
    # a page scanned on its side: its pixels are turned as its words were
    sideways = np.ascontiguousarray(np.rot90(gray, k=-1))
    turned = Zones({1: PageImage(sideways, 90, 0.0)}, engine, 30)
    assert [w.text for w in turned.read(1, value.box)] == ["PRO482913K"]
    # a page read from its text layer has no pixels: nothing to read again
    assert zones.read(2, value.box) == [] and not zones.has(2)


class _Failing:
    """An OCR engine whose line reading fails, as Tesseract or a binding may."""

    name = "tesserocr"

    def read_line(self, image: np.ndarray, timeout: float) -> dict[str, list]:
        raise RuntimeError("GetTSVText failed")


def test_a_zone_that_cannot_be_read_again_gives_nothing_and_loses_nothing(
        lexicon: Lexicon) -> None:
    gray, words = _drawn([*LABEL, VALUE])
    zones = Zones({1: PageImage(gray, 0, 0.0)}, _Failing(), 30)  # type: ignore[arg-type]
    assert zones.read(1, words[-1].box) == []
    doc = _page(words[:-1])
    found = contract_number(build_layout(doc, zones), lexicon)
    assert found.value is None and found.label_seen  # as without a second look


def test_a_value_the_page_reading_lost_is_read_again_right_of_its_label(
        engine, lexicon: Lexicon) -> None:
    gray, words = _drawn([*LABEL, VALUE])
    doc = _page(words[:-1])  # the page's reading gave the label, and nothing after it
    first = contract_number(build_layout(doc), lexicon)
    assert first.value is None and first.label_seen
    zones = Zones({1: PageImage(gray, 0, 0.0)}, engine, 30)
    found = contract_number(build_layout(doc, zones), lexicon)
    assert found.value is not None and found.value.value == "PRO482913K"
    assert found.value.evidence is not None and found.value.evidence.page == 1


def test_a_value_garbled_under_its_label_in_a_table_is_read_again(
        engine, lexicon: Lexicon) -> None:
    header = [(300, 500, "N°"), (370, 500, "client"), (900, 500, "N°"), (970, 500, "de"),
              (1040, 500, "contrat"), (1500, 500, "Date")]
    gray, words = _drawn([*header, (300, 570, "507 331 902"), (900, 570, "PRO482913K")])
    # the page's reading garbled the code under its label past being one (no digit left)
    garbled = Word("PROABZOIBK", words[-1].box, 0.1)
    doc = DocumentText((Page(1, WIDTH, HEIGHT, (Line(tuple(words[:6])),
                                                Line((words[6], garbled))), "tesseract"),))
    assert contract_number(build_layout(doc), lexicon, "507331902").value is None
    zones = Zones({1: PageImage(gray, 0, 0.0)}, engine, 30)
    found = contract_number(build_layout(doc, zones), lexicon, "507331902")
    assert found.value is not None and found.value.value == "PRO482913K"


def test_a_number_misread_on_the_page_is_taken_as_its_zone_reads_it_and_kept(engine
                                                                              ) -> None:
    gray, words = _drawn([*LABEL, VALUE, (300, 600, "Client"), (460, 600, "123 456 789")])
    misread = [*words[:4], Word("PRQ482913K", words[4].box, 0.6), *words[5:]]
    doc = _page(misread)
    layout = build_layout(doc, Zones({1: PageImage(gray, 0, 0.0)}, engine, 30))
    fields = (FieldValue("contract_number", "PRQ482913K",
                         Evidence(1, misread[4].box, 0.6, "N° de contrat : PRQ482913K")),
              FieldValue("customer_number", "123456789",
                         Evidence(1, words[6].box, 0.9, "Client 123 456 789")))
    again = read_again(layout, fields)
    # the zone read twice "PRO482913K", surer than the page read "PRQ482913K"
    contract, customer = again.fields
    assert contract.value == "PRO482913K" and contract.evidence is not None
    # trusted no more than the page's reading was, and saying what that was
    assert contract.evidence.confidence == 0.6
    assert "first read as PRQ482913K" in contract.evidence.text
    # the customer number read the same: it stands, and only the page's other
    # reading of the contract is kept
    assert customer == fields[1]
    assert [(f.name, f.value) for f in again.others] == [("contract_number", "PRQ482913K")]
    # the store keeps both readings
    ext = Extraction(again.fields, second=again.others)
    analysis = Analysis("a.png", "0" * 64, Classification("termination_letter", "fr"), ext)
    assert analysis_from_json(analysis_to_json(analysis)).ext == ext
    # without pixels (a text layer), nothing is read again
    assert read_again(build_layout(doc), fields) == ReadAgain(fields, ())
    # nor a number OCR was sure of
    sure = (FieldValue("contract_number", "PRQ482913K",
                       Evidence(1, misread[4].box, 0.97, "N° de contrat : PRQ482913K")),)
    assert read_again(layout, sure) == ReadAgain(sure, ())


def _read(name: str, value: str, confidence: float) -> FieldValue:
    return FieldValue(name, value, Evidence(1, Box(0, 0, 10, 10), confidence, value))


@pytest.mark.parametrize("first, readings, taken", [
    # the zone's readings agree, one of them surer than the page's: the character
    # changes, the form stays
    (("2-SVHK98", 0.9), [("2-5VHK98", 0.92), ("25VHK98", 0.67)], "2-5VHK98"),
    # only where they agree: neither zone reading is right whole
    (("PRO454900Z", 0.73), [("PRO4549092", 0.88), ("PRO454909Z", 0.61)], "PRO454909Z"),
    # readings that agree, all less sure than the page's
    (("JS459086729", 0.91), [("J5459086729", 0.83), ("J5459086729", 0.83)], "JS459086729"),
    # one reading alone, however sure, is no witness
    (("PRQ482913K", 0.6), [("PRO482913K", 0.99)], "PRQ482913K"),
    # a reading of another length (a prefix lost) has no say
    (("FT3540443071", 0.76), [("3540443071", 0.97), ("3540443071", 0.97)], "FT3540443071"),
])
def test_a_contract_number_is_corrected_where_its_zone_reads_it_surer(
        first: tuple[str, float], readings: list[tuple[str, float]], taken: str) -> None:
    got = zone_corrected(_read("contract_number", *first),
                  [_read("contract_number", *r) for r in readings])
    assert got.value == taken
    if taken == first[0]:
        assert got == _read("contract_number", *first)


@pytest.mark.parametrize("first, readings, taken", [
    (("292823056", 0.7), [("292823956", 0.94), ("292823956", 0.97)], "292823956"),
    # a speck read as a tenth digit on the page, nine agreed in the zone
    (("1144843000", 0.5), [("144843000", 0.43), ("144843000", 0.59)], "144843000"),
    # ... but not when the zone's readings disagree, or are less sure than the page's
    (("1144843000", 0.5), [("144843000", 0.43), ("144843080", 0.59)], "1144843000"),
    (("41233985", 0.93), [("412339857", 0.2), ("412339857", 0.1)], "41233985"),
    # a reading that is no customer number has no say
    (("111042282", 0.9), [("7110422821", 0.91), ("711042282", 0.92)], "111042282"),
])
def test_a_customer_number_is_corrected_where_its_zone_reads_it_surer(
        first: tuple[str, float], readings: list[tuple[str, float]], taken: str) -> None:
    got = zone_corrected(_read("customer_number", *first),
                  [_read("customer_number", *r) for r in readings])
    assert got.value == taken
