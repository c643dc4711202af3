"""Letters not shaped like a formal letter (issue #9): a short typed note, an e-mail
printed out and posted, and a handwritten note (a hand-lettered font whose words drift
off the line; such a page is only ever scanned).

Wording drawn from (new sentences, none copied):
- "Internet Or Broadband Cancellation Letter", ioneks.com,
  https://ioneks.com/internet-or-broadband-cancellation-letter
- "Internet cancellation letter", requestletters.com,
  https://requestletters.com/home/internet-cancellation-letter
- "Wypowiedzenie umowy - powiadomienie e-mailem", postclic.com,
  https://www.postclic.com/pl-pl/letters/internet-szerokopasmowy/wypowiedzenie-rfc
- "Comment résilier son contrat avec une lettre de résiliation", fournisseur-acces-internet.com,
  https://www.fournisseur-acces-internet.com/resilier-son-contrat-avec-une-lettre-de-resiliation
"""

from __future__ import annotations

import random

from . import letters as L
from . import phrases as P
from .content import LetterSpec, format_date
from .forms import in_sentence, refs_blocks
from .layout import FAMILIES, HANDS, Abs, Gap, Para, Table, bold

STYLES = ("note", "email", "handwritten")

HELLO = {"fr": ["Bonjour,", "Madame, Monsieur,", "Bonjour Madame, Monsieur,"],
         "pl": ["Dzień dobry,", "Szanowni Państwo,"],
         "en": ["Hello,", "Dear Sir or Madam,", "Hi,"]}
THANKS = {"fr": ["Merci d'avance.", "Merci, bonne journée.", "Cordialement,", "Bien à vous,"],
          "pl": ["Dziękuję.", "Pozdrawiam,", "Z poważaniem,"],
          "en": ["Thanks,", "Many thanks,", "Regards,"]}
ATTENTION = {"fr": "À l'attention de : ", "pl": "Do: ", "en": "For the attention of: "}
# The header lines of a printed e-mail, by the mail program's language.
MAIL_HEADER = {"fr": ("De", "À", "Date", "Objet"), "pl": ("Od", "Do", "Data", "Temat"),
               "en": ("From", "To", "Sent", "Subject")}
MAIL_DOMAINS = ("example.fr", "mail.example", "example.com", "poczta.example", "example.pl")
WEEKDAYS = {"fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            "pl": ["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."],
            "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def _address_line(spec: LetterSpec, rng: random.Random) -> str:
    if spec.recipient == "none":
        return ""
    return ATTENTION[spec.lang] + ", ".join(rng.choice(P.RECIPIENTS[spec.recipient]))


def _compact_refs(spec: LetterSpec, rng: random.Random) -> str:
    """The references run together on one line, as in a hurried note."""
    short = {"fr": ("Client", "Contrat", "depuis le"), "pl": ("Klient", "Umowa", "od"),
             "en": ("Customer", "Contract", "since")}[spec.lang]
    parts = []
    if spec.customer_printed:
        parts.append(f"{short[0]} {spec.customer_printed}")
    if spec.contract_printed:
        parts.append(f"{short[1]} {spec.contract_printed}")
    if spec.sub_text:
        parts.append(f"{short[2]} {spec.sub_text}")
    return rng.choice([" - ", " / ", ", "]).join(parts)


def _body(spec: LetterSpec, rng: random.Random, fam: str, size: float) -> list:
    """Greeting, who writes, the request and the references (in one of three forms)."""
    thing = L.what(spec, rng)
    blocks: list = [Para(rng.choice(HELLO[spec.lang]), fam, size)]
    opening = L.opening(spec, rng)
    if opening:
        blocks.append(Para(opening, fam, size))
    text = L.request(spec, rng, thing)
    blot = spec.customer_printed if spec.smudge else ""
    form = rng.choice(["sentence", "compact", "lines"])
    if form == "sentence":
        blocks.append(Para(f"{text} {in_sentence(spec, rng)}".strip(), fam, size, blot=blot))
    elif form == "compact":
        blocks.append(Para(text, fam, size))
        refs = _compact_refs(spec, rng)
        if refs:
            blocks.append(Para(refs, fam, size, blot=blot))
    else:
        blocks.append(Para(text, fam, size))
        saved = spec.style
        spec.style = "formal"  # "Label : value" lines
        blocks += refs_blocks(spec, rng, fam, size, 22)
        spec.style = saved
    return blocks


def note(spec: LetterSpec, rng: random.Random) -> list:
    """A few typed lines: no letterhead, sometimes no subject, the date at the top."""
    fam = rng.choice(FAMILIES)
    size = rng.choice([11, 11.5, 12])
    date = format_date(spec.letter_date, spec.lang, rng)
    blocks: list = [Abs(24, 24, L.sender_lines(spec, rng)[:2], fam, size - 1)]
    blocks.append(Gap(6))
    blocks.append(Para(rng.choice(P.PLACE_DATE[spec.lang]).format(city=spec.city, date=date),
                       fam, size, align="right"))
    address = _address_line(spec, rng)
    if address:
        blocks.append(Para(address, fam, size - 1))
    blocks.append(Gap(6))
    if rng.random() < 0.5:
        blocks.append(Para(L.subject(spec, rng, L.what(spec, rng)), bold(fam), size))
    blocks += _body(spec, rng, fam, size)
    blocks.append(Para(rng.choice(THANKS[spec.lang]), fam, size))
    return blocks + L.signature(spec, rng, fam, size)


def email(spec: LetterSpec, rng: random.Random) -> list:
    """An e-mail printed from a mail program, then posted (and signed, most of the time)."""
    fam = rng.choice(["sans", "arial", "cond"])
    size = rng.choice([9.5, 10, 10.5])
    writer = spec.signatory if spec.signer == "agent" else spec.holder
    login = f"{writer.first}.{writer.last}".lower().replace(" ", "")
    sender = f"{writer.name} <{login}@{rng.choice(MAIL_DOMAINS)}>"
    to = rng.choice(["Service Clients Orange Pro <service.clients@orange.example>",
                     "resiliation.pro@orange.example", "Orange Pro"])
    day = WEEKDAYS[spec.lang][spec.letter_date.weekday()]
    when = f"{day} {format_date(spec.letter_date, spec.lang, rng)} " \
           f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}"
    labels = MAIL_HEADER[spec.lang]
    thing = L.what(spec, rng)
    rows = [[f"{labels[0]} :", sender], [f"{labels[1]} :", to], [f"{labels[2]} :", when],
            [f"{labels[3]} :", L.subject(spec, rng, thing).split(":", 1)[-1].strip()]]
    blocks: list = [Para(writer.name, bold(fam), size + 2), Gap(2),
                    Table(rows, [22, 140], fam, size, grid=False)]
    blocks.append(Gap(6))
    address = _address_line(spec, rng)
    if address:
        blocks.append(Para(address, fam, size))
    blocks += _body(spec, rng, fam, size)
    blocks.append(Para(rng.choice(THANKS[spec.lang]), fam, size))
    sign = L.signature(spec, rng, fam, size)
    if spec.signer == "company":
        sign.append(Para(f"{spec.company} - {spec.phone}", fam, size - 1))
    return blocks + sign


def handwritten(spec: LetterSpec, rng: random.Random) -> list:
    """A note written by hand: larger letters, a slanting line, no printed letterhead."""
    # a stream of its own, so that the rest of the note draws as before the hands
    fam = random.Random(f"hand|{spec.holder.name}|{spec.letter_date}").choice(HANDS)
    size = rng.choice([12, 13, 14])
    sender = spec.agent_firm or [spec.holder.name, spec.street, spec.city_line]
    blocks: list = [Abs(20, 22, sender, fam, size - 1)]
    date = format_date(spec.letter_date, spec.lang, rng)
    blocks.append(Gap(4))
    blocks.append(Para(rng.choice(P.PLACE_DATE[spec.lang]).format(city=spec.city, date=date),
                       fam, size, align="right"))
    if spec.recipient != "none":
        blocks.append(Abs(rng.uniform(105, 115), 60, rng.choice(P.RECIPIENTS[spec.recipient]),
                          fam, size - 1))
    blocks.append(Gap(rng.uniform(8, 14)))
    if rng.random() < 0.7:
        blocks.append(Para(L.subject(spec, rng, L.what(spec, rng)), fam, size))
        blocks.append(Gap(2))
    blocks += _body(spec, rng, fam, size)
    blocks.append(Gap(2))
    blocks.append(Para(rng.choice([L.closing(spec, rng)] + THANKS[spec.lang]), fam, size))
    return blocks + L.signature(spec, rng, fam, size)


def write(spec: LetterSpec, rng: random.Random) -> list:
    return {"note": note, "email": email, "handwritten": handwritten}[spec.style](spec, rng)
