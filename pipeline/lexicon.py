"""Loads models/lexicon.json: labels, keywords and month names as compiled patterns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .normalise import fold

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "models" / "lexicon.json"
FLAGS = re.IGNORECASE | re.MULTILINE


def _loose(pattern: str) -> str:
    """A pattern as OCR text needs it: no accents, and specks allowed between words
    ("Abonné. depuis le", "Référence du-contrat")."""
    return fold(pattern).replace(r"\s+", r"[\s.,'’`\-]+")


@dataclass(frozen=True)
class Lexicon:
    data: dict

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Lexicon:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def _any(self, patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{_loose(p)})" for p in patterns), FLAGS)

    def label(self, field: str) -> re.Pattern[str]:
        return self._labels[field]

    @cached_property
    def _labels(self) -> dict[str, re.Pattern[str]]:
        # patterns with named groups are used one by one (label_list), not joined
        return {k: self._any(v) for k, v in self.data["labels"].items()
                if not any("(?P<" in p for p in v)}

    def label_list(self, field: str) -> list[re.Pattern[str]]:
        """Each pattern on its own (for patterns with named groups)."""
        return [re.compile(_loose(p), FLAGS) for p in self.data["labels"][field]]

    @cached_property
    def doc_keywords(self) -> dict[str, re.Pattern[str]]:
        return {k: self._any(v) for k, v in self.data["doc_types"].items()}

    @cached_property
    def contract_types(self) -> dict[str, re.Pattern[str]]:
        return {k: self._any(v) for k, v in self.data["contract_types"].items()}

    @cached_property
    def stopwords(self) -> dict[str, frozenset[str]]:
        return {lang: frozenset(fold(w) for w in v["stopwords"])
                for lang, v in self.data["languages"].items()}

    @cached_property
    def months(self) -> list[tuple[re.Pattern[str], int]]:
        """Every month name of every language, with its number."""
        out = []
        for v in self.data["languages"].values():
            for i, pattern in enumerate(v["months"]):
                out.append((re.compile(rf"^(?:{fold(pattern)})\.?$", re.IGNORECASE), i + 1))
        return out

    @cached_property
    def month_alternation(self) -> str:
        names = [fold(p) for v in self.data["languages"].values() for p in v["months"]]
        return "|".join(f"(?:{p})" for p in names)
