"""The story of a letter: ingest -> text -> layout -> classify -> extract -> validate -> store.

Reading (the slow part: OCR) runs per file in supervised worker processes, or on
a Dask cluster; each analysis is stored as soon as it is read. Deciding
(duplicates, the holder known from an invoice, the CRM's master data, the flags)
and the exports run in this process, in file order, so the outcome does not depend
on which worker finished first, and the CRM's extract is loaded once, here: no
worker ever loads it.
"""

from __future__ import annotations

import logging
import statistics
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .classify import classify
from .context import Context, Settings
from .errors import EnvironmentProblem, UnreadableFile
from .export import write_csv, write_jsonl
from .extract import extract
from .extract.common import bare
from .ingest import Entry, list_inbox, sha256_of
from .layout import build_layout
from .matching import distance, match_letter
from .records import Analysis, Finding, Record
from .report import write_report
from .store import Store
from .text import read_document
from .text.ocr import PageImage
from .text.zones import Zones
from .validate import Facts, finding, status, validate
from .workers import Supervisor

if TYPE_CHECKING:
    from .crm import Crm


@dataclass(frozen=True)
class Summary:
    files: int
    ok: int
    flagged: int
    errors: int
    seconds: float
    # median seconds per page, by how pages were read: "scanned", "born-digital"
    per_page: dict[str, float] = field(default_factory=dict)
    reused: int = 0  # files already in the store with the same bytes: not read again

    def line(self) -> str:
        pages = ", ".join((f"{v:.2f} s" if v >= 0.1 else f"{v * 1000:.0f} ms") + f" {k}"
                          for k, v in self.per_page.items())
        known = f", {self.reused} already in the store" if self.reused else ""
        return (f"{self.files} files: {self.ok} ok, {self.flagged} flagged, {self.errors} errors "
                f"in {self.seconds:.1f} s{known}"
                + (f" (median per page: {pages})" if pages else ""))


def per_page_medians(analyses: list[Analysis]) -> dict[str, float]:
    """Median reading time per page of scanned and of born-digital files."""
    kinds = {"tesseract": "scanned", "text_layer": "born-digital"}
    out = {}
    for engine, label in kinds.items():
        times = [a.seconds / a.pages for a in analyses if a.engine == engine and a.pages]
        if times:
            out[label] = statistics.median(times)
    return out


def analyse(entry: Entry, sha: str, ctx: Context) -> Analysis:
    """Reads, classifies and extracts one file; an unreadable file is an error Analysis."""
    started = time.perf_counter()
    source, path = entry.source, entry.path
    if entry.kind != "file":
        return Analysis(source, sha, error=entry.skip_reason)
    try:
        # a second look with the tesseract command would start it again for each zone
        # (0.4 s): it is taken with the engine kept loaded (pixels kept for nothing
        # where "auto" finds no tesserocr: a document's first pages, while it is read)
        images: dict[int, PageImage] | None = {} if ctx.settings.ocr != "pytesseract" else None
        second = (lambda: ctx.recognizer) if ctx.settings.second_reader else None
        doc = read_document(path, ctx.settings, lambda: ctx.ocr, images, second)
        zones = Zones(images, ctx.ocr, ctx.settings.ocr_timeout) \
            if images and ctx.ocr.name == "tesserocr" else None
        layout = build_layout(doc, zones)
        kind = classify(layout, ctx.lexicon)
        nlp = (lambda: ctx.nlp) if ctx.settings.use_spacy else None  # loaded when needed
        ext = extract(layout, kind, ctx.lexicon, nlp=nlp,
                      min_confidence=ctx.settings.min_field_confidence)
    except UnreadableFile as exc:
        return Analysis(source, sha, error=str(exc), seconds=time.perf_counter() - started)
    except EnvironmentProblem:
        raise
    except Exception as exc:  # a parser's own bug must cost one record, not the batch
        seconds = time.perf_counter() - started
        # C libraries (OpenCV) report the memory cap in their own words
        if isinstance(exc, MemoryError) or "Insufficient memory" in str(exc):
            return Analysis(source, sha, seconds=seconds,
                            error=f"reading this file needed more than the memory cap "
                                  f"({ctx.settings.max_memory_mb} MB): it may be malformed")
        return Analysis(source, sha, seconds=seconds,
                        error=f"mailroom failed on this file ({type(exc).__name__}: {exc}); "
                              "it was kept for a clerk, please report it")
    confs = [f.evidence.confidence for f in ext.fields if f.evidence]
    note = (f"read the first {len(doc.pages)} of {doc.total_pages} pages; the other "
            f"{doc.unread_pages} were not read") if doc.unread_pages else ""
    return Analysis(source, sha, kind, ext, note=note, pages=len(doc.pages), engine=doc.engine,
                    seconds=time.perf_counter() - started,
                    confidence=min(confs) if confs else 0.0,
                    page_turns=tuple(p.rotated for p in doc.pages))


def make_reader(settings: Settings) -> Callable[[tuple[Entry, str]], Analysis]:
    """Runs once in each worker: one context (and at most one spaCy model) per worker."""
    # a damaged file is reported in its record; the parsers' own warnings are noise
    warnings.filterwarnings("ignore", module="PIL")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    ctx = Context(settings)
    return lambda item: analyse(item[0], item[1], ctx)


def failed_analysis(item: tuple[Entry, str], reason: str) -> Analysis:
    return Analysis(item[0].source, item[1], error=reason)


def analyse_all(todo: Iterable[tuple[Entry, str]], ctx: Context) -> Iterator[Analysis]:
    """Each file read in a supervised worker, under a timeout and a memory cap, or by a
    Dask cluster's workers when a scheduler is given."""
    settings = ctx.settings
    if settings.scheduler:
        from .cluster import analyse_on_cluster

        yield from analyse_on_cluster(list(todo), settings)
        return
    pool = Supervisor(settings.workers, partial(make_reader, settings), failed_analysis,
                      timeout=settings.doc_timeout, memory_mb=settings.max_memory_mb)
    yield from pool.run(todo)


def _fingerprint(entry: Entry) -> tuple[str, str]:
    """(sha256, error) of an inbox entry; only regular files are hashed."""
    if entry.kind != "file":
        return "", ""
    try:
        return sha256_of(entry.path), ""
    except OSError as exc:
        return "", f"the file cannot be opened ({exc.strerror})"


def _same_letter(store: Store, values: dict[str, str], source: str) -> str:
    """The first letter received before with the same customer, contract and letter
    date.  A second scan of a letter is read a little differently: a contract number
    one look-alike character away is the same when the subscription dates agree (two
    contracts of one customer may be numbered in sequence: 5 and 6 look alike), or
    when one of them was not read and the look-alikes are a letter and a digit (B/8:
    no numbering in sequence makes those)."""
    contract, since = values["contract_number"], values.get("subscription_date", "")
    for first, theirs, their_since in store.letters_like(values["customer_number"],
                                                         values["letter_date"], source):
        if not theirs:
            continue
        d = distance(contract, theirs)
        if d == 0 or (d == 1 and since and since == their_since) or (
                d == 1 and not (since and their_since) and _letter_for_digit(contract, theirs)):
            return first
    return ""


def _letter_for_digit(a: str, b: str) -> bool:
    """Whether two contract numbers differ by one character only, a letter in one where
    the other has a digit."""
    a, b = bare(a).upper(), bare(b).upper()
    slips = [(x, y) for x, y in zip(a, b, strict=True) if x != y] if len(a) == len(b) else []
    return len(slips) == 1 and slips[0][0].isdigit() != slips[0][1].isdigit()


def decide(a: Analysis, store: Store, crm: Crm | None = None) -> Record:
    """Applies the rules (and what the store and the CRM know) to one analysed file."""
    if a.kind is None or a.ext is None:
        return Record(a.source_file, a.sha256, "error",
                      findings=(finding("unreadable_file", reason=a.error),), status="error",
                      message=a.error, seconds=a.seconds)
    ext, match = a.ext, None
    is_letter = a.kind.doc_type == "termination_letter"
    if crm is not None:
        ext, match = match_letter(a.ext, crm, a.kind.doc_type)  # slips settled first
        if not is_letter:
            match = None  # an invoice's or other mail's values settled, no rule applied
    values = {f.name: f.value for f in ext.fields}
    findings: list[Finding] = []
    first = store.first_with_sha(a.sha256, a.source_file)
    if not first and is_letter and values.get("customer_number") \
            and values.get("contract_number") and values.get("letter_date"):
        first = _same_letter(store, values, a.source_file)
    reference = company = ""
    if match is not None and match.customer is not None:
        reference, company = match.customer.holder_name, match.customer.company_name
    if is_letter and not reference and values.get("customer_number"):
        reference = store.invoice_holder(values["customer_number"])
    findings.extend(validate(Facts(a.kind, ext, reference, company, match)))
    message = a.note
    if first:
        findings.append(finding("duplicate", first=first))
        message = "; ".join(m for m in (f"duplicate of {first}", a.note) if m)
    found = tuple(findings)
    confidence = a.confidence
    if ext is not a.ext:
        confidence = min((f.evidence.confidence for f in ext.fields if f.evidence), default=0.0)
    return Record(a.source_file, a.sha256, a.kind.doc_type, a.kind.language, values, found,
                  status(found), confidence, message, ext.fields, a.pages, a.engine,
                  a.seconds, match.as_dict() if match is not None else None)


def process_inbox(inbox: Path, out: Path, ctx: Context, *, db: Path | None = None,
                  ignore: tuple[str, ...] = (),
                  progress: Callable[[int], None] | None = None) -> Summary:
    """Reads every file of the inbox into the store, then writes the exports.

    A file already in the store with the same bytes (SHA-256) is not read again; a
    changed file is.
    """
    started = time.perf_counter()
    entries = list_inbox(inbox, ignore)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(db or out / "mailroom.sqlite")
    store.remember("inbox", str(inbox.resolve()))  # where the review station finds originals

    def step() -> None:
        if progress:
            progress(1)

    fresh: list[Analysis] = []

    def todo() -> Iterator[tuple[Entry, str]]:
        """The files to read, hashed one by one as the workers ask for them."""
        for entry in entries:
            sha, error = _fingerprint(entry)
            if error:
                fresh.append(Analysis(entry.source, sha, error=error))
                store.save_analysis(fresh[-1])
                step()
            elif entry.kind == "file" and store.known(entry.source, sha):
                step()  # read in an earlier run, or before a crash: not read again
            else:
                yield entry, sha

    try:
        for a in analyse_all(todo(), ctx):
            store.save_analysis(a)  # committed at once: a crash loses no finished file
            fresh.append(a)
            step()
        analyses = store.analyses([e.source for e in entries])
        # invoices first: a letter's holder is checked against its customer's invoice
        ordered = sorted(analyses, key=lambda a: (a.kind is None or
                                                  a.kind.doc_type == "termination_letter",
                                                  a.source_file))
        for a in ordered:
            store.save(decide(a, store, ctx.crm))
        write_csv(store, out / "records.csv")
        write_jsonl(store, out / "records.jsonl")
        write_report(store, out / "report.html")
        counts = store.statuses([e.source for e in entries])
    finally:
        store.close()
    return Summary(len(entries), counts.get("ok", 0), counts.get("flagged", 0),
                   counts.get("error", 0), time.perf_counter() - started,
                   per_page_medians(fresh), reused=len(entries) - len(fresh))
