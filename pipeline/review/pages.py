"""Page images for the station: rendered on demand from the original file, cached.

A page is rendered as mailroom read it (a PDF page by pdfium, an image's frame by
Pillow), then turned upright by the degrees its analysis records, so that evidence
boxes, kept in fractions of the upright page, land at fraction x size. Only a file
whose bytes still have the record's SHA-256 is rendered.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PIL import Image, ImageOps

from ..ingest import sha256_of

WIDTH = 1100  # pixels across: enough to read a scan, small enough to load at once
MAX_SOURCE_PIXELS = 120_000_000
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


class PageUnavailable(Exception):
    """The page cannot be shown; the message says why, in words for a clerk."""


def original(inbox: Path, source_file: str) -> Path:
    """The original of a record, never outside the inbox and never through a link."""
    root = inbox.resolve()
    path = (root / source_file)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise PageUnavailable("the original file is no longer in the inbox") from exc
    if root not in resolved.parents or path.is_symlink() or not resolved.is_file():
        raise PageUnavailable("the original file is not a plain file of the inbox")
    return resolved


def render(path: Path, page: int, turn: int, width: int = WIDTH) -> Image.Image:
    """Page ``page`` (1-based) of a PDF or image file, upright, ``width`` pixels across."""
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" in head:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(pdf):
                raise PageUnavailable("the file has no such page")
            p = pdf[page - 1]
            pw, ph = p.get_size()
            upright_w = ph if turn in (90, 270) else pw
            img = p.render(scale=width / upright_w).to_pil()
        finally:
            pdf.close()
    else:
        Image.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS
        with Image.open(path) as src:
            if not 1 <= page <= getattr(src, "n_frames", 1):
                raise PageUnavailable("the file has no such page")
            src.seek(page - 1)
            src.load()
            img = ImageOps.exif_transpose(src) if src.format == "JPEG" else src.copy()
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    if turn % 360:
        img = img.rotate(turn, expand=True)
    if img.width != width:
        img = img.resize((width, max(1, round(img.height * width / img.width))),
                         Image.Resampling.LANCZOS)
    return img


def cached_page(cache: Path, inbox: Path, source_file: str, sha256: str, page: int,
                turn: int) -> Path:
    """The JPEG of one upright page, rendered once and kept under ``cache``."""
    name = f"{sha256}-p{page}-t{turn % 360}-w{WIDTH}.jpg"
    target = cache / name
    if target.exists():
        return target
    with _locks_guard:
        lock = _locks.setdefault(name, threading.Lock())
    with lock:  # two clerks opening the same letter render it once
        if target.exists():
            return target
        path = original(inbox, source_file)
        if sha256_of(path) != sha256:
            raise PageUnavailable("the file has changed since it was read: run mailroom "
                                  "process again")
        try:
            img = render(path, page, turn)
        except PageUnavailable:
            raise
        except Exception as exc:  # a damaged file: said in words, never a traceback
            raise PageUnavailable(f"the page cannot be drawn ({type(exc).__name__})") from exc
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{name}.{threading.get_ident()}.tmp"
        # JPEG: a scan's grain makes a PNG of the page 5 to 10 times larger
        img.save(tmp, "JPEG", quality=85, optimize=True)
        os.replace(tmp, target)
    return target
