"""The holder, the signatory, and whether the letter bears a handwritten signature.

The layout does most of the work: the holder writes from the sender block at the top
of the first page (or names themself: "Je soussigné ..., titulaire du contrat");
the signatory's name stands under the closing formula, possibly after "P.o." or
"on behalf of".  spaCy's French model finds a person's name where the layout alone
does not.  A typed name alone is not a signature: ink above it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..layout import Layout
from ..lexicon import Lexicon
from ..normalise import fold, same_person
from ..records import Box, DocumentText, FieldValue, Line, Page
from .common import Where, evidence, lines, mm
from .companies import PARTS, business_name, sender_block

UPPER = "A-ZÀ-ÖØ-ÞŁŚŻŹĆŃÓĘĄ"
LOWER = "a-zà-öø-ÿłśżźćńóęą"
# 'Dupont', 'Jean-Pierre', "O'Connor", 'McDonald', 'DUPONT', 'J.'
NAME_WORD = re.compile(rf"^[{UPPER}][{LOWER}'’]*(?:[-'’]?[{UPPER}]?[{LOWER}]+)+$"
                       rf"|^[{UPPER}'’\-]{{2,}}$|^[{UPPER}]\.$")
PARTICLES = {"de", "da", "du", "des", "van", "von", "le", "la", "di", "del", "dos"}
TITLES = re.compile(r"^(?:m\.|mr\.?|mrs\.?|ms\.?|mme\.?|mlle\.?|monsieur|madame|pan|pani|dr\.?|"
                    r"ma[iî]tre|me\.?)\s+", re.IGNORECASE)
# A lawyer's, a notary's or a bailiff's title: someone acting for the customer.
COUNSEL = re.compile(r"^\W*(?:ma[iî]tre|me\.?)\s", re.IGNORECASE)
NOT_NAMES = {"orange", "service", "services", "clients", "client", "objet", "madame", "monsieur",
             "lettre", "tsa", "cedex", "lille", "dear", "sir", "szanowni", "państwo", "pro",
             "cordialement", "date", "page", "re", "subject", "dotyczy", "temat", "envoi",
             "recommandé", "recommandée", "recommande", "recommandee", "avec", "accusé",
             "accuse", "réception", "reception", "avis", "ar", "list", "polecony", "registered",
             "mail", "votre", "vos", "facture", "invoice", "faktura", "reçu", "recu", "arrivée",
             "arrivee", "courrier",
             # the words of an invoice's table heads ("Montant TTC", "Total HT")
             "montant", "total", "ttc", "ht", "tva", "désignation", "designation", "période",
             "periode", "quantité", "quantite", "prix", "amount", "kwota", "razem", "suma",
             # words that begin a phrase, not a name ("Pour Marie")
             "pour", "par", "merci", "bien", "chez", "sans", "dla", "for", "with", "from"}


@functools.cache
def given_names() -> frozenset[str]:
    """Common given names of France, Poland and Britain (Faker's lists of them), loaded
    the first time a name in capitals needs them."""
    from faker.providers.person.en_GB import Provider as EnGB
    from faker.providers.person.fr_FR import Provider as FrFR
    from faker.providers.person.pl_PL import Provider as PlPL

    names: set[str] = set()
    for provider in (FrFR, PlPL, EnGB):
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names.update(fold(n).lower() for n in getattr(provider, attr, ()))
    return frozenset(names)


def natural_order(words: list[str]) -> list[str]:
    """A name given surname first, as forms and invoices print it, put given name first.

    'LEROUX Alain' is 'Alain Leroux': the word in capitals is the surname (and is
    written as a name, as in 'Alain LEROUX' too).  In
    'BAZIN SABINE' the known given name tells which is which.
    """
    caps = [w for w in words if len(w.rstrip(".")) > 1 and w.isupper()]
    if caps and len(caps) < len(words):  # 'LEROUX Alain', 'Alain LEROUX': Alain Leroux
        rest = [w for w in words if w not in caps]
        return rest + [w.capitalize() if "-" not in w else w.title() for w in caps]
    if len(caps) == len(words) == 2:
        first, last = (fold(w).lower() for w in words)
        if last in given_names() and first not in given_names():
            return [words[1], words[0]]
    return words


def name_shaped(text: str) -> str:
    """The text as a person's name ('Jean Dupont', 'DUPONT Jean' given as 'Jean Dupont'),
    or '' if it is not one."""
    text = re.sub(r"[({\[].*$|\s+-\s+\d.*$", "", text)  # '(assistante)', '{assistante)'
    text = re.sub(r"^[\W_]+|[\W_]+$", "", text)  # OCR specks: '* Jean Dupont'

    text = re.sub(r"(?<=[a-zà-ÿ])[!|](?=[a-zà-ÿ\s]|$)|(?<=[a-zà-ÿ])1(?=[a-zà-ÿ])", "l", text)
    text = TITLES.sub("", text).strip()
    words = [w.rstrip(".") if len(w) > 2 else w for w in text.split()]
    if not 2 <= len(words) <= 5:
        return ""
    if any(w.islower() and w not in PARTICLES for w in words) and len(words) <= 3 \
            and any(not w.islower() for w in words) \
            and any(fold(w).lower() in given_names() for w in words):
        # OCR lost a capital ("stéphane Lemoine", "Victoria williams"): a known given
        # name says it is a person's name all the same
        words = [w if w in PARTICLES or not w.islower() else w[0].upper() + w[1:]
                 for w in words]
    if words[-1].lower() in PARTICLES:
        return ""  # 'REÇU LE': a date stamp's words, not a name
    for i, w in enumerate(words):
        if w.lower() in PARTICLES and 0 < i < len(words) - 1:
            continue
        if not NAME_WORD.match(w) or w.lower().strip(".") in NOT_NAMES:
            return ""
    if all(w.isupper() for w in words) and (max(len(w) for w in words) < 4 or not all(
            re.search("[AEIOUYÀ-ÖØ-Þ]", w) for w in words)):
        return ""  # 'INS IN SNE': a scribble read as capitals, not a name in capitals
    return " ".join(natural_order(words))


def _from_patterns(layout: Layout, patterns: list[re.Pattern[str]]) -> FieldValue | None:
    """A name the text gives as the holder's, on one line or wrapping onto the next."""
    for where in lines(layout.doc):
        for pattern in patterns:
            m = pattern.search(fold(where.line.text))
            if m and (name := name_shaped(where.line.text[m.start("name"):m.end("name")])):
                return FieldValue("holder_name", name,
                                  evidence(where, m.start("name"), m.end("name")))
    for stream in layout.streams:
        for pattern in patterns:
            for m in pattern.finditer(stream.key):
                text = re.split(r"\s(?:qui|who|kt[oó]r)", stream.text[m.start("name"):
                                                                      m.end("name")])[0]
                if name := name_shaped(text):
                    return FieldValue("holder_name", name,
                                      stream.evidence(m.start("name"), m.start("name") + len(text)))
    return None


# A place-and-date line ("Sainte Anne, le 3 mai 2025") names a place, not a person.
DATED = re.compile(r"\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{2,4}|(?:19|20)\d\d-\d\d-\d\d"
                   r"|\b\d{1,2}(?:er|st|nd|rd|th)?\.?\s+[^\W\d]{3,}\.?,?\s+(?:19|20)\d\d\b")


def holder(layout: Layout, lex: Lexicon,
           nlp: Callable[[], Any] | None = None) -> FieldValue | None:
    """Who holds the contract: named in the text ("je soussigné ..."), else the person
    of the sender block or the address window (a titled name first), never its company.

    ``nlp`` loads spaCy's model when called: only documents whose layout does not
    name the holder pay for it.
    """
    named = _from_patterns(layout, lex.label_list("holder"))
    if named or not layout.pages:
        return named
    block = sender_block(layout)
    found: list[tuple[bool, FieldValue]] = []
    for where in block:
        text = where.line.text
        if DATED.search(text):
            continue  # the place-and-date line
        parts = PARTS.split(text)
        if business := business_name(text, lex):
            # the company's part is no person: "Studio X – Laura Roy" gives Laura Roy
            parts = [p for p in parts if business not in p][:1]
        candidate = parts[0] if parts else ""
        if name := name_shaped(candidate):
            titled = bool(TITLES.match(re.sub(r"^[\W_]+", "", candidate)))
            start = text.find(candidate)
            found.append((titled, FieldValue("holder_name", name,
                                             evidence(where, start, start + len(candidate)))))
    if found:
        return max(found, key=lambda t: t[0])[1]  # the first titled name, else the first
    if nlp is not None and block:
        joined = "\n".join(w.line.text for w in block[:8])
        for ent in nlp()(joined).ents:
            line = joined[:ent.start_char].rsplit("\n", 1)[-1]
            if re.match(r"\s*\d", line):
                continue  # "9 rue Paul Bert": a street named after someone
            if ent.label_ == "PER" and (name := name_shaped(ent.text)) \
                    and not business_name(ent.text, lex):
                return FieldValue("holder_name", name, None)
    return None


@dataclass(frozen=True)
class Signature:
    signatory: FieldValue | None
    on_behalf: bool
    signed: bool


def _closing(doc: DocumentText, lex: Lexicon) -> Where | None:
    found = None
    closing = lex.label("closing")
    for where in lines(doc):
        if closing.search(fold(where.line.text)):
            found = where
    return found


# A hand's scribble read as a line is this many millimetres high at least (print is
# about 3); a line at this distance from the page's foot is the scan's dark edge.
SCRIBBLE_HEIGHT = 2.0
EDGE = 2.0


def _ink_between(page: Page, top: float, bottom: float, closing: Line | None = None) -> bool:
    """A mark whose middle lies between the closing and the typed name (the name's own
    letters, when OCR was unsure of them, are not a signature; nor are the closing's,
    a mark that lies within the closing's line)."""
    def the_closing(b: Box) -> bool:
        c = closing.box if closing is not None else None
        if c is None:
            return False
        half = (c.y1 - c.y0) * 0.5
        return c.y0 - half <= b.y0 and b.y1 <= c.y1 + half \
            and min(b.x1, c.x1) - max(b.x0, c.x0) > 0.5 * (b.x1 - b.x0)

    return any(top <= (b.y0 + b.y1) / 2 <= bottom and not the_closing(b)
               for b in page.ink_marks)


def signature(doc: DocumentText, lex: Lexicon) -> Signature:
    """The name under the closing formula, and ink between the two."""
    if not doc.pages:
        return Signature(None, False, False)
    closing = _closing(doc, lex)
    top = None
    if closing is not None:
        page, start = closing.page, closing.index + 1
        after = doc.pages.index(page) + 1
        if start >= len(page.lines) and after < len(doc.pages):
            # the closing ends its page: the name and the signature are on the next
            page, start, top = doc.pages[after], 0, 0.0
    else:
        page = doc.pages[-1]
        start = max(0, len(page.lines) - 6)
    behalf = lex.label_list("on_behalf")
    holders = lex.label_list("holder")
    found: FieldValue | None = None
    on_behalf = False
    name_where: Where | None = None
    names: list[str] = []  # every name of the block, top down
    # the typed name is the last name-shaped line of the signature block
    for i in range(start, min(start + 8, len(page.lines))):
        where = Where(page, i, page.lines[i])
        text = re.sub(r"^[\W_]+", "", where.line.text.strip())  # '„w imieniu ...'
        for pattern in behalf:
            m = pattern.search(fold(text))
            if m and (name := name_shaped(text[m.start("name"):m.end("name")].split(",")[0])):
                found = FieldValue("signatory_name", name, evidence(where, 0, len(text)))
                on_behalf, name_where = True, where
                break
        if on_behalf:
            break
        head = PARTS.split(text, maxsplit=1)[0]  # "Maître X, conseil de ..."
        if name_where is not None and name_where.index == i - 1 \
                and _named_above(page.lines[i - 1].text, text, holders):
            # "Maître X, ..., représentée par" / "Jean Dupont": the line above named who
            # signs, and this one the client's representative
            continue
        if (name := name_shaped(head)) and not business_name(head, lex) \
                and not _is_role(head, lex):
            found = FieldValue("signatory_name", name, evidence(where, 0, len(head)))
            name_where = where
            names.append(name)
    if not on_behalf:
        # the name may be unreadable, but "P.o." or "w imieniu" still says who did not sign
        marker = lex.label("behalf_marker")
        on_behalf = any(marker.search(fold(page.lines[i].text))
                        for i in range(start, min(start + 8, len(page.lines))))
    unit = mm(page)
    if top is None:
        top = closing.line.box.y1 if closing is not None else page.height * 0.3
    bottom = name_where.line.box.y0 if name_where else top + 60 * unit
    signed = _ink_between(page, top - 3 * unit, bottom,
                          closing.line if closing is not None and closing.page is page else None)
    if not signed and page.engine == "tesseract":
        # OCR often reads a scribble as a short line of nonsense: that is ink too; and a
        # neat signature as the signer's own name, above the same name typed
        end = name_where.index if name_where else min(start + 4, len(page.lines))
        signed = any(_scribble(page.lines[i], unit, page.height)
                     for i in range(start, end)) or (
            len(names) >= 2 and same_person(names[-2], names[-1]))
    role = _role(page, name_where, lex) if name_where else ""
    return Signature(found, on_behalf or role == "other", signed)


def _named_above(above: str, line: str, holders: list[re.Pattern[str]]) -> bool:
    """``line`` is the name that the line above introduces as a company's holder or
    representative ("Maître X, conseil de Y SARL, représentée par" / "Jean Dupont")."""
    above, line = above.strip(), line.strip()
    joined = fold(f"{above} {line}")
    # the name the line above introduces is this line's first words, not a name that
    # this line introduces itself ("X, solicitor for Y, represented by Z")
    return any((m := p.search(joined)) is not None and m.start("name") == len(above) + 1
               for p in holders)


def _is_role(text: str, lex: Lexicon) -> bool:
    """A line that is a role and nothing else ("Managing Director", "Prezes Zarządu")."""
    key = fold(text).lower().strip(" .,:()")
    return any((m := lex.phrases("companies", kind).search(key)) and len(m.group()) >= len(key) - 2
               for kind in ("representative_roles", "non_representative_roles"))


def _role(page: Page, name_where: Where, lex: Lexicon) -> str:
    """'representative', 'other' or '': the role written after the signatory's name, on
    its line after a comma or on the line under it; a lawyer's title says 'other'."""
    if COUNSEL.match(name_where.line.text):
        return "other"
    after = name_where.line.text.split(",", 1)[1:] if "," in name_where.line.text else []
    under = []
    if name_where.index + 1 < len(page.lines):
        below, line = page.lines[name_where.index + 1], name_where.line
        # the line just under the name, not a footer further down; and a role, not the
        # company's name ("Menuiserie X & Fils" names no son)
        if below.box.y0 - line.box.y1 < 2 * (line.box.y1 - line.box.y0):
            under.append(below.text)
    for text in after + under:
        if business := business_name(text, lex):
            text = text.replace(business, " ")  # "Menuiserie X & Fils" names no son
        key = fold(text).lower().strip()
        other = lex.phrases("companies", "non_representative_roles").search(key)
        rep = lex.phrases("companies", "representative_roles").search(key)
        # the role said first, and the longer of two said at once: "épouse du
        # titulaire" is a wife, "directeur commercial" no "directeur"
        if other and (not rep or (other.start(), -len(other.group()))
                      < (rep.start(), -len(rep.group()))):
            return "other"
        if rep:
            return "representative"
    return ""


def _scribble(line: Line, unit: float, page_height: float) -> bool:
    """A line that OCR read with low confidence, or that reads as no word at all."""
    text = line.text
    if line.box.x1 - line.box.x0 < 12 * unit:
        return False  # a speck or a rule, not a signature
    if line.box.y1 - line.box.y0 < SCRIBBLE_HEIGHT * unit or \
            line.box.y1 > page_height - EDGE * unit:
        return False  # a row of specks lower than a hand's letters, the scan's edge
    if re.search(r"\d{3}|\d[/.]\d", text):
        return False  # a number, a code or a date: what a letter prints, no hand's
    letters = sum(ch.isalpha() for ch in text)
    mean_conf = sum(w.conf for w in line.words) / len(line.words)
    return mean_conf < 0.75 or letters < 0.6 * len(text.replace(" ", "")) or \
        (len(line.words) <= 4 and not name_shaped(text) and text.isupper())
