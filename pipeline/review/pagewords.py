"""The words of a record's pages, for a clerk to click a value instead of typing it.

Read again from the original by mailroom's own text backends (a PDF's text layer,
else Tesseract), once per file, and cached under OUT next to the page images. Each
word's box is in fractions of the upright page, the unit of the evidence boxes.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from ..ingest import sha256_of
from .pages import PageUnavailable, original

Words = list[dict[str, Any]]


class PageWords:
    def __init__(self, cache: Path, inbox: Path) -> None:
        self.cache, self.inbox = cache, inbox
        self._lock = threading.Lock()  # one reading at a time: one OCR engine, not shared
        self._ctx: Any = None

    def _context(self) -> Any:
        if self._ctx is None:
            from ..context import Context, Settings

            self._ctx = Context(Settings(workers=1, use_spacy=False))
        return self._ctx

    def page(self, source_file: str, sha256: str, number: int) -> Words:
        """The words of page ``number`` (1-based); [] when it has none or cannot be read."""
        pages = self._all(source_file, sha256)
        return pages[number - 1] if 1 <= number <= len(pages) else []

    def _all(self, source_file: str, sha256: str) -> list[Words]:
        target = self.cache / f"{sha256}-words.json"
        if target.exists():
            return json.loads(target.read_text(encoding="utf-8"))
        with self._lock:
            if target.exists():
                return json.loads(target.read_text(encoding="utf-8"))
            pages = self._read(source_file, sha256)
            self.cache.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(json.dumps(pages), encoding="utf-8")
            os.replace(tmp, target)
        return pages

    def _read(self, source_file: str, sha256: str) -> list[Words]:
        from ..text import read_document

        path = original(self.inbox, source_file)
        if sha256_of(path) != sha256:
            raise PageUnavailable("the file has changed since it was read")
        ctx = self._context()
        # the words the letter's fields were read from: handwriting read again too, or,
        # where the second reader cannot be loaded, Tesseract's alone
        seconds = [lambda: ctx.recognizer] if ctx.settings.second_reader else []
        for second in [*seconds, None]:
            try:
                doc = read_document(path, ctx.settings, lambda: ctx.ocr, None, second)
                break
            except Exception:  # noqa: BLE001 - a page whose words cannot be read has none
                continue
        else:
            return []
        pages = []
        for p in doc.pages:
            w, h = p.width or 1.0, p.height or 1.0
            pages.append([{"text": word.text, "x0": round(word.box.x0 / w, 5),
                           "y0": round(word.box.y0 / h, 5), "x1": round(word.box.x1 / w, 5),
                           "y1": round(word.box.y1 / h, 5)}
                          for line in p.lines for word in line.words])
        return pages
