"""Places blocks of text on A4 pages, in millimetres, top-left origin.

Content (``content.py``) says what a letter contains and roughly where; this module
wraps paragraphs, flows them down the page, breaks pages, and returns drawing items
that both renderers (PDF with a text layer, scanned image) draw the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

PAGE_W, PAGE_H = 210.0, 297.0
PT_TO_MM = 25.4 / 72

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"),
             Path("/usr/share/fonts/opentype/comic-neue"), Path("/usr/share/fonts/truetype/breip"),
             Path("/usr/share/fonts/opentype/dancingscript"))
FONTS = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "serif-bold": "DejaVuSerif-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf",
    "times": "LiberationSerif-Regular.ttf",
    "times-bold": "LiberationSerif-Bold.ttf",
    "arial": "LiberationSans-Regular.ttf",
    "arial-bold": "LiberationSans-Bold.ttf",
    "courier": "LiberationMono-Regular.ttf",
    "courier-bold": "LiberationMono-Bold.ttf",
    # a hand-lettered face (Debian fonts-comic-neue) for handwritten notes; scans only,
    # as reportlab cannot embed its CFF outlines in a born-digital PDF
    "hand": "ComicNeue-Regular.otf",
    "hand-bold": "ComicNeue-Bold.otf",
    # two hands harder to read, that Tesseract garbles (0.6-0.8 confidence): an informal
    # print hand (fonts-breip) and a joined script (fonts-dancingscript)
    "hand-breip": "Breip.ttf",
    "hand-script": "DancingScript-Regular.otf",
}
HANDS = ("hand", "hand", "hand-breip", "hand-script")
# Where a hand's font is not installed, handwritten notes fall back to a slanted face.
FALLBACK = {"ComicNeue-Regular.otf": "LiberationSans-Italic.ttf",
            "ComicNeue-Bold.otf": "LiberationSans-BoldItalic.ttf",
            "Breip.ttf": "LiberationSans-Italic.ttf",
            "DancingScript-Regular.otf": "LiberationSans-Italic.ttf"}
FAMILIES = ("sans", "serif", "times", "arial", "courier", "cond")


def font_path(key: str) -> Path:
    name = FONTS.get(key) or FONTS[key.split("-")[0]]
    for candidate in (name, FALLBACK.get(name, name)):
        for folder in FONT_DIRS:
            if (folder / candidate).exists():
                return folder / candidate
    raise FileNotFoundError(
        f"font {name} is missing: run `make run` (it installs fonts-dejavu-core and "
        "fonts-liberation)"
    )


def bold(family: str) -> str:
    return f"{family}-bold" if f"{family}-bold" in FONTS else family


@lru_cache(maxsize=64)
def _measure_font(key: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(key)), 100, layout_engine=ImageFont.Layout.BASIC)


def text_width_mm(text: str, font: str, size_pt: float) -> float:
    return _measure_font(font).getlength(text) / 100 * size_pt * PT_TO_MM


# ---- what content asks for -------------------------------------------------------


@dataclass
class Abs:
    """Lines at a fixed place (sender and recipient blocks, headers)."""

    x: float
    y: float
    lines: list[str]
    font: str
    size: float = 10.5
    align: str = "left"  # left | right (x is then the right edge)


@dataclass
class Para:
    text: str
    font: str
    size: float = 10.5
    align: str = "left"  # left | right | center
    indent: float = 0.0
    blot: str = ""  # a token of the text to cover with an ink blot


@dataclass
class Gap:
    mm: float


@dataclass
class Ink:
    """A handwritten signature, drawn as strokes."""

    width: float = 45.0
    height: float = 14.0
    seed: int = 0


@dataclass
class PageBreak:
    pass


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    gray: int = 0
    outline: bool = False  # a drawn frame (table cell, box) rather than a filled area


@dataclass
class Table:
    """Rows of cells at the current place in the flow: a drawn grid, or aligned columns
    (``grid=False``) that may stand far apart (label column, value column)."""

    rows: list[list[str]]
    widths: list[float]  # mm per column
    font: str
    size: float = 10.0
    x: float | None = None  # left edge; the page margin when None
    grid: bool = True
    labels: str = "col"  # col | row | none: which cells are labels, drawn in bold
    label_font: str = ""


# ---- what the renderers draw -------------------------------------------------------


@dataclass
class Text:
    x: float
    y: float  # baseline
    text: str
    font: str
    size: float


@dataclass
class Stroke:
    points: list[tuple[float, float]]
    width: float


@dataclass
class Blot:
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PageItems:
    texts: list[Text] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    blots: list[Blot] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)


def _words(text: str, keep: str) -> list[str]:
    """The words of ``text``, with ``keep`` (which may hold spaces) as one word."""
    words = text.split()
    k = len(keep.split())
    if k > 1:
        for i in range(len(words) - k + 1):
            if " ".join(words[i:i + k]).startswith(keep):
                return words[:i] + [" ".join(words[i:i + k])] + words[i + k:]
    return words


def wrap(text: str, font: str, size: float, width: float, keep: str = "") -> list[str]:
    """Lines no wider than ``width``; ``keep`` is never broken across two lines."""
    lines: list[str] = []
    current = ""
    for word in _words(text, keep):
        trial = f"{current} {word}".strip()
        if current and text_width_mm(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def signature_strokes(x: float, y: float, w: float, h: float, seed: int) -> list[Stroke]:
    """A scribble: a few loops with a flourish, like a quick signature."""
    import math
    import random

    rng = random.Random(seed)
    strokes = []
    for part in range(rng.randint(1, 2)):
        pts = []
        n = rng.randint(40, 70)
        loops = rng.uniform(2.5, 5.5)
        x_start = x + part * w * 0.45
        span = w * rng.uniform(0.5, 0.9)
        amp = h * rng.uniform(0.25, 0.45)
        phase = rng.uniform(0, math.pi)
        for i in range(n):
            t = i / (n - 1)
            px = x_start + span * t + amp * 0.4 * math.cos(2 * math.pi * loops * t + phase)
            py = y + h / 2 - amp * math.sin(2 * math.pi * loops * t) * (1 - 0.4 * t)
            pts.append((px, py + rng.uniform(-0.3, 0.3)))
        strokes.append(Stroke(pts, rng.uniform(0.35, 0.6)))
    # the underline flourish
    y_line = y + h * rng.uniform(0.75, 0.95)
    strokes.append(Stroke([(x, y_line), (x + w * 0.5, y_line - 1.5), (x + w, y_line + 0.5)],
                          rng.uniform(0.3, 0.5)))
    return strokes


def _table(t: Table, pages: list[PageItems], y: float, margin: float,
           limits: tuple[float, float], new_page: Callable[[], None]) -> float:
    """Draws a table's rows from ``y`` down; returns the y below it."""
    row_h = t.size * PT_TO_MM * 1.75
    x0 = margin if t.x is None else t.x
    top, bottom = limits
    for r, row in enumerate(t.rows):
        if y + row_h > PAGE_H - bottom:
            new_page()
            y = top
        x = x0
        for c, cell in enumerate(row):
            w = t.widths[c] if c < len(t.widths) else t.widths[-1]
            is_label = (t.labels == "col" and c == 0) or (t.labels == "row" and r == 0)
            font = (t.label_font or bold(t.font)) if is_label else t.font
            if t.grid:
                pages[-1].rects.append(Rect(x, y, w, row_h, gray=30, outline=True))
            if cell:
                pages[-1].texts.append(Text(x + 1.8, y + row_h * 0.68, cell, font, t.size))
            x += w
        y += row_h
    return y + 2


def layout(blocks: list, *, margin: float = 22.0, top: float = 30.0,
           bottom: float = 25.0) -> list[PageItems]:
    """Flows the blocks onto pages; returns what to draw on each."""
    pages = [PageItems()]
    y = top
    width = PAGE_W - 2 * margin

    def new_page() -> None:
        nonlocal y
        pages.append(PageItems())
        y = top

    for block in blocks:
        page = pages[-1]
        if isinstance(block, Abs):
            line_h = block.size * PT_TO_MM * 1.3
            for i, text in enumerate(block.lines):
                tx = block.x
                if block.align == "right":
                    tx = block.x - text_width_mm(text, block.font, block.size)
                page.texts.append(Text(tx, block.y + i * line_h, text, block.font, block.size))
            y = max(y, block.y + len(block.lines) * line_h + 4)
        elif isinstance(block, Rect):
            page.rects.append(block)
        elif isinstance(block, Table):
            y = _table(block, pages, y, margin, (top, bottom), new_page)
        elif isinstance(block, Gap):
            y += block.mm
        elif isinstance(block, PageBreak):
            new_page()
        elif isinstance(block, Ink):
            if y + block.height > PAGE_H - bottom:
                new_page()
            x = margin + 10 + (block.seed % 40)
            pages[-1].strokes.extend(
                signature_strokes(x, y, block.width, block.height, block.seed))
            y += block.height + 1
        elif isinstance(block, Para):
            line_h = block.size * PT_TO_MM * 1.35
            for text in wrap(block.text, block.font, block.size, width - block.indent,
                             keep=block.blot):
                if y + line_h > PAGE_H - bottom:
                    new_page()
                y += line_h
                tw = text_width_mm(text, block.font, block.size)
                if block.align == "right":
                    tx = PAGE_W - margin - tw
                elif block.align == "center":
                    tx = (PAGE_W - tw) / 2
                else:
                    tx = margin + block.indent
                pages[-1].texts.append(Text(tx, y, text, block.font, block.size))
                if block.blot and block.blot in text:
                    before = text[: text.index(block.blot)]
                    bx = tx + text_width_mm(before, block.font, block.size)
                    bw = text_width_mm(block.blot, block.font, block.size)
                    pages[-1].blots.append(Blot(bx - 1, y - line_h * 0.85, bx + bw + 1,
                                                y + line_h * 0.3))
            y += line_h * 0.35
    return pages
