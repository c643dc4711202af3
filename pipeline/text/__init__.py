"""Text backends: every file becomes pages of words with boxes and confidences.

A PDF page with a usable text layer is read by pdfplumber; everything else (scanned
PDF pages, TIFF, PNG, JPEG) is turned upright, deskewed, cleaned and OCR'd by
Tesseract.  Both give the same ``Page`` record, so the stages after them do not
care which engine read a page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import UnreadableFile
from ..records import DocumentText
from .engines import OcrEngine
from .images import load_images, open_image
from .ocr import PageImage, ocr_page
from .pdflayer import read_pdf
from .recognizer import LineRecognizer

KINDS = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff",
         b"MM\x00*": "tiff"}


def sniff(head: bytes) -> str:
    """The file's real type from its first bytes, whatever its name says."""
    for magic, kind in KINDS.items():
        if head.startswith(magic):
            return kind
    # a PDF may have a little junk before its header
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return ""


def read_document(path: Path, settings, ocr: Callable[[], OcrEngine],  # noqa: ANN001
                  images: dict[int, PageImage] | None = None,
                  second: Callable[[], LineRecognizer] | None = None) -> DocumentText:
    """All pages of one file as text; raises UnreadableFile with a clerk's message.

    ``ocr`` gives the OCR engine, loaded on first use: a born-digital file needs none.
    ``images``, when given, receives each OCR'd page's cleaned image by page number.
    ``second``, when given, gives the second reader of poorly read pages
    (``recognizer.py``), loaded on the first such page.
    """
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise UnreadableFile("the file is empty (0 bytes)")
    kind = sniff(head)
    if not kind:
        raise UnreadableFile(
            f"not a PDF or an image (its content does not match the name {path.suffix or '-'})")
    if kind == "pdf":
        return read_pdf(path, settings, ocr, images, second)
    image, count = open_image(path, kind)
    pages = tuple(ocr_page(img, i + 1, settings, ocr(), images, second)
                  for i, img in enumerate(load_images(image, count, kind, settings)))
    return DocumentText(pages, total_pages=count)
