"""The typed records that flow from one stage to the next.

ingest -> text -> classify -> extract -> validate -> store.  Every stage takes one
of these frozen dataclasses and returns the next; nothing here holds run-wide state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# The output contract (docs/rules.md), in the CRM export's order.
CONTRACT_COLUMNS: tuple[str, ...] = (
    "source_file",
    "sha256",
    "doc_type",
    "language",
    "customer_number",
    "contract_number",
    "subscription_date",
    "letter_date",
    "contract_type",
    "recipient",
    "company_name",
    "holder_name",
    "signatory_name",
    "status",
    "flags",
    "confidence",
    "message",
)

# The extracted fields: the contract's columns that come from reading the letter.
FIELD_NAMES: tuple[str, ...] = CONTRACT_COLUMNS[CONTRACT_COLUMNS.index("customer_number"):
                                                CONTRACT_COLUMNS.index("status")]


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, x to the right and y down.

    While a page is read, in the page's own units (PDF points or pixels of the scan).
    A field's evidence leaves ``extract`` in fractions of the upright page (0 to 1 from
    its top left corner, after any quarter turn mailroom gave it): the unit that the
    store, the exports and the review station share, whatever the dpi or the engine.
    """

    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )


@dataclass(frozen=True)
class Word:
    """One word as a text backend saw it; ``conf`` is 0..1 (1 for a text layer)."""

    text: str
    box: Box
    conf: float


@dataclass(frozen=True)
class Line:
    """Words on one visual line, left to right."""

    words: tuple[Word, ...]

    # both asked for again and again by the layout and the readers: computed once
    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def box(self) -> Box:
        return Box(min(w.box.x0 for w in self.words), min(w.box.y0 for w in self.words),
                   max(w.box.x1 for w in self.words), max(w.box.y1 for w in self.words))


def split_columns(words: list[Word], gap_factor: float = 3.0) -> list[tuple[Word, ...]]:
    """Cuts a row of words where a wide gap shows two columns side by side."""
    words = sorted(words, key=lambda w: w.box.x0)
    height = max((w.box.y1 - w.box.y0) for w in words) if words else 0
    segments: list[list[Word]] = []
    for w in words:
        if segments and w.box.x0 - segments[-1][-1].box.x1 > gap_factor * height:
            segments.append([w])
        elif segments:
            segments[-1].append(w)
        else:
            segments.append([w])
    return [tuple(seg) for seg in segments]


@dataclass(frozen=True)
class Page:
    """A page's text as lines of words, with where it came from."""

    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]
    engine: str  # "text_layer" or "tesseract"
    # Boxes of dark marks that are not text: candidate handwritten signatures.
    ink_marks: tuple[Box, ...] = ()
    # Filled dark patches the size of a word or a line: blots or stains hiding text.
    stains: tuple[Box, ...] = ()
    rotated: int = 0  # degrees the page was turned to be upright
    seconds: float = 0.0
    # Tesseract's mean word confidence on a page whose lines a second reader read
    # again (text/recognizer.py): what OCR made of the page, whatever it mended
    first_confidence: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class DocumentText:
    """All pages of one file."""

    pages: tuple[Page, ...]
    total_pages: int = 0  # pages in the file, when more than were read

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def unread_pages(self) -> int:
        return max(0, self.total_pages - len(self.pages))

    @property
    def engine(self) -> str:
        engines = {p.engine for p in self.pages}
        return engines.pop() if len(engines) == 1 else "mixed"


@dataclass(frozen=True)
class Classification:
    doc_type: str  # termination_letter | invoice | other
    language: str  # fr | pl | en | ""
    porting: bool = False  # asks to port a number (RIO)
    scores: tuple[tuple[str, float], ...] = ()
    # might be a termination letter but is not clearly one (or cannot be read well
    # enough to tell): a clerk decides
    uncertain: bool = False


@dataclass(frozen=True)
class Evidence:
    """Where a field's value was read."""

    page: int
    box: Box | None
    confidence: float
    text: str


@dataclass(frozen=True)
class FieldValue:
    name: str
    value: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Extraction:
    """What the extractors found in one document."""

    fields: tuple[FieldValue, ...]
    signed: bool = False
    on_behalf: bool = False  # signed "p.o." / "on behalf of" someone else
    # Fields whose label was found but whose value could not be read with confidence.
    unreadable: tuple[str, ...] = ()
    # A subscription date that was written but cannot exist (31/02/2020).
    impossible_subscription_date: str = ""
    # Every code-shaped string of the document (letters, digits, a few separators),
    # for the CRM to find a contract number that no label or word gave (matching.py).
    codes: tuple[str, ...] = ()
    # Other values the reference numbers were read as: each reading of their zone of
    # the page that differs from the value taken, and the page's own reading where the
    # zone corrected it (text/zones.py, extract/numbers.py); the CRM may know one of
    # them (matching.py).
    second: tuple[FieldValue, ...] = ()

    def get(self, name: str) -> str:
        for f in self.fields:
            if f.name == name:
                return f.value
        return ""


@dataclass(frozen=True)
class Analysis:
    """What reading one file gave, before any rule is applied."""

    source_file: str
    sha256: str
    kind: Classification | None = None
    ext: Extraction | None = None
    error: str = ""
    note: str = ""  # said in the record's message (pages beyond the cap, not read)
    pages: int = 0
    engine: str = ""
    seconds: float = 0.0
    confidence: float = 0.0
    # degrees each page read was turned counter-clockwise to be upright (0, 90, 180,
    # 270), as PIL's Image.rotate(degrees, expand=True) turns it
    page_turns: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A business-rule failure: a flag code and its message in plain words."""

    code: str
    message: str


@dataclass(frozen=True)
class Record:
    """One file's outcome: the output contract plus the evidence behind it."""

    source_file: str
    sha256: str
    doc_type: str
    language: str = ""
    values: dict[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    status: str = "ok"
    confidence: float = 0.0
    message: str = ""
    evidence: tuple[FieldValue, ...] = ()
    pages: int = 0
    engine: str = ""
    seconds: float = 0.0
    # what the CRM's master data says of a letter (matching.CrmMatch.as_dict), when
    # mailroom was given an extract: kept so that a clerk sees it beside the letter's
    crm: dict[str, Any] | None = None
