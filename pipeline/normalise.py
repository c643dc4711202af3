"""Text normalisation shared by the rules and the scorer.

``fold`` takes accents off one character for one, so that offsets found in the
folded text stay valid in the original; the ``normalise_*`` functions give the
form in which two values of a field are compared (docs/rules.md).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Courtesy titles that are not part of a name, in the three languages.
TITLES = frozenset({"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "pan", "pani", "monsieur",
                    "madame"})


def _fold_table() -> dict[int, str]:
    table = {ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d",
             ord("’"): "'", ord("‘"): "'"}  # a typeset apostrophe is an apostrophe
    for cp in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """The text without accents, one character for one, so offsets stay valid.

    OCR drops and swaps accents ("numóro", "umowe"): labels are matched on this.
    """
    return text.translate(FOLD)


def normalise_name(v: str) -> str:
    """Names compare without accents (ł as l), titles, case or extra spaces."""
    text = unicodedata.normalize("NFKD", fold(v))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = [w for w in re.split(r"[^\w'-]+", text) if w and w not in TITLES]
    return " ".join(words)


def normalise_company(v: str) -> str:
    """Company names compare without accents, case, punctuation or spaces ("Roy S.A."
    is "ROY SA", "Biegała sp. z o.o." is "Biegala Sp. z o. o.")."""
    text = unicodedata.normalize("NFKD", fold(v))
    return "".join(ch for ch in text if ch.isalnum()).casefold()


# Letter groups OCR reads as one another, brought to one shape before names are
# compared: "Marine" read "Manne", "Merle" read "Mere"... ('ri' and 'n', 'rn' and 'm').
OCR_SHAPES = (("rn", "m"), ("ri", "n"), ("li", "h"), ("cl", "d"), ("vv", "w"))


def _shape(name: str) -> str:
    for group, one in OCR_SHAPES:
        name = name.replace(group, one)
    return name


def same_person(a: str, b: str) -> bool:
    """Equal names, allowing an OCR slip or two and either word order; a Polish ł of
    one read as t in the other ("Radosław Małocha" read "Radostaw Matocha")."""
    return any(_same(x, y) for x in _as_read(a) for y in _as_read(b))


def _as_read(name: str) -> tuple[str, ...]:
    """A name, and as OCR reads its ł (t) when it has one."""
    return (name, name.replace("ł", "t").replace("Ł", "T")) if "ł" in name.lower() else (name,)


def _same(a: str, b: str) -> bool:
    na, nb = normalise_name(a), normalise_name(b)
    if na == nb or sorted(na.split()) == sorted(nb.split()) or _initialled(na, nb):
        return True
    return max(difflib.SequenceMatcher(None, na, nb).ratio(),
               difflib.SequenceMatcher(None, _shape(na), _shape(nb)).ratio()) >= 0.88


def _initialled(a: str, b: str) -> bool:
    """'r caillaux' and 'rene caillaux': the same surname, and a given name signed by
    its initial."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[-1] != wb[-1]:
        return False
    pairs = list(zip(wa[:-1], wb[:-1], strict=True))
    return any(min(len(x), len(y)) == 1 for x, y in pairs) and all(
        x[0] == y[0] for x, y in pairs)


def normalise_digits(v: str) -> str:
    """A customer number as its digits alone."""
    return re.sub(r"\D", "", v)


def normalise_contract(v: str) -> str:
    """A contract number without spaces, in capitals."""
    return re.sub(r"\s", "", v).upper()
