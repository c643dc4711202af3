"""Loads models/: labels, keywords and month names as compiled patterns.

``lexicon.json`` holds regular expressions; ``language.json`` plain phrases in three
languages, researched from public model letters (models/README.md cites them).
"""

from __future__ import annotations

import functools
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


@functools.cache
def _cues() -> dict[str, str]:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["cues"]


def cue(name: str) -> re.Pattern[str]:
    """One of lexicon.json's cues: the words and stems a reader looks for around a
    sentence or a value ("subject", "end_verb", "start_words"...), compiled once."""
    return re.compile(_cues()[name], re.IGNORECASE)


def _loose(pattern: str) -> str:
    """A pattern as OCR text needs it: no accents, an accented letter's place open to
    any letter ("d[eé]but" also matches OCR's "dóbut"), and specks allowed between
    words ("Abonné. depuis le", "Référence du-contrat")."""
    return _any_accent(pattern).replace(r"\s+", r"[\s.,'’`\-]+")


def _any_accent(pattern: str) -> str:
    """A month's pattern where its accented letter may be any letter: OCR swaps accents
    ("fóvrier" for février), and folding alone does not bring 'o' back to 'e'."""
    return re.sub(r"\[(\w)\1\]", r"\\w", fold(pattern))


# What may stand between two words of a phrase in OCR text: spaces, specks, hyphens.
# A category, not a set of characters: a few hundred of these compile in a blink.
SEP = r"\W+"


def phrases_pattern(phrases: list[str]) -> str:
    """Plain phrases as one pattern: folded, any spacing or speck between their words,
    never inside a longer word, and the longest phrase first where two begin alike.

    The phrases are laid out as a tree of their words ("numéro client", "numéro de
    client" share "numéro"), so that the regex engine tries a word once at each place
    instead of once per phrase: a few hundred phrases cost what a few dozen would.
    """
    trees: dict[bool, dict] = {True: {}, False: {}}  # phrases that begin with a letter
    for text in phrases:
        # an elided article is a word of its own: OCR reads "d'adhésion" as "d' adhésion"
        words = [w for w in re.split(r"[\s'’]+", text.lower()) if w]
        if not words:
            continue
        node = trees[words[0][0].isalnum()]
        for w in words:
            node = node.setdefault(w, {})
        node[""] = {}
    out = []
    if trees[True]:
        out.append(r"(?<!\w)(?:" + _branches(trees[True]) + ")")
    if trees[False]:
        out.append("(?:" + _branches(trees[False]) + ")")
    return "|".join(out) or "(?!)"


# Letters Tesseract reads as others, in words long enough that allowing it makes no
# other word: 'li' as 'h', 'ti', 'k' or 'hi' ("chent", "ctient", "Kkent", "chient" for
# client), 'l' as 't', 'm' as 'rn' ("nurnéro"), 'n' as 'ri' ("clierit").
OCR_SLIPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("li", ("h", "ti", "k", "hi")), ("l", ("t",)), ("m", ("rn",)), ("n", ("ri",)))


def ocr_word(word: str) -> str:
    """A word's pattern that also matches it as OCR misreads it, in folded text: an
    accented letter as any letter (OCR swaps accents: "prósident"), and in longer
    words the slips of ``OCR_SLIPS``."""
    out, i = [], 0
    while i < len(word):
        slip = next(((a, b) for a, b in OCR_SLIPS if word.startswith(a, i)), None) \
            if len(word) >= 5 else None
        if slip:
            out.append("(?:" + "|".join((slip[0], *slip[1])) + ")")
            i += len(slip[0])
        else:
            ch = word[i]
            out.append(r"\w" if fold(ch) != ch and fold(ch).isalpha() else
                       re.escape(fold(ch)))
            i += 1
    return "".join(out)


# A word of the reference labels this long or longer is recognised with one letter
# misread ("cantrat", "numeró"): shorter words would meet too many others.
MENDED_LENGTH = 6
LONG_WORD = re.compile(rf"[^\W\d_]{{{MENDED_LENGTH},}}")


@functools.cache
def _label_words() -> frozenset[str]:
    """The words of language.json's reference labels, six letters or more."""
    labels = json.loads(LANGUAGE_PATH.read_text(encoding="utf-8"))["labels"]
    return frozenset(w for k in PHRASE_LABELS for p in _flat(labels[k])
                     for w in re.split(r"[\W\d_]+", fold(p.lower()))
                     if len(w) >= MENDED_LENGTH)


@functools.cache
def _blurred(words: frozenset[str]) -> dict[str, str]:
    """Each word under its spellings with one letter blurred ('cont?at': 'contrat'); a
    blurred spelling two words share maps to ''."""
    blurred: dict[str, str] = {}
    for w in sorted(words):
        for i in range(len(w)):
            b = w[:i] + "?" + w[i + 1:]
            blurred[b] = w if blurred.get(b, w) == w else ""
    return blurred


def mend_label_words(key: str) -> str:
    """Folded text where a word one letter from a label's word is that word, one
    character for one (offsets stay valid): labels are then found through OCR's
    slips. A word two label words are as near to stays as it is."""
    return mend_words(key, _label_words())


def mend_words(key: str, words: frozenset[str]) -> str:
    """``key`` (folded) with each word of MENDED_LENGTH letters or more that is one
    letter from exactly one of ``words``, or that one with two letters swapped, made
    that word, one character for one."""
    blurred = _blurred(words)

    def mend(m: re.Match[str]) -> str:
        word = m.group()
        low = word.lower()
        if low in words:
            return word
        near: set[str | None] = {blurred.get(low[:i] + "?" + low[i + 1:])
                                 for i in range(len(low))}
        near.discard(None)
        if not near:  # two letters the writer swapped ("cilent", "contarts")
            near = set({low[:i] + low[i + 1] + low[i] + low[i + 2:]
                        for i in range(len(low) - 1)} & words)
        return (near.pop() or word) if len(near) == 1 else word

    return LONG_WORD.sub(mend, key)


def _month(pattern: str) -> str:
    """A month's pattern as OCR text needs it: any accent, and in a long name the 'n'
    read as 'ri' and the 'm' as 'rn' ("riovembre") of ``OCR_SLIPS``."""
    pattern = _any_accent(pattern)
    if len(re.sub(r"\\w", "x", pattern.split("(")[0])) < 5:  # the name's stem
        return pattern
    return pattern.replace("n", "(?:n|ri)").replace("m", "(?:m|rn)")


def _branches(node: dict) -> str:
    parts = []
    for w in sorted((k for k in node if k), key=len, reverse=True):
        child = node[w]
        ends = [r"(?!\w)" if w[-1].isalnum() else ""] if "" in child else []
        more = [SEP + "(?:" + _branches(child) + ")"] if any(child) and set(child) != {""} \
            else []
        parts.append(ocr_word(w) + ("(?:" + "|".join(more + ends) + ")" if more else
                                     ends[0] if ends else ""))
    return "|".join(parts)


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

    def vocabulary(self, *keys: str) -> frozenset[str]:
        """The words of five letters or more of a phrase list: a sentence without one of
        them cannot hold any of its phrases, and needs no look with the whole pattern."""
        if keys not in self._vocabularies:
            node = self.data["language"]
            for k in keys:
                node = node[k]
            self._vocabularies[keys] = frozenset(
                w for p in _flat(node) for w in re.findall(r"[a-z]{5,}", fold(p).lower()))
        return self._vocabularies[keys]

    @cached_property
    def end_words_to_mend(self) -> frozenset[str]:
        """The end words long enough (seven letters) to be told with one letter misread
        ("ciôturer mon compte"); a shorter one would meet other words ("former")."""
        return frozenset(w for w in self.vocabulary("intent", "end_words") if len(w) >= 7)

    @cached_property
    def _vocabularies(self) -> dict[tuple[str, ...], frozenset[str]]:
        return {}

    @cached_property
    def long_legal_forms(self) -> re.Pattern[str]:
        """Legal forms long or dotted enough to be told in any case ("sp. z o.o.",
        "Limited", "s.c."); the short bare ones (SA, EI) count in capitals only, as the
        readers check."""
        forms = sorted((f for f in self.data["language"]["companies"]["legal_forms"]
                        if len(f) > 5 or "." in f), key=len, reverse=True)
        # a dotted form loses its last dot to OCR as often as not ("s.c:", "S.A")
        return re.compile("|".join(rf"(?<!\w){re.escape(fold(f).removesuffix('.'))}"
                                   rf"{'[.]?' if f.endswith('.') else ''}(?!\w)"
                                   for f in forms), re.IGNORECASE)

    @cached_property
    def offers(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """Orange Pro's offers by name (the longest first) and the contract type of each,
        by the name's folded words: "Business Everywhere" is a mobile contract."""
        table = {" ".join(re.findall(r"\w+", fold(o["name"]).lower())): o["contract_type"]
                 for o in self.data["language"]["offers"]}
        return re.compile(phrases_pattern(sorted(table, key=len, reverse=True)), FLAGS), table

    @cached_property
    def _phrase_cache(self) -> dict[tuple[str, ...], re.Pattern[str]]:
        return {}

    def _phrases(self, keys: tuple[str, ...]) -> re.Pattern[str]:
        if keys not in self._phrase_cache:
            node = self.data["language"]
            for k in keys:
                node = node[k]
            items = sorted(set(_flat(node)), key=len, reverse=True)
            self._phrase_cache[keys] = re.compile(phrases_pattern(items), FLAGS)
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
            out[k] = re.compile(out[k].pattern + "|" + phrases_pattern(found), FLAGS)
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
                out.append((re.compile(rf"^(?:{_month(pattern)})\.?$", re.IGNORECASE),
                            i + 1))
        return out

    @cached_property
    def month_alternation(self) -> str:
        names = [_month(p) for v in self.data["languages"].values() for p in v["months"]]
        return "|".join(f"(?:{p})" for p in names)
