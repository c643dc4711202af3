"""Both Tesseract bindings behind the one OCR contract, on real pages."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from mailgen import generate
from PIL import Image

from pipeline.context import Settings
from pipeline.errors import EnvironmentProblem, UnreadableFile
from pipeline.text import read_document
from pipeline.text.engines import ENGINES, choose_engine, open_engine, parse_tsv
from pipeline.text.images import binarize

LANGUAGES = Settings().languages


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A scanned termination letter and its truth."""
    folder = tmp_path_factory.mktemp("engines")
    generate(folder, 12, seed=5, difficulty="scan")
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["doc_type"] == "termination_letter" and r["status"] == "ok"
               and not r["source_file"].endswith(".pdf"))
    return folder / row["source_file"], row


@pytest.mark.parametrize("name", ["tesserocr", "pytesseract"])
def test_each_binding_reads_the_customer_number_of_a_scanned_letter(letter, name: str) -> None:
    path, truth = letter
    engine = open_engine(name, LANGUAGES)
    assert engine.name == name
    doc = read_document(path, Settings(), lambda: engine)
    digits = "".join(ch for ch in doc.text if ch.isdigit())
    assert truth["customer_number"] in digits
    assert doc.engine == "tesseract"


def test_the_two_bindings_give_nearly_the_same_words(letter) -> None:
    path, _ = letter
    page = binarize(np.asarray(Image.open(path).convert("L")), 300)
    words = {}
    for name in ("tesserocr", "pytesseract"):
        data = open_engine(name, LANGUAGES).read(page, 120)
        assert set(data) >= {"left", "top", "width", "height", "conf", "text", "block_num",
                             "par_num", "line_num"}
        assert all(len(column) == len(data["text"]) for column in data.values())
        words[name] = [t for t in data["text"] if t.strip()]
    a, b = set(words["tesserocr"]), set(words["pytesseract"])
    assert len(a & b) >= 0.9 * max(len(a), len(b))


def test_a_page_over_the_ocr_time_limit_is_unreadable_not_a_hang(letter) -> None:
    path, _ = letter
    page = binarize(np.asarray(Image.open(path).convert("L")), 300)
    engine = open_engine("tesserocr", LANGUAGES)
    with pytest.raises(UnreadableFile, match="OCR gave up after 0.001 s"):
        engine.read(page, 0.001)
    assert any(t.strip() for t in engine.read(page, 120)["text"])  # and it reads on after


def test_auto_prefers_the_loaded_engine_and_names_are_checked() -> None:
    assert choose_engine("auto", LANGUAGES) == "tesserocr"
    assert ENGINES == ("auto", "tesserocr", "pytesseract")
    # the CLI spells the choices out, so that --help need not import the engines
    from pipeline.cli import process

    ocr = next(p for p in process.params if p.name == "ocr")
    assert tuple(ocr.type.choices) == ENGINES
    with pytest.raises(EnvironmentProblem, match="unknown OCR engine"):
        choose_engine("abbyy", LANGUAGES)


@pytest.mark.parametrize("name", ["tesserocr", "pytesseract"])
def test_missing_language_data_says_what_to_install(name: str) -> None:
    with pytest.raises(EnvironmentProblem, match="apt-get install tesseract-ocr"):
        choose_engine(name, "fra+xyz")


def test_tesseract_tsv_rows_become_columns() -> None:
    tsv = ("5\t1\t1\t1\t1\t1\t100\t200\t30\t12\t96.5\tRésiliation\n"
           "4\t1\t1\t1\t2\t0\t0\t0\t10\t10\t-1\t\n"
           "short\trow\n")
    data = parse_tsv(tsv)
    assert data["text"] == ["Résiliation", ""]
    assert data["left"] == [100, 0] and data["conf"] == [96.5, -1.0]
    assert data["line_num"] == [1, 2]


def test_one_engine_shared_by_threads_reads_each_page_whole(letter) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path, _ = letter
    page = binarize(np.asarray(Image.open(path).convert("L")), 300)
    pages = [page, np.ascontiguousarray(page[: page.shape[0] // 2])] * 2
    engine = open_engine("tesserocr", LANGUAGES)
    alone = [engine.read(p, 120)["text"] for p in pages]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda p: engine.read(p, 120)["text"], pages))
    assert together == alone


def _grainy_closing_page() -> np.ndarray:
    """A scanned second page: gray grainy paper, the closing and a name, nothing else."""
    from PIL import ImageDraw, ImageFont

    rng = np.random.default_rng(3)
    page = Image.new("L", (2480, 3508), 150)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 42)
    draw.text((300, 350), "Je reste joignable pour toute question.", fill=30, font=font)
    draw.text((300, 480), "Cordialement,", fill=30, font=font)
    draw.text((300, 760), "Jules Ferrand", fill=30, font=font)
    noisy = np.asarray(page, dtype=np.float64) + rng.normal(0, 22, (3508, 2480))
    return np.clip(noisy, 0, 255).astype(np.uint8)


def test_a_grainy_page_with_little_text_keeps_its_paper_white() -> None:
    from pipeline.text.images import binarize

    bw = binarize(_grainy_closing_page(), 300)
    assert (bw < 128).mean() < 0.02  # Otsu alone turned 15-20% of such paper into specks
    text = " ".join(open_engine("tesserocr", LANGUAGES).read(bw, 60)["text"])
    assert "Cordialement" in text and "Ferrand" in text


def _spaced_handwriting(lines: list[str]) -> Image.Image:
    """An A4 page at 300 dpi in a handwriting font, its letters and words set wide
    apart the way a hand writes them: no ink joins into the long strokes of a line."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf", 52)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for row, text in enumerate(lines):
        x = 300.0
        for ch in text:
            if ch != " ":
                draw.text((x, 900 + 160 * row), ch, font=font, fill=0)
            x += 90 if ch == " " else draw.textlength(ch, font=font) + 22
    return page


@pytest.mark.parametrize("name", ["tesserocr", "pytesseract"])
def test_handwriting_on_a_page_fed_in_sideways_is_read_upright(name: str) -> None:
    from pipeline.text.images import is_sideways
    from pipeline.text.ocr import ocr_page

    lines = ["Madame, Monsieur,", "Je vous prie de mettre fin", "au contrat de ma ligne fixe.",
             "Client 418 552 907", "Paul Martin"]
    sideways = _spaced_handwriting(lines).rotate(90, expand=True)  # text climbs the page
    # the ink's shape does not tell this page lies on its side: Tesseract's words do
    assert not is_sideways(binarize(np.asarray(sideways), 300))
    page = ocr_page(sideways, 1, Settings(), open_engine(name, LANGUAGES))
    assert page.rotated == 270
    text = " ".join(line.text for line in page.lines)
    assert text.index("Madame") < text.index("418") < text.index("907") < text.index("Martin")


def test_a_drawn_signature_is_told_from_a_table_drawn_on_the_same_page(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "letter.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    top = A4[1]
    for row in range(3):  # a ruled table of references, stroked cells
        for x0, x1 in ((60, 200), (200, 400)):
            c.rect(x0, top - 320 - 18 * row, x1 - x0, 18, stroke=1, fill=0)
    c.drawString(60, top - 495, "Veuillez agréer mes salutations distinguées.")
    sig = c.beginPath()  # a pen's stroke: curves, between the closing and the name
    sig.moveTo(120, top - 540)
    for i in range(4):
        sig.curveTo(140 + 30 * i, top - 515, 150 + 30 * i, top - 560, 170 + 30 * i, top - 535)
    c.drawPath(sig, stroke=1, fill=0)
    c.drawString(60, top - 575, "Charles Morvan")
    c.save()
    doc = read_document(path, Settings(), lambda: open_engine("tesserocr", LANGUAGES))
    (mark,) = doc.pages[0].ink_marks
    assert 500 < (mark.y0 + mark.y1) / 2 < 570  # the signature alone, not the table with it


def test_lines_the_page_reading_left_out_are_read_again() -> None:
    # Tesseract's layout analysis may find no block over a clean paragraph: its words
    # are missing, its ink is not.  Here the first pass is cut to its first line.
    from PIL import ImageDraw, ImageFont

    from pipeline.text.ocr import _read_missed, table_words, unread_lines

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 42)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    lines = ["Madame, Monsieur,", "Je vous demande de fermer mon compte professionnel,",
             "client 418 552 907, contrat RT-40917.", "Veuillez agréer mes salutations."]
    for row, text in enumerate(lines):
        draw.text((300, 900 + 70 * row), text, font=font, fill=0)
    # a signature under them: strokes over a wide area, not a line of print
    draw.line([(320, 1300), (380, 1200), (430, 1320), (480, 1190), (540, 1310), (600, 1230)],
              fill=0, width=5)
    bw = binarize(np.asarray(page), 300)
    engine = open_engine("tesserocr", LANGUAGES)
    first = [(k, w) for k, w in table_words(engine.read(bw, 60)) if w.box.y1 < 960]
    assert " ".join(w.text for _, w in first) == "Madame, Monsieur,"
    missed = unread_lines(bw, [w for _, w in first], 300)
    # the three lines left out, one box each, and not the signature under them
    assert len(missed) == 3 and all(960 <= b.y0 and b.y1 <= 1180 for b in missed)
    text = " ".join(w.text for _, w in _read_missed(bw, first, 300, engine, 60))
    assert text.startswith("Madame, Monsieur, Je vous demande")
    assert "418 552 907" in text and "RT-40917" in text and "salutations" in text
    # a page read whole has nothing left out, its signature included
    everything = [w for _, w in table_words(engine.read(bw, 60))]
    assert unread_lines(bw, everything, 300) == []
    # a scanner's textured edge looks like a line left out, but reads as scraps
    noisy = np.asarray(page).copy()
    rng = np.random.default_rng(7)
    strip = noisy[3300:3370, 200:2300]
    strip[rng.random(strip.shape) < 0.2] = 0
    bw = binarize(noisy, 300)
    read = table_words(engine.read(bw, 60))
    assert [w for _, w in _read_missed(bw, read, 300, engine, 60)
            if w.box.y0 > 3250] == [w for _, w in read if w.box.y0 > 3250]


def test_a_word_read_again_over_a_word_read_already_is_not_kept_twice() -> None:
    # on a slanted handwritten page the band of a line left out crosses lines read
    # already: their words, read again there, are the same words
    from pipeline.records import Box, Word
    from pipeline.text.ocr import read_already

    read = [Word("abonnement", Box(759, 639, 931, 680), 0.9),
            Word("HX345", Box(895, 686, 1100, 732), 0.9)]
    assert read_already(Box(760, 641, 930, 679), read)  # the same word
    assert read_already(Box(899, 690, 1100, 725), read)  # its end, read as another word
    assert not read_already(Box(619, 631, 692, 658), read)  # a word nobody read
    assert not read_already(Box(900, 600, 1000, 700), read)  # touching, mostly outside
    # a word left out between the tall boxes of the lines above and below: half of it
    # under each, but inside neither
    tall = [Word("au-dessus", Box(100, 90, 400, 150), 0.9),
            Word("en-dessous", Box(100, 165, 400, 225), 0.9)]
    assert not read_already(Box(200, 130, 300, 185), tall)
