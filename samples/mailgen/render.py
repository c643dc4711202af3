"""Draws laid-out pages as a born-digital PDF, or as a scanner would deliver them.

A scan is drawn at 200 to 300 dpi, then degraded by difficulty: skew, pages turned
a quarter or half turn, blur, noise, uneven lighting, faded ink, stains, and JPEG
artefacts; it is saved as an image-only PDF, a multi-page TIFF, PNG or JPEG.
"""

from __future__ import annotations

import io
import random
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .layout import PAGE_H, PAGE_W, PageItems, Text, font_path

MM_PER_INCH = 25.4


def to_pdf(pages: list[PageItems], path: Path, password: str = "") -> None:
    """A born-digital PDF with a real text layer (reportlab), encrypted if a password is given.

    ``invariant=1`` keeps the bytes the same for the same seed, encryption included.
    """
    from reportlab.lib import pdfencrypt
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    encrypt = pdfencrypt.StandardEncryption(password, ownerPassword=f"{password}-owner",
                                            strength=128) if password else None
    c = canvas.Canvas(str(path), pagesize=(PAGE_W * mm, PAGE_H * mm), invariant=1,
                      encrypt=encrypt)
    registered: set[str] = set()
    for page in pages:
        for r in page.rects:
            c.setFillGray(r.gray / 255)
            c.setStrokeGray(r.gray / 255)
            c.setLineWidth(0.25 * mm)
            c.rect(r.x * mm, (PAGE_H - r.y - r.h) * mm, r.w * mm, r.h * mm,
                   stroke=int(r.outline), fill=int(not r.outline))
        c.setFillGray(0)
        for t in page.texts:
            if t.font.startswith("hand"):
                raise ValueError("a handwritten page is only ever scanned, not born digital")
            if t.font not in registered:
                pdfmetrics.registerFont(TTFont(t.font, str(font_path(t.font))))
                registered.add(t.font)
            c.setFont(t.font, t.size)
            c.drawString(t.x * mm, (PAGE_H - t.y) * mm, t.text)
        c.setStrokeColorRGB(0.05, 0.1, 0.35)
        for s in page.strokes:
            c.setLineWidth(s.width * mm)
            p = c.beginPath()
            p.moveTo(s.points[0][0] * mm, (PAGE_H - s.points[0][1]) * mm)
            for x, y in s.points[1:]:
                p.lineTo(x * mm, (PAGE_H - y) * mm)
            c.drawPath(p, stroke=1, fill=0)
        c.showPage()
    c.save()


def to_image(page: PageItems, dpi: int) -> Image.Image:
    """The page as a clean grayscale image at ``dpi``."""
    scale = dpi / MM_PER_INCH
    w, h = round(PAGE_W * scale), round(PAGE_H * scale)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    for r in page.rects:
        box = [r.x * scale, r.y * scale, (r.x + r.w) * scale, (r.y + r.h) * scale]
        if r.outline:
            draw.rectangle(box, outline=r.gray, width=max(1, round(0.25 * scale)))
        else:
            draw.rectangle(box, fill=r.gray)
    fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}
    for t in page.texts:
        key = (t.font, t.size)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(font_path(t.font)), round(t.size * dpi / 72),
                                           layout_engine=ImageFont.Layout.BASIC)
        if t.font.startswith("hand"):
            _hand_line(draw, t, fonts[key], scale)
        else:
            draw.text((t.x * scale, t.y * scale), t.text, fill=0, font=fonts[key], anchor="ls")
    for s in page.strokes:
        pts = [(x * scale, y * scale) for x, y in s.points]
        draw.line(pts, fill=40, width=max(2, round(s.width * scale)), joint="curve")
    for b in page.blots:
        _blot(draw, b.x0 * scale, b.y0 * scale, b.x1 * scale, b.y1 * scale)
    return img


def _hand_line(draw: ImageDraw.ImageDraw, t: Text, font: ImageFont.FreeTypeFont,
               scale: float) -> None:
    """A written line: words drift off the baseline and apart, the line slopes a little,
    and the pen presses harder on some words (seeded by the line, so bytes repeat)."""
    rng = random.Random(zlib.crc32(f"{t.x:.2f}|{t.y:.2f}|{t.text}".encode()))
    slope = rng.uniform(-0.012, 0.012)
    start, y0 = t.x * scale, t.y * scale
    words = t.text.split(" ")
    for i, word in enumerate(words):
        # the drift does not add up along the line, so an ink blot still covers its word
        x = start + font.getlength(" ".join(words[:i] + [""])) if i else start
        x += rng.uniform(-0.15, 0.3) * scale
        dy = rng.uniform(-0.35, 0.35) * scale + slope * (x - start)
        draw.text((x, y0 + dy), word, fill=rng.randint(15, 70), font=font, anchor="ls")


def _blot(draw: ImageDraw.ImageDraw, x0: float, y0: float, x1: float, y1: float) -> None:
    """An ink blot over a token: the token can no longer be read, its neighbours can."""
    rng = random.Random(int(x0 * 7 + y0 * 13))
    draw.rectangle([x0, y0, x1, y1], fill=35)
    h = y1 - y0
    for _ in range(18):
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0 + 0.4 * h, y1 - 0.4 * h)
        r = rng.uniform(0.3, 0.55) * h
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rng.randint(20, 60))


@dataclass(frozen=True)
class Profile:
    """How a scanner treats pages at one difficulty (ranges are drawn from uniformly)."""

    dpi: tuple[int, int]
    skew: float  # degrees, either way
    turn: float  # probability of a quarter or half turn
    blur: tuple[float, float]  # Gaussian sigma at 300 dpi
    noise: tuple[float, float]  # sensor noise, standard deviation in gray levels
    light: tuple[float, float]  # darkest corner, as a share of full brightness
    jpeg: tuple[int, int]  # quality
    fade: tuple[float, float]  # toner strength
    speckle: int  # dust specks, at most


DIFFICULTY = {
    "clean": Profile(dpi=(300, 300), skew=0.0, turn=0.0, blur=(0, 0), noise=(0, 0),
                     light=(1.0, 1.0), jpeg=(92, 95), fade=(1.0, 1.0), speckle=0),
    "scan": Profile(dpi=(200, 300), skew=2.0, turn=0.10, blur=(0.0, 0.9), noise=(2, 8),
                    light=(0.85, 1.0), jpeg=(40, 75), fade=(0.8, 1.0), speckle=150),
    "hard": Profile(dpi=(200, 250), skew=3.0, turn=0.25, blur=(0.7, 1.4), noise=(10, 26),
                    light=(0.65, 0.9), jpeg=(30, 55), fade=(0.6, 0.85), speckle=900),
}


def degrade(img: Image.Image, difficulty: str, rng: random.Random, dpi: int) -> Image.Image:
    """What a scanner on a good or bad day does to a page."""
    d = DIFFICULTY[difficulty]
    if difficulty == "clean":
        return img
    a: np.ndarray = np.asarray(img, dtype=np.float32)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    fade = rng.uniform(*d.fade)
    a = 255 - (255 - a) * fade  # faded toner
    sigma = rng.uniform(*d.blur)
    if sigma > 0.2:
        a = cv2.GaussianBlur(a, (0, 0), sigma * dpi / 300)
    # uneven lighting: a smooth gradient across the page
    h, w = a.shape
    lo = rng.uniform(*d.light)
    gx = np.linspace(rng.uniform(lo, 1), rng.uniform(lo, 1), w, dtype=np.float32)
    gy = np.linspace(rng.uniform(lo, 1), rng.uniform(lo, 1), h, dtype=np.float32)
    a = a * np.outer(gy, gx)
    a += nrng.normal(0, rng.uniform(*d.noise), a.shape).astype(np.float32)
    for _ in range(rng.randint(0, d.speckle)):
        y, x = nrng.integers(0, h), nrng.integers(0, w)
        a[y:y + 2, x:x + 2] = rng.uniform(0, 90)
    a = np.clip(a, 0, 255).astype(np.uint8)
    angle = rng.uniform(-d.skew, d.skew)
    out = Image.fromarray(a).rotate(angle, resample=Image.Resampling.BILINEAR, expand=False,
                                    fillcolor=int(rng.uniform(225, 250)))
    if rng.random() < d.turn:
        out = out.rotate(rng.choice([90, 180, 270, 180]), expand=True)
    return out


def photograph(img: Image.Image, difficulty: str, rng: random.Random) -> Image.Image:
    """A page photographed with a phone rather than scanned: lying on a desk, seen a
    little from the side, lit by a lamp, in colour, at a phone's size (no dpi to trust)."""
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = np.asarray(img, dtype=np.float32) * rng.uniform(0.88, 0.97)  # paper is not white
    h, w = a.shape
    pad = int(w * rng.uniform(0.05, 0.12))
    big_h, big_w = h + 2 * pad, w + 2 * pad
    desk = rng.uniform(60, 150)
    canvas = np.full((big_h, big_w), desk, np.float32)
    canvas[pad:pad + h, pad:pad + w] = a
    src = np.array([[pad, pad], [pad + w, pad], [pad + w, pad + h], [pad, pad + h]],
                   dtype=np.float32)
    j = w * (0.03 if difficulty == "scan" else 0.06)
    dst = src + np.array([[rng.uniform(-j, j), rng.uniform(-j, j)] for _ in range(4)],
                         dtype=np.float32)
    out = cv2.warpPerspective(canvas, cv2.getPerspectiveTransform(src, dst), (big_w, big_h),
                              flags=cv2.INTER_LINEAR, borderValue=float(desk))
    yy, xx = np.mgrid[0:big_h, 0:big_w].astype(np.float32)
    lamp_x, lamp_y = rng.uniform(0, big_w), rng.uniform(0, big_h)
    dist = np.sqrt((xx - lamp_x) ** 2 + (yy - lamp_y) ** 2) / max(big_w, big_h)
    out *= 1.0 - rng.uniform(0.15, 0.4) * dist
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.0 if difficulty == "scan" else 1.6))
    out = out + np.asarray(nrng.normal(0, rng.uniform(3, 9), size=out.shape), dtype=np.float32)
    rgb = np.stack([out, out * rng.uniform(0.95, 0.99), out * rng.uniform(0.84, 0.93)], axis=-1)
    photo = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    width = rng.choice([1500, 1700, 2000])
    return photo.resize((width, round(big_h * width / big_w)), Image.Resampling.BILINEAR)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def to_bilevel(img: Image.Image) -> Image.Image:
    """Black and white as a scanner's text mode makes it: a threshold that follows the
    paper's local brightness (so a shadowed corner does not turn black)."""
    a = np.asarray(img, dtype=np.uint8)
    small = cv2.resize(a, None, fx=0.1, fy=0.1, interpolation=cv2.INTER_AREA)
    paper = cv2.resize(cv2.dilate(small, np.ones((7, 7), np.uint8)), (a.shape[1], a.shape[0]))
    black = a.astype(np.float32) < 0.62 * paper.astype(np.float32)
    return Image.fromarray(np.where(black, 0, 255).astype(np.uint8)).convert("1")


def save_scan(images: list[Image.Image], path: Path, fmt: str, dpi: int, quality: int) -> None:
    """Saves degraded pages the way a scanner would."""
    if fmt == "pdf":
        jpgs = [jpeg_roundtrip(im, quality) for im in images]
        # a fixed date keeps the bytes the same for the same seed
        when = time.gmtime(1767346200)
        jpgs[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=jpgs[1:],
                     creationDate=when, modDate=when)
    elif fmt == "tiff":
        # office scanners deliver bilevel CCITT group 4 TIFF
        bw = [to_bilevel(im) for im in images]
        bw[0].save(path, "TIFF", compression="group4", dpi=(dpi, dpi), save_all=True,
                   append_images=bw[1:])
    elif fmt == "png":
        # black and white, as a document scanner's PNG in text mode
        to_bilevel(images[0]).save(path, "PNG", dpi=(dpi, dpi), optimize=True)
    elif fmt == "jpg":
        images[0].save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    else:
        raise ValueError(fmt)
