"""Loads models/: labels, keywords and month names as compiled patterns.

``lexicon.json`` holds regular expressions; ``language.json`` plain phrases in three
languages, researched from public model letters (models/README.md cites them).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .normalise import fold

MODELS = Path(__file__).resolve().parent.parent / "models"
DEFAULT_PATH = MODELS / "lexicon.json"
LANGUAGE_PATH = MODELS / "language.json"
FLAGS = re.IGNORECASE | re.MULTILINE
# The references whose labels come from both files.
PHRASE_LABELS = ("customer_number", "contract_number", "subscription_date")


def _loose(pattern: str) -> str:
    """A pattern as OCR text needs it: no accents, and specks allowed between words
    ("Abonné. depuis le", "Référence du-contrat")."""
    return fold(pattern).replace(r"\s+", r"[\s.,'’`\-]+")


def _any_accent(pattern: str) -> str:
    """A month's pattern where its accented letter may be any letter: OCR swaps accents
    ("fóvrier" for février), and folding alone does not bring 'o' back to 'e'."""
    return re.sub(r"\[(\w)\1\]", r"\\w", fold(pattern))


def phrase(text: str) -> str:
    """A plain phrase as a pattern: folded, any spacing or speck between its words,
    and never inside a longer word."""
    words = [re.escape(w) for w in fold(text).lower().split()]
    body = r"[\s.,'’`\-]+".join(words)
    head = r"(?<![a-z0-9])" if text[:1].isalnum() else ""
    tail = r"(?![a-z0-9])" if text[-1:].isalnum() else ""
    return head + body + tail


def _flat(node: object) -> list[str]:
    """Every phrase of a list, or of a {language: list} table."""
    if isinstance(node, dict):
        return [p for v in node.values() for p in _flat(v)]
    return [p for p in node if isinstance(p, str)] if isinstance(node, list) else []


@dataclass(frozen=True)
class Lexicon:
    data: dict

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH, language: Path = LANGUAGE_PATH) -> Lexicon:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["language"] = json.loads(language.read_text(encoding="utf-8"))
        return cls(data)

    def phrases(self, *keys: str) -> re.Pattern[str]:
        """One pattern for a phrase list of language.json (every language), the longest
        phrase first so that it wins over a shorter one at the same place."""
        return self._phrases(keys)

    @cached_property
    def _phrase_cache(self) -> dict[tuple[str, ...], re.Pattern[str]]:
        return {}

    def _phrases(self, keys: tuple[str, ...]) -> re.Pattern[str]:
        if keys not in self._phrase_cache:
            node = self.data["language"]
            for k in keys:
                node = node[k]
            items = sorted(set(_flat(node)), key=len, reverse=True)
            self._phrase_cache[keys] = re.compile("|".join(phrase(p) for p in items) or "(?!)",
                                                  FLAGS)
        return self._phrase_cache[keys]

    def _any(self, patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{_loose(p)})" for p in patterns), FLAGS)

    def label(self, field: str) -> re.Pattern[str]:
        return self._labels[field]

    @cached_property
    def _labels(self) -> dict[str, re.Pattern[str]]:
        # patterns with named groups are used one by one (label_list), not joined
        out = {k: self._any(v) for k, v in self.data["labels"].items()
               if not any("(?P<" in p for p in v)}
        for k in PHRASE_LABELS:  # the researched phrases too
            found = sorted(set(_flat(self.data["language"]["labels"][k])), key=len, reverse=True)
            out[k] = re.compile(out[k].pattern + "|" + "|".join(phrase(p) for p in found), FLAGS)
        return out

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
                out.append((re.compile(rf"^(?:{_any_accent(pattern)})\.?$", re.IGNORECASE),
                            i + 1))
        return out

    @cached_property
    def month_alternation(self) -> str:
        names = [_any_accent(p) for v in self.data["languages"].values() for p in v["months"]]
        return "|".join(f"(?:{p})" for p in names)
