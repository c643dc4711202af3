"""Page images: loading them, and making them fit for OCR.

Cleaning follows what was measured on this project's scans: a noisy page can make
Tesseract both slow and blind, while a Gaussian blur and an Otsu threshold first
cost a few hundredths of a second and bring it back.  Orientation and skew are
found on a small copy of the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps

from ..errors import UnreadableFile

A4_LONG_INCH = 11.69
# one thread per worker process, as for Tesseract: the workers are the parallelism.
# OpenCV's own threads sped one worker up by 7% and slowed two workers down by 12% a
# page on 2 cores (oversubscribed)
cv2.setNumThreads(1)
Image.MAX_IMAGE_PIXELS = 120_000_000  # a bomb raises instead of eating the memory


def open_image(path: Path, kind: str) -> tuple[Image.Image, int]:
    """The image and its number of pages (frames)."""
    try:
        img = Image.open(path)
        return img, getattr(img, "n_frames", 1)
    except MemoryError:  # the worker's memory cap: the orchestrator says so
        raise
    except Exception as exc:  # Pillow raises many types on bad files
        raise UnreadableFile(f"the {kind.upper()} image cannot be opened ({exc})") from exc


def load_images(img: Image.Image, n: int, kind: str, settings) -> Iterator[Image.Image]:  # noqa: ANN001
    """Each page of a TIFF, PNG or JPEG file as a grayscale image."""
    for i in range(min(n, settings.max_pages)):
        try:
            img.seek(i)
            img.load()
            page = ImageOps.exif_transpose(img) if kind == "jpeg" else img
            yield to_gray(page)
        except MemoryError:  # the worker's memory cap: the orchestrator says so
            raise
        except Exception as exc:
            raise UnreadableFile(
                f"page {i + 1} of the {kind.upper()} image is damaged ({exc})") from exc


def to_gray(img: Image.Image) -> Image.Image:
    """8-bit grayscale whatever the mode (bilevel, 16-bit, CMYK, alpha)."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        background = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, img.convert("RGBA"))
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        a = np.asarray(img, dtype=np.float64)
        top = a.max() or 1.0
        return Image.fromarray((a * 255.0 / top).astype(np.uint8))
    return img.convert("L")


def estimate_dpi(gray: np.ndarray) -> float:
    """Resolution guessed from the page's size, taking it to be A4."""
    return max(gray.shape) / A4_LONG_INCH


def noise_level(gray: np.ndarray) -> float:
    """How grainy the page is: the spread of the difference to a median-filtered copy."""
    small = gray[:: 2, :: 2]
    diff = small.astype(np.int16) - cv2.medianBlur(small, 3).astype(np.int16)
    return float(np.median(np.abs(diff)) * 1.4826)


def speckle(gray: np.ndarray) -> float:
    """On a black-and-white scan, the share of pixels a 3x3 median filter would change."""
    small = gray[::2, ::2]
    return float(np.mean(small != cv2.medianBlur(small, 3)))


def is_bilevel(gray: np.ndarray) -> bool:
    return len(np.unique(gray[::7, ::7])) <= 2


def binarize(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Clean what is grainy, then an Otsu threshold: black text on white, uint8.

    A black-and-white scan full of specks gets a 3x3 median first (it removes lone
    specks and keeps strokes), a grayscale one with sensor noise a Gaussian blur.
    """
    if is_bilevel(gray):
        if speckle(gray) > 0.02:
            gray = cv2.GaussianBlur(cv2.medianBlur(gray, 3), (5, 5), 0)
    else:
        noise = noise_level(gray)
        if noise > 3:
            k = 5 if dpi >= 250 or noise > 6 else 3
            gray = cv2.GaussianBlur(gray, (k, k), 0)
    # uneven lighting: divide by a blurred background before thresholding
    background = cv2.medianBlur(cv2.resize(gray, None, fx=0.125, fy=0.125), 21)
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]))
    flat = cv2.divide(gray, background, scale=255)
    otsu, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, bw = cv2.threshold(flat, min(otsu, paper_floor(flat)), 255, cv2.THRESH_BINARY)
    return bw


def erase_rules(bw: np.ndarray, dpi: float) -> np.ndarray:
    """The page with its ruled lines whited out: table borders, form fields, underlines.

    Tesseract's layout analysis takes a ruled table for a picture and drops the text
    inside it.  A line is ink longer than 15 mm across (7 mm up) and one stroke thick
    the other way; no letter is that long, so text keeps every pixel.
    """
    # looked for at half the resolution: a quarter of the work, and a rule stays a rule
    ink = cv2.resize(cv2.bitwise_not(bw), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(ink, 100, 255, cv2.THRESH_BINARY)
    mm = dpi / 25.4 / 2
    across, up = max(1, int(15 * mm)), max(1, int(7 * mm))  # a table's row: no letter is as tall
    rules = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                         cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, up))))
    if not cv2.countNonZero(rules):
        return bw
    rules = cv2.resize(cv2.dilate(rules, np.ones((3, 3), np.uint8), iterations=2),
                       (bw.shape[1], bw.shape[0]),
                       interpolation=cv2.INTER_NEAREST)
    return cv2.bitwise_or(bw, rules)


def paper_floor(flat: np.ndarray) -> float:
    """The darkest a flattened page's bare paper gets from its own grain (4 sigma).

    On a page with little text (a second page holding only the closing and the
    signature) Otsu's threshold can fall inside the grain: the paper turned into
    specks that took Tesseract 13 to 30 s and hid the few lines.  Flattened paper
    sits at 255 with half its pixels clipped there, so its spread shows in the lower
    quartile.  Never below 128, so that a page with large dark areas keeps Otsu's.
    """
    sigma = (255 - float(np.percentile(flat[::4, ::4], 25))) / 0.674
    return max(255 - 4 * sigma, 128.0)


def _profile_score(ink: np.ndarray) -> float:
    """How sharply the row sums alternate: high when text lines are horizontal."""
    rows = ink.sum(axis=1).astype(np.float64)
    return float(np.var(np.diff(rows)))


def _elongated(ink: np.ndarray, kernel: tuple[int, int]) -> int:
    """How many blobs come out long in the kernel's direction once it smears the ink."""
    smeared = cv2.dilate(ink, np.ones(kernel, np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    if kernel[1] > kernel[0]:  # horizontal smear: lines of text become wide blobs
        return int(np.sum((w > 4 * h) & (w > 20)))
    return int(np.sum((h > 4 * w) & (h > 20)))


def is_sideways(bw: np.ndarray) -> bool:
    """True when the text lines run up and down (a page turned 90 or 270 degrees)."""
    small = cv2.resize(bw, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 200).astype(np.uint8)
    return _elongated(ink, (5, 1)) > 1.5 * max(1, _elongated(ink, (1, 5)))


def skew_angle(bw: np.ndarray, limit: float = 4.0, step: float = 0.2) -> float:
    """The small rotation that makes text lines horizontal (projection profiles)."""
    small = cv2.resize(bw, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (255 - small).astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)
    best, best_angle = -1.0, 0.0
    for angle in np.arange(-limit, limit + step / 2, step):
        m = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        score = _profile_score(turned)
        if score > best:
            best, best_angle = score, float(angle)
    return best_angle


def rotate(bw: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.05:
        return bw
    h, w = bw.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(bw, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def turn(bw: np.ndarray, degrees: int) -> np.ndarray:
    """Quarter turns, counter-clockwise."""
    return np.ascontiguousarray(np.rot90(bw, k=(degrees // 90) % 4))
