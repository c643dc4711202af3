"""A corpus of bad and odd inputs, each made in a few lines (tests and `make torture`).

``build(folder)`` writes every case and returns {file name: expected status}, where
the status is "error" (it must become an unreadable_file record) or "read" (odd,
but a real letter that must be read).
"""

from __future__ import annotations

import io
import shutil
import zlib
from pathlib import Path

import numpy as np
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

# Files that once broke a parser the pipeline reads with (see corpus/README.md).
CORPUS = Path(__file__).resolve().parent / "corpus"


def corpus_files() -> list[Path]:
    """The corpus's files, without its README."""
    return [p for p in sorted(CORPUS.glob("*")) if p.suffix != ".md"]
LETTER = ["Jean Dupont", "Objet : résiliation de ma ligne fixe",
          "N° client : 482 915 306", "Contrat n° CTR-2019-004512",
          "Date de souscription : 12/03/2019", "Cordialement, Jean Dupont"]


def _pdf(lines: list[str] = LETTER, password: str | None = None, pages: int = 1,
         size: tuple[float, float] = (595, 842)) -> bytes:
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption(password, ownerPassword="owner", strength=128) \
        if password is not None else None
    c = canvas.Canvas(buf, pagesize=size, invariant=1, encrypt=enc)
    for _ in range(pages):
        for i, line in enumerate(lines):
            c.drawString(72, size[1] - 100 - 18 * i, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def _raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF written by hand, with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, root, xref))
    return out.getvalue()


def _page_with_text(extra_catalog: bytes = b"", text: bytes = b"(Bonjour) Tj") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td " + text + b" ET"
    return _raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /S /JavaScript /JS (app.alert\\('hello'\\);) >>",
        b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream",
        b"<< /XFA 9 0 R /Fields [] >>",
        b"<< /Length 20 >>\nstream\n<xdp:xdp></xdp:xdp>\nendstream",
    ])


def _letter_image(mode: str) -> Image.Image:
    import random

    from mailgen.content import draw_letter, letter_blocks
    from mailgen.layout import layout
    from mailgen.render import to_image

    rng = random.Random(5)
    spec = draw_letter(rng, 5, "none")
    page = layout(letter_blocks(spec, rng))[0]
    gray = to_image(page, 200)
    if mode == "CMYK":
        return gray.convert("CMYK")
    if mode == "I;16":
        a = np.asarray(gray, dtype=np.uint16) * 257
        return Image.fromarray(a)  # uint16 gives mode I;16
    if mode == "RGBA":
        rgba = gray.convert("RGBA")
        rgba.putalpha(200)
        return rgba
    return gray


def _save(img: Image.Image, fmt: str, **kw) -> bytes:  # noqa: ANN003
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def build(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    good_pdf = _pdf()
    png = _save(_letter_image("L"), "PNG")
    jpg = _save(_letter_image("L"), "JPEG", quality=80)
    tiff_pages = io.BytesIO()
    img = _letter_image("L")
    img.save(tiff_pages, "TIFF", save_all=True, append_images=[img], compression="raw")
    tiff = tiff_pages.getvalue()[: len(tiff_pages.getvalue()) * 3 // 4]  # page 2 cut off
    cases: dict[str, tuple[bytes, str]] = {
        "zero_bytes.pdf": (b"", "error"),
        "truncated.pdf": (good_pdf[: len(good_pdf) * 2 // 5], "error"),
        "text_named.pdf": (b"Ceci est un courrier en texte brut.\n", "error"),
        "text_named.jpg": (b"Ceci n'est pas une image.\n", "error"),
        "password.pdf": (_pdf(password="secret"), "error"),
        # one policy: an empty user password protects nothing, so the letter is read
        "empty_password.pdf": (_pdf(password=""), "read"),
        "javascript.pdf": (_page_with_text(b"/OpenAction 6 0 R", b"(" + b" ".join(
            w.encode("latin-1") for w in LETTER[0:3]) + b") Tj"), "read"),
        "attachment.pdf": (_page_with_text(
            b"/Names << /EmbeddedFiles << /Names [(a.txt) << /Type /Filespec /F (a.txt) "
            b"/EF << /F 7 0 R >> >>] >> >>", b"(Jean Dupont N client 482915306) Tj"), "read"),
        "xfa_blank.pdf": (_page_with_text(b"/AcroForm 8 0 R", b"( ) Tj"), "error"),
        "circular.pdf": (_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                   b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]), "error"),
        "huge_page.pdf": (_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                    b"<< /Type /Page /Parent 2 0 R "
                                    b"/MediaBox [0 0 200000 200000] >>"]), "error"),
        "many_pages.pdf": (_pdf(pages=500), "read"),
        "truncated.jpg": (jpg[: len(jpg) // 2], "error"),
        "truncated.png": (png[: len(png) // 2], "error"),
        "bad_second_page.tif": (bytes(tiff), "error"),
        "bomb.png": (_bomb(), "error"),
        "cmyk.jpg": (_save(_letter_image("CMYK"), "JPEG", quality=85), "read"),
        "sixteen_bit.png": (_save(_letter_image("I;16"), "PNG"), "read"),
        "alpha.png": (_save(_letter_image("RGBA"), "PNG"), "read"),
    }
    expected = {}
    for name, (data, status) in cases.items():
        (folder / name).write_bytes(data)
        expected[name] = status
    for path in corpus_files():
        shutil.copy(path, folder / f"corpus_{path.name}")
        expected[f"corpus_{path.name}"] = "error"
    return expected


def _bomb() -> bytes:
    """A PNG whose header declares 40,000 x 40,000 pixels, in a few hundred bytes."""
    data = bytearray(_save(Image.new("1", (64, 64), 1), "PNG"))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr:ihdr + 8] = (40_000).to_bytes(4, "big") * 2
    crc = zlib.crc32(bytes(data[12:ihdr + 13]))
    data[ihdr + 13:ihdr + 17] = crc.to_bytes(4, "big")
    return bytes(data)
