"""What each synthetic document says, and the truth a perfect pipeline would output.

A letter is first drawn as a ``LetterSpec`` (who, which contract, which defect),
then written as layout blocks in one of several layouts.  The truth is derived from
the spec by ``letter_truth``, which restates the rules of shared/domain.md.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

from faker import Faker

from . import phrases as P
from .layout import FAMILIES, Abs, Gap, Ink, PageBreak, Para, bold

LOCALES = {"fr": "fr_FR", "pl": "pl_PL", "en": "en_GB"}
KIND_TO_TYPE = {"fixed": "fixed_line", "internet": "internet", "open": "internet",
                "mobile": "mobile", "unclear": "unknown"}
TSA_FOR_TYPE = {"fixed_line": "tsa_20001", "internet": "tsa_10018"}

# Letter defects; "none" is a letter that should pass.  Each maps to the flags it causes.
DEFECTS = ("none", "missing_customer_number", "invalid_customer_number",
           "missing_contract_number", "missing_subscription_date",
           "invalid_subscription_date", "wrong_address", "unknown_contract_type",
           "missing_signature", "not_holder", "low_confidence")


@dataclass
class Person:
    first: str
    last: str
    title: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class LetterSpec:
    lang: str
    holder: Person
    company: str
    street: str
    city_line: str
    city: str
    customer: str  # digits as truth ("" when absent)
    customer_printed: str
    contract: str
    contract_printed: str
    sub_date: dt.date | None
    sub_text: str  # as written ("" when absent)
    sub_impossible: bool
    letter_date: dt.date
    kind: str  # fixed | internet | open | mobile | unclear
    option: bool
    recipient: str  # tsa_20001 | tsa_10018 | other | none
    signatory: Person
    on_behalf: bool
    ink: bool
    typed_name: bool
    pages: int
    smudge: bool
    phone: str
    mobile: str
    defect: str = "none"
    # the kinds of issue #9 (letters.py): how it is laid out, who signs, how it is worded
    style: str = "classic"
    signer: str = "person"  # person | company (its representative) | agent (under mandate)
    soft: bool = False  # asks to end the contract without the usual keywords
    role: str = ""  # the representative's role: gérant, prezes zarządu, director
    company_id: str = ""  # SIRET, NIP or company number printed in a letterhead
    agent_role: str = ""  # accountant | lawyer | employee
    agent_firm: list[str] = field(default_factory=list)  # the agent's letterhead


def faker_for(lang: str, seed: int) -> Faker:
    fake = Faker(LOCALES[lang])
    fake.seed_instance(seed)
    return fake


# Faker's French and English companies are often a bare surname ("Lemaire"), which no
# reader would take for a company: such a name gets a legal form, chosen from the name
# itself so that the random stream (and every other field) stays as it was.
BARE_NAME_FORMS = {"fr": ("SARL {}", "{} SAS", "Ets {}", "{} & Fils", "EURL {}"),
                   "en": ("{} Ltd", "{} Limited", "{} & Sons Ltd"), "pl": ("{} Sp. z o.o.",)}


def business(fake: Faker, lang: str) -> str:
    """A company name that reads as one."""
    name = str(fake.company())
    if " " in name.strip():
        return name
    forms = BARE_NAME_FORMS[lang]
    return forms[zlib.crc32(name.encode()) % len(forms)].format(name)


def street(fake: Faker) -> str:
    """A street address on one line (en_GB puts "Flat 3" on a line of its own)."""
    return str(fake.street_address()).replace("\n", ", ")


def person(fake: Faker, rng: random.Random) -> Person:
    return Person(fake.first_name(), fake.last_name(), rng.choice(["", "", "M.", "Mme"]))


def group_digits(digits: str, rng: random.Random) -> str:
    style = rng.choice(["plain", "plain", "space", "dash", "space2"])
    if len(digits) != 9 or style == "plain":
        return digits
    if style == "space":
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == "dash":
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return f"{digits[:2]} {digits[2:5]} {digits[5:]}"


def contract_number(rng: random.Random) -> tuple[str, str]:
    """A contract number in one of several shapes: (as printed, truth)."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    shape = rng.randrange(6)
    if shape == 0:
        printed = f"CTR-{rng.randint(2012, 2024)}-{rng.randint(0, 999999):06d}"
    elif shape == 1:
        printed = f"VO{rng.randint(10**7, 10**8 - 1)}"
    elif shape == 2:
        printed = f"{rng.randint(1, 9)}-{''.join(rng.choices(letters + '23456789', k=6))}"
    elif shape == 3:
        d = f"{rng.randint(10**9, 10**10 - 1)}"
        printed = f"FT {d[:4]} {d[4:8]} {d[8:]}"
    elif shape == 4:
        printed = f"PRO{rng.randint(100000, 999999)}{rng.choice(letters)}"
    else:
        printed = f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10**8, 10**9 - 1)}"
    return printed, printed.replace(" ", "")


def format_date(d: dt.date, lang: str, rng: random.Random) -> str:
    forms = {
        "fr": ["{d:02d}/{m:02d}/{y}", "{d:02d}.{m:02d}.{y}", "{d} {M} {y}", "{y}-{m:02d}-{d:02d}",
               "{d}/{m}/{y}", "{D} {M} {y}"],
        "pl": ["{d:02d}.{m:02d}.{y}", "{d} {M} {y}", "{d:02d}.{m:02d}.{y} r.",
               "{y}-{m:02d}-{d:02d}", "{d} {M} {y} r."],
        "en": ["{d:02d}/{m:02d}/{y}", "{M} {d}, {y}", "{d} {M} {y}", "{y}-{m:02d}-{d:02d}"],
    }[lang]
    form = rng.choice(forms)
    month = P.MONTHS[lang][d.month - 1]
    day_word = "1er" if d.day == 1 else str(d.day)
    return form.format(d=d.day, m=d.month, y=d.year, M=month, D=day_word)


def impossible_date_text(lang: str, rng: random.Random) -> str:
    day, month = rng.choice([(31, 2), (30, 2), (31, 4), (31, 6), (31, 9), (31, 11), (32, 1)])
    year = rng.randint(2014, 2022)
    if rng.random() < 0.5:
        return f"{day:02d}/{month:02d}/{year}" if lang != "pl" else f"{day:02d}.{month:02d}.{year}"
    return f"{day} {P.MONTHS[lang][month - 1]} {year}"


def phone_fr(rng: random.Random, mobile: bool = False) -> str:
    first = rng.choice(["06", "07"]) if mobile else rng.choice(["01", "02", "03", "04", "05"])
    return " ".join([first] + [f"{rng.randint(0, 99):02d}" for _ in range(4)])


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def draw_letter(rng: random.Random, seed: int, defect: str) -> LetterSpec:
    lang = rng.choices(["fr", "pl", "en"], weights=[75, 13, 12])[0]
    fake = faker_for(lang, seed)
    holder = person(fake, rng)
    letter_date = random_date(rng, dt.date(2023, 1, 2), dt.date(2026, 10, 30))
    kind = rng.choice(["fixed", "fixed", "internet", "internet", "open"])
    customer = f"{rng.randint(100000000, 999999999)}"
    contract_printed, contract = contract_number(rng)
    sub_date: dt.date | None = random_date(rng, dt.date(2012, 1, 1),
                                           letter_date - dt.timedelta(days=90))
    spec = LetterSpec(
        lang=lang, holder=holder,
        company=business(fake, lang) if rng.random() < 0.7 else "",
        street=street(fake), city_line=f"{fake.postcode()} {fake.city()}",
        city=fake.city(), customer=customer, customer_printed=group_digits(customer, rng),
        contract=contract, contract_printed=contract_printed, sub_date=sub_date, sub_text="",
        sub_impossible=False, letter_date=letter_date, kind=kind,
        option=rng.random() < 0.15, recipient="", signatory=holder, on_behalf=False,
        ink=True, typed_name=True, pages=2 if rng.random() < 0.2 else 1, smudge=False,
        phone=phone_fr(rng), mobile=phone_fr(rng, mobile=True), defect=defect,
    )
    if defect == "missing_customer_number":
        spec.customer = spec.customer_printed = ""
    elif defect == "invalid_customer_number":
        digits = rng.choice([8, 10])
        spec.customer = spec.customer_printed = f"{rng.randint(10**(digits-1), 10**digits - 1)}"
    elif defect == "missing_contract_number":
        spec.contract = spec.contract_printed = ""
    elif defect == "missing_subscription_date":
        spec.sub_date = None
    elif defect == "invalid_subscription_date":
        if rng.random() < 0.5:
            spec.sub_impossible = True
            spec.sub_date = None
            spec.sub_text = impossible_date_text(lang, rng)
        else:
            spec.sub_date = letter_date + dt.timedelta(days=rng.randint(20, 700))
    elif defect == "unknown_contract_type":
        spec.kind = rng.choice(["mobile", "unclear"])
        spec.option = False
    elif defect == "missing_signature":
        spec.ink = False
        spec.typed_name = rng.random() < 0.8
    elif defect == "not_holder":
        spec.signatory = person(fake, rng)
        spec.on_behalf = True
    elif defect == "low_confidence":
        spec.smudge = True
    ctype = KIND_TO_TYPE[spec.kind]
    if defect == "wrong_address":
        right = TSA_FOR_TYPE[ctype]
        spec.recipient = rng.choice(
            [r for r in ("tsa_20001", "tsa_10018", "other", "none") if r != right])
    elif ctype in TSA_FOR_TYPE:
        spec.recipient = TSA_FOR_TYPE[ctype]
    else:  # no rule for mobile/unclear: people still write somewhere
        spec.recipient = rng.choice(["tsa_20001", "tsa_10018", "other"])
    if spec.sub_date and not spec.sub_text:
        spec.sub_text = format_date(spec.sub_date, lang, rng)
    return spec


def letter_truth(spec: LetterSpec) -> dict[str, str]:
    """The record a perfect pipeline writes for this letter (domain.md's rules)."""
    ctype = KIND_TO_TYPE[spec.kind]
    flags = []
    if spec.smudge:
        flags.append("low_confidence")
    elif not spec.customer:
        flags.append("missing_customer_number")
    elif len(spec.customer) != 9:
        flags.append("invalid_customer_number")
    if not spec.contract:
        flags.append("missing_contract_number")
    if spec.sub_impossible or (spec.sub_date and spec.sub_date > spec.letter_date):
        flags.append("invalid_subscription_date")
    elif not spec.sub_date:
        flags.append("missing_subscription_date")
    if ctype in TSA_FOR_TYPE and spec.recipient != TSA_FOR_TYPE[ctype]:
        flags.append("wrong_address")
    if ctype not in TSA_FOR_TYPE:
        flags.append("unknown_contract_type")
    if not spec.ink:
        flags.append("missing_signature")
    if spec.on_behalf:
        flags.append("not_holder")
    return {
        "doc_type": "termination_letter",
        "language": spec.lang,
        "customer_number": "" if spec.smudge else spec.customer,
        "contract_number": spec.contract,
        "subscription_date": spec.sub_date.isoformat() if spec.sub_date else "",
        "letter_date": spec.letter_date.isoformat(),
        "contract_type": ctype,
        "recipient": spec.recipient,
        "company_name": spec.company,
        "holder_name": spec.holder.name,
        # who signed, when signed: an unsigned letter's typed name signed nothing
        "signatory_name": spec.signatory.name if spec.ink and (spec.typed_name or spec.on_behalf)
        else "",
        "status": "flagged" if flags else "ok",
        "flags": ";".join(sorted(flags)),
    }


def _what(spec: LetterSpec, rng: random.Random) -> str:
    key = f"option_{spec.kind}" if spec.option and spec.kind in ("fixed", "internet", "open") \
        else spec.kind
    return rng.choice(P.WHAT[spec.lang][key]).format(phone=spec.phone, mobile=spec.mobile)


def letter_blocks(spec: LetterSpec, rng: random.Random) -> list:
    """Writes the letter in one of several layouts."""
    lang = spec.lang
    fam = rng.choice(FAMILIES)
    size = rng.choice([10, 10.5, 11, 11.5, 12])
    margin = rng.uniform(18, 28)
    sender = [spec.holder.name] + ([spec.company] if spec.company else []) + \
        [spec.street, spec.city_line]
    if rng.random() < 0.3:
        sender.append(f"Tél. {spec.phone}" if lang == "fr" else f"Tel. {spec.phone}")
    rec_lines = rng.choice(P.RECIPIENTS[spec.recipient]) if spec.recipient != "none" else []
    layout_kind = rng.choice(["classic", "window", "right_sender"])
    blocks: list = []
    if layout_kind == "classic":
        blocks.append(Abs(margin, 22, sender, fam, size))
        if rec_lines:
            blocks.append(Abs(rng.uniform(108, 122), rng.uniform(52, 62), rec_lines, fam, size))
    elif layout_kind == "window":
        blocks.append(Abs(margin, 18, [", ".join(sender[:2])] + sender[2:], fam, size - 1))
        if rec_lines:
            blocks.append(Abs(rng.uniform(20, 30), rng.uniform(55, 65), rec_lines, fam, size))
    else:
        blocks.append(Abs(210 - margin, 20, sender, fam, size, align="right"))
        if rec_lines:
            blocks.append(Abs(margin, rng.uniform(58, 68), rec_lines, fam, size))
    blocks.append(Gap(rng.uniform(4, 12)))
    date_text = format_date(spec.letter_date, lang, rng)
    place = rng.choice(P.PLACE_DATE[lang]).format(city=spec.city, date=date_text)
    blocks.append(Para(place, fam, size, align=rng.choice(["right", "left"])))
    blocks.append(Gap(rng.uniform(3, 8)))
    if rng.random() < 0.7:
        blocks.append(Para(rng.choice(P.REGISTERED[lang]), bold(fam), size))
    what = _what(spec, rng)
    subject = rng.choice(P.SUBJECT[lang]).format(what=what)
    blocks.append(Para(subject, bold(fam), size))
    blocks.append(Gap(3))

    refs_as_block = rng.random() < 0.65
    ref_lines: list[Para] = []
    inline: list[str] = []
    labels = P.LABELS[lang]
    sep = rng.choice([" : ", ": ", " - ", " "])
    if spec.customer_printed:
        if refs_as_block:
            ref_lines.append(Para(f"{rng.choice(labels['customer'])}{sep}{spec.customer_printed}",
                                  fam, size, blot=spec.customer_printed if spec.smudge else ""))
        else:
            inline.append(rng.choice(P.INLINE[lang]["customer"]).format(v=spec.customer_printed))
    if spec.contract_printed:
        if refs_as_block:
            ref_lines.append(Para(f"{rng.choice(labels['contract'])}{sep}{spec.contract_printed}",
                                  fam, size))
    if spec.sub_text and refs_as_block:
        ref_lines.append(Para(f"{rng.choice(labels['subscription'])}{sep}{spec.sub_text}",
                              fam, size))
    if refs_as_block and ref_lines and rng.random() < 0.5:
        blocks.extend(ref_lines)
        blocks.append(Gap(3))
        ref_lines = []
    blocks.append(Para(rng.choice(P.GREETING[lang]), fam, size))
    request = rng.choice(P.REQUEST[lang]).format(what=what)
    if rng.random() < 0.3 or spec.on_behalf:
        named = rng.choice(P.UNDERSIGNED[lang]).format(holder=spec.holder.name)
        if named.endswith(","):  # "Je soussigné X, titulaire du contrat, je vous prie ..."
            request = named + " " + request[0].lower() + request[1:]
        else:  # "Titulaire du contrat : X" on a line of its own
            blocks.append(Para(named, fam, size))
    if not refs_as_block:
        tail = []
        if spec.contract_printed:
            tail.append(rng.choice(P.INLINE[lang]["contract"]).format(v=spec.contract_printed))
        if spec.sub_text:
            tail.append(rng.choice(P.INLINE[lang]["subscription"]).format(v=spec.sub_text))
        if tail:
            request += " " + ", ".join(tail) + "."
        if inline:
            request += " " + inline[0]
        blot = spec.customer_printed if spec.smudge else ""
        blocks.append(Para(request, fam, size, blot=blot))
    else:
        blocks.append(Para(request, fam, size))
        blocks.extend(ref_lines)
    effective = format_date(spec.letter_date + dt.timedelta(days=rng.randint(10, 60)), lang, rng)
    fillers = rng.sample(P.FILLER[lang], k=min(len(P.FILLER[lang]), rng.randint(1, 3)))
    for text in fillers:
        blocks.append(Para(text.format(effective=effective, phone=spec.phone), fam, size))
    if spec.pages == 2:
        blocks.append(PageBreak())
        if rng.random() < 0.6:
            blocks.append(Para(f"{spec.holder.name} - 2/2", fam, size - 2, align="right"))
            blocks.append(Gap(6))
        blocks.append(Para(rng.choice(P.FILLER[lang]).format(effective=effective,
                                                              phone=spec.phone), fam, size))
    blocks.append(Gap(3))
    blocks.append(Para(rng.choice(P.CLOSING[lang]), fam, size))
    blocks.append(Gap(rng.uniform(2, 6)))
    if spec.ink:
        blocks.append(Ink(seed=rng.randint(0, 10**6)))
    else:
        blocks.append(Gap(12))
    if spec.on_behalf:
        line = rng.choice(P.ON_BEHALF[lang]).format(name=spec.signatory.name,
                                                    holder=spec.holder.name)
        blocks.append(Para(line, fam, size))
    elif spec.typed_name:
        blocks.append(Para(spec.signatory.name, fam, size))
    return blocks
