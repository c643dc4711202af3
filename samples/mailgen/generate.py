"""Writes N synthetic files and their truth.csv, deterministically for a seed."""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import content, invoices, mail, othermail
from .content import DEFECTS, LetterSpec
from .layout import layout
from .letters import LETTER_KINDS, apply_kind, write_letter
from .masterdata import write_master_data
from .render import DIFFICULTY, degrade, photograph, save_scan, to_image, to_pdf

TRUTH_COLUMNS = ("source_file", "doc_type", "language", "customer_number", "contract_number",
                 "subscription_date", "letter_date", "contract_type", "recipient",
                 "company_name", "holder_name", "signatory_name", "status", "flags")
BROKEN_KINDS = ("empty", "truncated_pdf", "text_as_jpg", "encrypted_pdf")
# The kinds of issue #9, and the share of each type of mail drawn from them (scan, hard).
NEW_KINDS: dict[str, tuple[str, ...]] = {"letter": LETTER_KINDS, "invoice": invoices.INVOICE_KINDS,
                                         "other": othermail.OTHER_KINDS}
NEW_SHARE = {"letter": 0.38, "invoice": 0.35, "other": 0.40}
PHOTOGRAPHED = ("note", "email", "handwritten")


@dataclass
class Generated:
    """One written file: its truth row, and the letter's spec where it is a letter."""

    truth: dict[str, str]
    spec: LetterSpec | None = None
    rendering: str = ""  # born_digital | scan:<fmt> | broken:<kind> | copy
    kind: str = ""  # one of NEW_KINDS, or "" for the original kinds


def plan_kinds(n: int, rng: random.Random) -> list[str]:
    """About 55% letters, 25% invoices, 15% other mail, 5% broken files."""
    broken = max(1, round(n * 0.05)) if n >= 4 else 0
    invoices = round(n * 0.25)
    other = round(n * 0.15)
    kinds = ["broken"] * broken + ["invoice"] * invoices + ["other"] * other
    kinds += ["letter"] * (n - len(kinds))
    rng.shuffle(kinds)
    return kinds


def plan_defects(count: int, rng: random.Random) -> list[str]:
    """45% sound letters; the rest cycle through every defect so each one occurs."""
    sound = round(count * 0.45)
    defects = [d for d in DEFECTS if d != "none"]
    cycle: list[str] = []
    while len(cycle) < count - sound:
        batch = defects[:]
        rng.shuffle(batch)
        cycle.extend(batch)
    plan = ["none"] * sound + cycle[: count - sound]
    rng.shuffle(plan)
    return plan


def plan_new_kinds(kinds: list[str], difficulty: str, seed: int) -> list[str]:
    """Which files are of the kinds of issue #9 ("" for the original kinds): none when
    clean; in scan and hard about a third of the files.  Each type cycles through all
    its kinds, so that a set of a few dozen files holds every one.  A stream of its own
    keeps the files of the original kinds what they were for the same seed."""
    rng = random.Random(f"mailgen-new-kinds-{seed}")
    queues: dict[str, list[str]] = {k: [] for k in NEW_KINDS}
    plan = []
    for kind in kinds:
        pool = NEW_KINDS.get(kind, ())
        if difficulty == "clean" or not pool or rng.random() >= NEW_SHARE[kind]:
            plan.append("")
            continue
        if not queues[kind]:
            queues[kind] = list(pool)
            rng.shuffle(queues[kind])
        plan.append(queues[kind].pop())
    return plan


def _row(name: str, values: dict[str, str]) -> dict[str, str]:
    row = {c: "" for c in TRUTH_COLUMNS}
    row.update(values)
    row["source_file"] = name
    return row


def _render(blocks: list, path_stem: Path, rng: random.Random, difficulty: str,
            born_digital: bool, photo: bool = False) -> tuple[Path, str]:
    pages = layout(blocks, margin=rng.uniform(18, 26))
    wanted = sum(1 for b in blocks if getattr(b, "blot", ""))
    if wanted and not any(p.blots for p in pages):
        raise AssertionError(f"{path_stem.name}: the ink blot its truth promises was not drawn")
    if born_digital:
        path = path_stem.with_suffix(".pdf")
        to_pdf(pages, path)
        return path, "born_digital"
    if photo and len(pages) == 1:
        path = path_stem.with_suffix(".jpg")
        image = photograph(to_image(pages[0], 200), difficulty, rng)
        image.save(path, "JPEG", quality=rng.randint(70, 90), dpi=(72, 72))
        return path, "photo:jpg"
    if len(pages) > 1:
        fmt = rng.choice(["pdf", "pdf", "tiff"])
    else:
        fmt = rng.choices(["pdf", "jpg", "png", "tiff"], weights=[35, 30, 15, 20])[0]
    d = DIFFICULTY[difficulty]
    # most office scanners are set to 200 dpi; some to 300
    dpi = rng.choice([dpi for dpi in (200, 200, 240, 300) if d.dpi[0] <= dpi <= d.dpi[1]])
    quality = rng.randint(*d.jpeg)
    images = [degrade(to_image(p, dpi), difficulty, rng, dpi) for p in pages]
    path = path_stem.with_suffix(".tif" if fmt == "tiff" else f".{fmt}")
    save_scan(images, path, fmt, dpi, quality)
    return path, f"scan:{fmt}"


def _broken(kind: str, stem: Path, rng: random.Random, seed: int) -> Path:
    if kind == "empty":
        path = stem.with_suffix(".pdf")
        path.write_bytes(b"")
    elif kind == "text_as_jpg":
        path = stem.with_suffix(".jpg")
        path.write_text("Ceci n'est pas une image.\nScan annulé par l'opérateur.\n")
    else:
        spec = content.draw_letter(rng, seed, "none")
        path = stem.with_suffix(".pdf")
        pages = layout(content.letter_blocks(spec, rng))
        if kind == "truncated_pdf":
            to_pdf(pages, path)
            data = path.read_bytes()
            path.write_bytes(data[: len(data) * 2 // 5])
        else:
            to_pdf(pages, path, password="secret")
    return path


def generate(out: Path, n: int, seed: int, difficulty: str = "scan",
             progress: Callable[[int], None] | None = None) -> list[Generated]:
    """Writes ``n`` files, ``truth.csv``, the CRM's extract ``crm.csv`` and the truth
    with it ``truth-crm.csv`` into ``out``; returns what was written."""
    if difficulty not in DIFFICULTY:
        raise ValueError(f"difficulty must be one of {', '.join(DIFFICULTY)}")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = plan_kinds(n, rng)
    defects = iter(plan_defects(kinds.count("letter"), rng))
    new_kinds = plan_new_kinds(kinds, difficulty, seed)
    written: list[Generated] = []
    letters: list[Generated] = []
    broken_cycle = 0
    for i, kind in enumerate(kinds):
        doc_seed = seed * 100003 + i
        drng = random.Random(doc_seed)
        stem = out / f"mail_{i + 1:04d}"
        born_digital = drng.random() < 0.15
        if kind == "letter":
            defect = next(defects)
            originals = [g for g in letters if g.spec and g.spec.customer and g.spec.contract
                         and not g.spec.smudge and "duplicate" not in g.truth["flags"]]
            if originals and defect == "none" and drng.random() < 0.08:
                first = drng.choice(originals)
                gen = _duplicate(first, stem, drng, difficulty)
            else:
                spec = content.draw_letter(drng, doc_seed, defect)
                if new_kinds[i]:
                    apply_kind(spec, new_kinds[i], drng, doc_seed)
                blocks = write_letter(spec, drng)
                # notes and printed e-mails are often photographed with a phone
                photo = spec.style in PHOTOGRAPHED and drng.random() < 0.4
                path, how = _render(blocks, stem, drng, difficulty, born_digital
                                    and not spec.smudge and spec.style != "handwritten",
                                    photo)
                gen = Generated(_row(path.name, content.letter_truth(spec)), spec, how,
                                new_kinds[i])
            letters.append(gen)
        elif kind == "invoice":
            # some customers have both an invoice and a letter in the set
            known = [g.spec for g in letters if g.spec and len(g.spec.customer) == 9]
            if new_kinds[i]:
                owner = drng.choice(known) if known and drng.random() < 0.4 else None
                blocks, truth = invoices.invoice(new_kinds[i], drng, doc_seed, owner)
            else:
                blocks, truth = mail.invoice(drng, doc_seed)
                if known and drng.random() < 0.4:
                    blocks = _reuse_customer(blocks, truth, drng.choice(known))
            path, how = _render(blocks, stem, drng, difficulty, born_digital)
            gen = Generated(_row(path.name, truth), None, how, new_kinds[i])
        elif kind == "other":
            if new_kinds[i]:
                blocks, truth = othermail.other_mail(new_kinds[i], drng, doc_seed)
            else:
                blocks, truth = mail.other_mail(drng, doc_seed)
            path, how = _render(blocks, stem, drng, difficulty, born_digital)
            gen = Generated(_row(path.name, truth), None, how, new_kinds[i])
        else:
            bkind = BROKEN_KINDS[broken_cycle % len(BROKEN_KINDS)]
            broken_cycle += 1
            path = _broken(bkind, stem, drng, doc_seed)
            gen = Generated(_row(path.name, {"doc_type": "error", "status": "error",
                                             "flags": "unreadable_file"}), None,
                            f"broken:{bkind}")
        written.append(gen)
        if progress:
            progress(1)
    write_truth(out / "truth.csv", [g.truth for g in written])
    write_master_data(out, written, seed, TRUTH_COLUMNS)
    return written


def _duplicate(first: Generated, stem: Path, rng: random.Random, difficulty: str) -> Generated:
    """The same letter again: the same bytes under a new name, or scanned a second time."""
    assert first.spec is not None
    flags = sorted([f for f in first.truth["flags"].split(";") if f] + ["duplicate"])
    truth = dict(first.truth, flags=";".join(flags), status="flagged")
    src = stem.parent / first.truth["source_file"]
    if rng.random() < 0.4:
        path = stem.with_suffix(src.suffix)
        shutil.copyfile(src, path)
        how = "copy"
    else:
        blocks = write_letter(first.spec, random.Random(rng.random()))
        path, how = _render(blocks, stem, rng, difficulty, False)
    return Generated(_row(path.name, truth), first.spec, how, first.kind)


def _reuse_customer(blocks: list, truth: dict[str, str], spec: LetterSpec) -> list:
    """Rewrites an invoice so that it belongs to a letter's holder."""
    old_customer, old_holder = truth["customer_number"], truth["holder_name"]
    old_company, new_company = truth["company_name"], spec.company or truth["company_name"]
    new_customer = spec.customer
    for block in blocks:
        lines = getattr(block, "lines", None)
        if lines is not None:
            block.lines = [_swap(line, old_customer, new_customer, old_holder, spec.holder.name)
                           .replace(old_company, new_company) for line in lines]
    truth["customer_number"] = new_customer
    truth["holder_name"] = spec.holder.name
    truth["company_name"] = new_company
    return blocks


def _swap(line: str, old_c: str, new_c: str, old_h: str, new_h: str) -> str:
    digits = "".join(ch for ch in line if ch.isdigit())
    if old_c in digits:
        label = line.split(":")[0]
        line = f"{label}: {new_c[:3]} {new_c[3:6]} {new_c[6:]}"
    return line.replace(old_h.upper(), new_h.upper()).replace(old_h, new_h)


def write_truth(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=TRUTH_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def letter_pages(out: Path, n: int, seed: int, *, born_digital: bool,
                 difficulty: str = "scan") -> list[Path]:
    """``n`` one-page letters for benchmarks: text-layer PDFs, or scans as grayscale PNG
    (a format any OCR command reads, so the same images go to every engine)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(seed * 7919 + i)
        spec = content.draw_letter(rng, seed * 7919 + i, "none")
        spec.pages = 1
        pages = layout(content.letter_blocks(spec, rng))[:1]
        stem = out / f"letter_{i + 1:04d}"
        if born_digital:
            to_pdf(pages, stem.with_suffix(".pdf"))
            paths.append(stem.with_suffix(".pdf"))
        else:
            dpi = 300
            image = degrade(to_image(pages[0], dpi), difficulty, rng, dpi)
            image.save(stem.with_suffix(".png"), "PNG", compress_level=1)
            paths.append(stem.with_suffix(".png"))
    return paths
