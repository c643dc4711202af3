"""Which kind of mail this is, and in which language it is written."""

from __future__ import annotations

import re

from .layout import Layout
from .lexicon import Lexicon
from .normalise import fold
from .records import Classification


def language(text: str, lex: Lexicon) -> str:
    """fr, pl or en by counting each language's common words; '' when too little text."""
    words = re.findall(r"[^\W\d_]+", fold(text).lower())
    counts = {lang: sum(w in stop for w in words) for lang, stop in lex.stopwords.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else ""


def classify(layout: Layout, lex: Lexicon) -> Classification:
    """termination_letter, invoice or other; porting requests are 'other' with a flag."""
    text = fold(layout.text)
    hits = {k: len(p.findall(text)) for k, p in lex.doc_keywords.items()}
    termination = max(0, hits["termination"] - 2 * hits["negated_termination"])
    lang = language(text, lex)
    scores = tuple(sorted(hits.items()))
    if hits["porting"] >= 1:
        return Classification("other", lang, porting=True, scores=scores)
    if hits["invoice"] >= 2 and termination < 2:
        return Classification("invoice", lang, scores=scores)
    if termination >= 1 and not (hits["complaint"] and hits["negated_termination"]):
        return Classification("termination_letter", lang, scores=scores)
    return Classification("other", lang, scores=scores)
