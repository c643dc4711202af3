"""The second reader of poorly read pages (pipeline/text/recognizer.py): the real PP-OCR
recogniser on lines drawn in a hand-lettered font (Debian's fonts-breip, which `make
run` installs), through the real Tesseract."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.context import Context, Settings
from pipeline.records import Box, Line, Word
from pipeline.text.engines import open_engine
from pipeline.text.ocr import ocr_page
from pipeline.text.recognizer import POOR_PAGE, mean_confidence, read_again

HAND = "/usr/share/fonts/truetype/breip/Breip.ttf"
PRINT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# a note of invented values, in the words people use
NOTE = ["Paul Lefort", "7 allée des Tilleuls, 31200 Toulouse", "", "Madame, Monsieur,",
        "Je vous demande de résilier mon abonnement.", "Mon numéro client : 418 207 935",
        "Merci de me confirmer la fin du contrat.", "Bien à vous,", "Paul Lefort"]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(Settings())


@pytest.fixture(scope="module")
def engine():  # noqa: ANN201
    return open_engine("auto", Settings().languages)


def _page(font: str, lines: list[str], size: int = 60) -> Image.Image:
    img = Image.new("L", (2480, 1754), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(font, size)
    for i, text in enumerate(lines):
        draw.text((200, 150 + i * 110), text, font=face, fill=20)
    return img


def _customer_line(lines: tuple[Line, ...]) -> str:
    return next(ln.text for ln in lines if "client" in ln.text.lower())


def test_handwriting_that_tesseract_misreads_is_read_again(ctx: Context, engine) -> None:  # noqa: ANN001
    page = _page(HAND, NOTE)
    first = ocr_page(page, 1, Settings(), engine)
    assert mean_confidence(first.lines) < POOR_PAGE  # Tesseract finds the hand hard
    assert "418 207 935" not in " ".join(ln.text for ln in first.lines)
    again = ocr_page(page, 1, Settings(), engine, None, lambda: ctx.recognizer)
    assert "418 207 935" in _customer_line(again.lines)
    assert mean_confidence(again.lines) > mean_confidence(first.lines)


def test_print_that_tesseract_reads_well_is_not_read_again(ctx: Context, engine) -> None:  # noqa: ANN001
    asked = []

    def second():  # noqa: ANN202
        asked.append(1)
        return ctx.recognizer

    page = _page(PRINT, NOTE, size=44)
    read = ocr_page(page, 1, Settings(), engine, None, second)
    assert asked == []  # the recogniser is not even loaded for a page read well
    assert "418 207 935" in _customer_line(read.lines)


def _line_pixels(text: str) -> tuple[np.ndarray, Box]:
    img = Image.new("L", (1400, 120), 255)
    ImageDraw.Draw(img).text((40, 25), text, font=ImageFont.truetype(HAND, 60), fill=20)
    return np.asarray(img), Box(30, 20, 1300, 100)


def test_a_line_read_again_keeps_the_surer_reading_with_word_boxes_in_order(
        ctx: Context) -> None:
    pixels, box = _line_pixels("Contrat n° 4815 du 3 mai 2019")

    def crop(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        return pixels[y0:y1, x0:x1]

    garbled = Line((Word("Centrat", Box(30, 20, 300, 100), 0.5),
                    Word("n°", Box(320, 20, 400, 100), 0.6),
                    Word("A8IS du 3 nai ZOI9", Box(420, 20, 1300, 100), 0.4)))
    sure = Line(tuple(Word(w.text, w.box, 0.99) for w in garbled.words))
    (replaced,), count = read_again((garbled,), crop, ctx.recognizer)
    assert count == 1
    assert "4815" in replaced.text and "2019" in replaced.text
    lefts = [w.box.x0 for w in replaced.words]
    assert lefts == sorted(lefts) and box.x0 - 10 <= lefts[0] and lefts[-1] <= box.x1
    assert all(w.box.y0 == garbled.box.y0 and 0 < w.conf <= 1 for w in replaced.words)
    # Tesseract's reading, when it is the surer, stays as it was
    (kept,), count = read_again((sure,), crop, ctx.recognizer)
    assert count == 0 and kept == sure


def test_a_line_too_thin_or_read_well_keeps_tesseracts_words(ctx: Context) -> None:
    pixels = np.full((400, 2400), 255, dtype=np.uint8)
    pixels[200:206, 100:2300] = 0  # a row of dots, 6 pixels high across the page

    def crop(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
        return pixels[y0:y1, x0:x1]

    dots = Line((Word("........", Box(100, 200, 2300, 206), 0.2),))
    (kept,), count = read_again((dots,), crop, ctx.recognizer)
    assert count == 0 and kept == dots


def test_the_second_readers_dashes_are_hyphens_so_a_code_is_still_read(ctx: Context) -> None:
    img = Image.new("L", (1400, 120), 255)
    ImageDraw.Draw(img).text((40, 25), "Contrat CTR\u20132019\u2013004512",
                             font=ImageFont.truetype(HAND, 60), fill=20)
    pixels = np.asarray(img)
    reading = ctx.recognizer.read(pixels, 0.0, 20.0, 100.0)
    assert not any("\u2010" <= ch <= "\u2015" for w in reading.words for ch in w.text)
    assert all(w.conf <= 0.9 for w in reading.words)
