"""PDF pages: the text layer through pdfplumber when it is usable, else OCR.

A page whose text layer has almost no letters is a scan: it is rendered with
pypdfium2 (which pdfplumber already depends on) and handed to Tesseract.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
from PIL import Image

from ..errors import EnvironmentProblem, UnreadableFile
from ..records import Box, DocumentText, Line, Page, Word, split_columns
from .engines import OcrEngine
from .images import to_gray
from .ocr import PageImage, ocr_page
from .recognizer import LineRecognizer

MIN_TEXT_CHARS = 25  # fewer letters than this on a page: treat it as a scan
RENDER_DPI = 300


def _open(path: Path) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # parses the page tree: broken files fail here
        return pdf
    except MemoryError:  # the worker's memory cap: the orchestrator says so
        raise
    except Exception as exc:  # pdfminer raises many types, and TypeError on bad boxes
        name = type(exc).__name__
        causes = [exc, exc.__cause__, exc.__context__, *exc.args]
        if any("Password" in type(c).__name__ or "Encrypt" in type(c).__name__ for c in causes):
            raise UnreadableFile(
                "the PDF is protected by a password: ask the sender for an unprotected copy"
            ) from exc
        raise UnreadableFile(f"the PDF is damaged or truncated and cannot be opened ({name})") \
            from exc


def _layer_lines(words: list[dict]) -> tuple[Line, ...]:
    """Groups the text layer's words into visual lines by their vertical position."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - w["bottom"]) <= 2.5:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[Line] = []
    for row in rows:
        ws = [Word(w["text"], Box(w["x0"], w["top"], w["x1"], w["bottom"]), 1.0) for w in row]
        lines.extend(Line(seg) for seg in split_columns(ws))
    return tuple(sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0)))


def _words(page: Any) -> list[dict]:
    """The text layer's words with their boxes, from pypdfium2's text page (about ten
    times faster than pdfplumber's word extraction, measured: 1.6 ms against 15 ms a
    page), top-left origin like the rest of the pipeline."""
    height = page.get_size()[1]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters beyond the BMP: read them one by one
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
        words: list[dict] = []
        current: dict | None = None
        for i, ch in enumerate(text):
            if ch.isspace() or ch == "\x00":
                current = None
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = max(top - bottom, 1.0)
            if current is None or left - current["x1"] > 0.5 * size or \
                    abs(height - bottom - current["bottom"]) > 0.5 * size:
                current = {"text": "", "x0": left, "x1": right, "top": height - top,
                           "bottom": height - bottom}
                words.append(current)
            current["text"] += ch
            current["x0"], current["x1"] = min(current["x0"], left), max(current["x1"], right)
            current["top"] = min(current["top"], height - top)
            current["bottom"] = max(current["bottom"], height - bottom)
        return words
    finally:
        textpage.close()


def _drawn_marks(page: Any) -> tuple[Box, ...]:
    """Stroked vector paths that look like a signature (not rules, not filled shapes),
    and pictures of a signature's size (a scanned signature pasted into the letter)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    height = page.get_size()[1]
    marks = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        left, bottom, right, top = obj.get_bounds()
        # a stroke of a pen has many segments; a table's cell or a rule has four or one
        if stroke.value and not fill.value and right - left > 20 and top - bottom > 4 \
                and pdfium_c.FPDFPath_CountSegments(obj.raw) >= 6:
            marks.append(Box(left, height - top, right, height - bottom))
    pictures = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        if 30 <= right - left <= 300 and 10 <= top - bottom <= 150:
            pictures.append(Box(left, height - top, right, height - bottom))
    # each stroke on its own: pdfium's bounds of a curve take in its control points, so
    # a box around them all may stand well above the signature
    return (*marks, *pictures)


def _render(page: Any, index: int, max_pixels: int) -> Image.Image:
    """The page at 300 dpi, refused when that would exceed ``max_pixels``."""
    width, height = page.get_size()
    scale = RENDER_DPI / 72
    if width * height * scale * scale > max_pixels:
        raise UnreadableFile(
            f"page {index + 1} is {width / 72 * 25.4:.0f} x {height / 72 * 25.4:.0f} mm: "
            "too large to read safely")
    return to_gray(page.render(scale=scale).to_pil())


def _has_xfa(pdf: pdfplumber.PDF) -> bool:
    """True for an XFA form: its content lives in XML that only a form viewer draws."""
    try:
        form: Any = pdf.doc.catalog.get("AcroForm")
        form = form.resolve() if hasattr(form, "resolve") else form
        return isinstance(form, dict) and "XFA" in form
    except Exception:  # a damaged catalog is judged by its pages, not here
        return False


def _read_page(doc: Any, index: int, settings, ocr: Callable[[], OcrEngine],  # noqa: ANN001
               images: dict[int, PageImage] | None,
               second: Callable[[], LineRecognizer] | None) -> Page:
    """One page: its text layer when it has one, else OCR of the rendered page."""
    try:
        page = doc[index]
    except Exception as exc:  # pdfium finds the page object broken (seen by the fuzzer)
        raise UnreadableFile(f"page {index + 1} of the PDF cannot be read ({exc})") from exc
    try:
        words = _words(page)
        letters = sum(ch.isalnum() for w in words for ch in w["text"])
        if letters >= MIN_TEXT_CHARS:
            width, height = page.get_size()
            return Page(number=index + 1, width=float(width), height=float(height),
                        lines=_layer_lines(words), engine="text_layer",
                        ink_marks=_drawn_marks(page))
        image = _render(page, index, settings.max_pixels)
        return ocr_page(image, index + 1, settings, ocr(), images, second)
    except (UnreadableFile, EnvironmentProblem, MemoryError):  # MemoryError: the orchestrator
        # names the cap
        raise
    except Exception as exc:
        raise UnreadableFile(
            f"page {index + 1} of the PDF cannot be read ({type(exc).__name__})") from exc
    finally:
        page.close()


def read_pdf(path: Path, settings, ocr: Callable[[], OcrEngine],  # noqa: ANN001
             images: dict[int, PageImage] | None = None,
             second: Callable[[], LineRecognizer] | None = None) -> DocumentText:
    """pdfplumber opens the file (its checks find damaged and encrypted PDFs, and XFA
    forms); pypdfium2 reads the pages' text and renders the scanned ones (``images``
    and ``second``: see ``ocr_page``)."""
    import pypdfium2 as pdfium

    pdf = _open(path)
    pages = []
    try:
        count = len(pdf.pages)
        if count == 0:
            raise UnreadableFile("the PDF has no pages")
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise UnreadableFile(f"the PDF is damaged and cannot be read ({exc})") from exc
        try:
            for index in range(min(count, settings.max_pages)):
                pages.append(_read_page(doc, index, settings, ocr, images, second))
        finally:
            doc.close()
        if _has_xfa(pdf) and not any(p.lines for p in pages):
            raise UnreadableFile("an XFA form, which shows blank outside a form viewer: ask "
                                 "the sender for a printed PDF")
    finally:
        pdf.close()
    return DocumentText(tuple(pages), total_pages=count)
