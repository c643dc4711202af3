"""Run-wide things: settings, the lexicon, the spaCy model.  Never in module globals."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .lexicon import Lexicon

if TYPE_CHECKING:
    from .crm import Crm
    from .text.engines import OcrEngine
    from .text.recognizer import LineRecognizer


@dataclass(frozen=True)
class Settings:
    languages: str = "fra+eng+pol"  # Tesseract's language data, in order of preference
    ocr: str = "auto"  # Tesseract's binding: tesserocr where installed, else pytesseract
    ocr_timeout: int = 120  # seconds per page before OCR gives up on it
    doc_timeout: float = 600  # seconds per file before its worker is stopped
    max_memory_mb: int = 2048  # address space a worker may add to read one file
    max_pages: int = 50  # pages read per file; the rest are recorded as not read
    max_pixels: int = 60_000_000  # a page larger than this is refused, not rasterised
    min_field_confidence: float = 0.45  # below this, a deciding field is not trusted
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    use_spacy: bool = True
    second_reader: bool = True  # read poorly read pages' lines again (text/recognizer.py)
    scheduler: str = ""  # a Dask scheduler's address: read the files on its cluster


class Context:
    """What one run shares across documents: settings, lexicon, the loaded models, and
    the CRM's extract (in the main process only: workers never load it)."""

    def __init__(self, settings: Settings | None = None, lexicon: Lexicon | None = None,
                 crm: Crm | None = None) -> None:
        self.settings = settings or Settings()
        self.lexicon = lexicon or Lexicon.load()
        self.crm = crm

    @cached_property
    def ocr(self) -> OcrEngine:
        """The OCR engine, loaded on first use: a born-digital inbox needs none."""
        from .text.engines import open_engine

        return open_engine(self.settings.ocr, self.settings.languages)

    @cached_property
    def recognizer(self) -> LineRecognizer:
        """The second reader of poorly read pages, loaded on the first such page."""
        from .text.recognizer import LineRecognizer

        return LineRecognizer()

    @cached_property
    def nlp(self) -> Any:
        """spaCy's small French model, loaded on first use (about 3 s), NER only."""
        import spacy

        return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer",
                                                      "morphologizer", "attribute_ruler"])
