"""Letters whose references are laid out the way people fill forms (issue #9): a table
with a drawn grid or with aligned columns, a "Label | value" block, values on the line
under their labels, a label column far from its value column, or the references
inside one sentence ("mon contrat, enregistré sous le numéro …, souscrit le …").

Layouts and labels drawn from (new sentences, none copied):
- "Modèle lettre résiliation internet", lettres-gratuites.com,
  https://lettres-gratuites.com/modele-lettre-resiliation-internet.html
- "Modèle de lettre : résiliation téléphonie/FAI ignorée", litigefacile.fr,
  https://litigefacile.fr/consommation/resiliation-telephonie-fai-ignoree
- "Jak napisać wypowiedzenie umowy o internet", mieszkaniowyblog.pl,
  https://mieszkaniowyblog.pl/jak-napisac-wypowiedzenie-umowy-o-internet.html
- "Internet Or Broadband Cancellation Letter" (account details as a list), ioneks.com,
  https://ioneks.com/internet-or-broadband-cancellation-letter
"""

from __future__ import annotations

import datetime as dt
import random

from . import letters as L
from . import phrases as P
from .content import LetterSpec, format_date
from .layout import FAMILIES, Gap, Para, Table, bold, text_width_mm

STYLES = ("formal", "table", "labels_above", "two_columns", "in_sentence")

# More ways to name each field in a form, besides phrases.LABELS.
FORM_LABELS = {
    "fr": {"customer": ["Code client", "Numéro de compte client", "Votre référence client"],
           "contract": ["Numéro du contrat", "Référence contrat", "Contrat"],
           "subscription": ["Contrat souscrit le", "Date d'adhésion", "Date de signature"]},
    "pl": {"customer": ["Identyfikator klienta", "Numer konta klienta"],
           "contract": ["Nr umowy abonenckiej", "Umowa"],
           "subscription": ["Data zawarcia", "Zawarta dnia"]},
    "en": {"customer": ["Account number", "Customer ID"],
           "contract": ["Agreement ref.", "Contract"],
           "subscription": ["Start date", "Taken out on"]},
}
# Rows that are not what the mailroom wants, but sit in the same table.
DISTRACTORS = {
    "fr": [("Ligne concernée", "{phone}"), ("Téléphone", "{mobile}"), ("Titulaire", "{holder}"),
           ("Offre", "Orange Pro")],
    "pl": [("Numer telefonu", "{phone}"), ("Abonent", "{holder}")],
    "en": [("Phone number", "{phone}"), ("Account holder", "{holder}")],
}
# The references inside a sentence: an opening, then clauses joined by commas.
IN_SENTENCE = {
    "fr": {"lead": ["Il s'agit du contrat", "Le contrat visé est celui", "Cet abonnement est"],
           "contract": ["enregistré sous le numéro {v}", "référencé {v} dans vos services",
                        "portant le n° {v}"],
           "subscription": ["souscrit le {v}", "que j'ai signé le {v}", "en cours depuis le {v}"],
           "customer": ["rattaché à mon compte client {v}", "sur le compte client n° {v}",
                        "(client n° {v})"]},
    "pl": {"lead": ["Chodzi o umowę", "Sprawa dotyczy umowy"],
           "contract": ["zarejestrowanej pod numerem {v}", "o numerze {v}"],
           "subscription": ["zawartej dnia {v}", "podpisanej {v}"],
           "customer": ["przypisanej do konta klienta nr {v}", "(numer klienta {v})"]},
    "en": {"lead": ["This concerns the contract", "The agreement in question is the one"],
           "contract": ["registered under number {v}", "with reference {v}"],
           "subscription": ["taken out on {v}", "signed on {v}"],
           "customer": ["held under customer number {v}", "on customer account {v}"]},
}


def _label(lang: str, name: str, rng: random.Random) -> str:
    return rng.choice(P.LABELS[lang][name] + FORM_LABELS[lang][name])


def references(spec: LetterSpec, rng: random.Random) -> list[tuple[str, str, str]]:
    """(field, label, value) for each reference the letter prints; a missing one is
    left out, or kept with an empty value as on a form left blank."""
    refs = []
    for name, value in (("customer", spec.customer_printed), ("contract", spec.contract_printed),
                        ("subscription", spec.sub_text)):
        if value or rng.random() < 0.4:
            refs.append((name, _label(spec.lang, name, rng), value))
    if rng.random() < 0.5:
        label, value = rng.choice(DISTRACTORS[spec.lang])
        refs.insert(rng.randint(0, len(refs)), ("other", label, value.format(
            phone=spec.phone, mobile=spec.mobile, holder=spec.holder.name)))
    return refs


def _blot_row(spec: LetterSpec, name: str, value: str) -> bool:
    return spec.smudge and name == "customer" and bool(value)


def refs_blocks(spec: LetterSpec, rng: random.Random, fam: str, size: float,
                margin: float) -> list:
    """The references in the letter's form layout."""
    refs = references(spec, rng)
    blocks: list = []
    smudged = [r for r in refs if _blot_row(spec, r[0], r[2])]
    rows = [r for r in refs if not _blot_row(spec, r[0], r[2])]
    for _, label, value in smudged:  # an ink blot sits on a line of text, not in a cell
        blocks.append(Para(f"{label} : {value}", fam, size, blot=value))
    label_w = max([text_width_mm(lab, bold(fam), size) for _, lab, _ in rows] + [20.0]) + 5
    if spec.style == "table":
        shape = rng.choice(["grid", "grid", "header_row", "bars", "aligned"])
        widths = [max(text_width_mm(lab, bold(fam), size - 1), text_width_mm(val, fam, size - 1))
                  + 5 for _, lab, val in rows]
        if shape == "header_row" and sum(widths) > 210 - 2 * margin:
            shape = "grid"
        if shape == "grid":
            blocks.append(Table([[lab, val] for _, lab, val in rows],
                                [label_w + rng.uniform(0, 8), rng.uniform(55, 70)], fam, size))
        elif shape == "header_row":
            blocks.append(Table([[lab for _, lab, _ in rows], [val for _, _, val in rows]],
                                widths, fam, size - 1, labels="row"))
        elif shape == "bars":
            for _, label, value in rows:
                blocks.append(Para(f"{label} | {value}", fam, size))
        else:
            blocks.append(Table([[f"{lab} :", val] for _, lab, val in rows],
                                [label_w + rng.uniform(2, 10), 60], fam, size, grid=False,
                                label_font=fam))
    elif spec.style == "two_columns":
        blocks.append(Table([[lab, val] for _, lab, val in rows],
                            [max(label_w, rng.uniform(85, 110)), 60],
                            fam, size, grid=False,
                            label_font=rng.choice([fam, bold(fam)])))
    elif spec.style == "labels_above":
        indent = rng.choice([0.0, 0.0, 6.0])
        colon = rng.choice(["", " :"])
        for _, label, value in rows:
            blocks.append(Para(f"{label}{colon}", bold(fam) if rng.random() < 0.5 else fam, size))
            blocks.append(Para(value or "-", fam, size + 0.5, indent=indent))
            blocks.append(Gap(1.5))
    else:  # formal: "Label : value" lines
        sep = rng.choice([" : ", ": ", " - "])
        for _, label, value in rows:
            blocks.append(Para(f"{label}{sep}{value}", fam, size))
    blocks.append(Gap(3))
    return blocks


def in_sentence(spec: LetterSpec, rng: random.Random) -> str:
    """The references as clauses of one sentence."""
    table = IN_SENTENCE[spec.lang]
    values = {"contract": spec.contract_printed, "subscription": spec.sub_text,
              "customer": spec.customer_printed}
    order = ["contract", "subscription", "customer"]
    if rng.random() < 0.3:
        order = ["customer", "contract", "subscription"]
    clauses = [rng.choice(table[name]).format(v=values[name]) for name in order if values[name]]
    if not clauses:
        return ""
    return f"{rng.choice(table['lead'])} {', '.join(clauses)}."


def write(spec: LetterSpec, rng: random.Random) -> list:
    """A typed letter with its references in the spec's form layout."""
    lang = spec.lang
    fam = rng.choice(FAMILIES)
    size = rng.choice([10, 10.5, 11, 11.5])
    margin = rng.uniform(20, 26)
    blocks = L.letter_head(spec, rng, fam, size, margin)
    thing = L.what(spec, rng)
    if rng.random() < 0.6:
        blocks.append(Para(rng.choice(P.REGISTERED[lang]), bold(fam), size))
    blocks.append(Para(L.subject(spec, rng, thing), bold(fam), size))
    blocks.append(Gap(3))
    refs_first = spec.style != "in_sentence" and rng.random() < 0.5
    if refs_first:
        blocks += refs_blocks(spec, rng, fam, size, margin)
    blocks.append(Para(rng.choice(P.GREETING[lang]), fam, size))
    opening = L.opening(spec, rng)
    if opening:
        blocks.append(Para(opening, fam, size))
    text = L.request(spec, rng, thing)
    if spec.style == "in_sentence":
        refs = in_sentence(spec, rng)
        blot = spec.customer_printed if spec.smudge else ""
        blocks.append(Para(f"{text} {refs}".strip(), fam, size, blot=blot))
    else:
        blocks.append(Para(text, fam, size))
        if not refs_first:
            blocks.append(Para(rng.choice(REFS_INTRO[lang]), fam, size))
            blocks += refs_blocks(spec, rng, fam, size, margin)
    effective = format_date(spec.letter_date + dt.timedelta(days=rng.randint(10, 60)), lang, rng)
    for filler in L.fillers(spec, rng, effective):
        blocks.append(Para(filler, fam, size))
    blocks.append(Gap(3))
    blocks.append(Para(L.closing(spec, rng), fam, size))
    blocks.append(Gap(rng.uniform(2, 5)))
    return blocks + L.signature(spec, rng, fam, size)


REFS_INTRO = {
    "fr": ["Voici les références utiles :", "Références du contrat :",
           "Pour retrouver mon dossier :"],
    "pl": ["Dane umowy:", "Dane do identyfikacji:"],
    "en": ["The account details are:", "For your reference:"],
}
