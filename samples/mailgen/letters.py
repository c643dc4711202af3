"""Termination letters of the kinds in issue #9: who signs, how the request is worded,
and the parts that every layout of forms.py and notes.py shares.

A letter is drawn by ``content.draw_letter`` (who, which contract, which defect); a
kind then changes who signs it (a company's representative, an agent under mandate)
or how it asks (without the usual keywords), and picks a layout.  The truth still
comes from ``content.letter_truth``: the representative is the holder and the company
is ``company_name``; an agent is the signatory and makes the letter ``not_holder``.

Wording drawn from (new sentences of the same kinds, none copied):
- "Modèle lettre résiliation internet", lettres-gratuites.com,
  https://lettres-gratuites.com/modele-lettre-resiliation-internet.html
- "Lettre-type de résiliation de contrat ou d'abonnement annuel", toutsurmesfinances.com,
  https://www.toutsurmesfinances.com/vie-pratique/a/lettre-type-de-resiliation-de-contrat-ou-d-abonnement-annuel
- "Modèle de lettre : résiliation téléphonie/FAI ignorée", litigefacile.fr,
  https://litigefacile.fr/consommation/resiliation-telephonie-fai-ignoree
- "Comment résilier son expert-comptable", comptable-en-ligne.fr,
  https://resiliation.comptable-en-ligne.fr/r/comment-resilier-son-expert-comptable
- "Jak abonent może rozwiązać/wypowiedzieć umowę", UKE,
  https://cik.uke.gov.pl/uslugi-teleko/pytania-i-odpowiedzi/umowy-rachunki-platnosci/jak-abonent-moze-rozwiazacwypowiedziec-umowe-o-swiadczenie-uslug-telekomunikacyjnych,14.html
- "Wypowiedzenie umowy", postclic.com,
  https://www.postclic.com/pl-pl/letters/internet-szerokopasmowy/wypowiedzenie-rfc
- "Internet Or Broadband Cancellation Letter", ioneks.com,
  https://ioneks.com/internet-or-broadband-cancellation-letter
- "Sample Business Closure Letter Format to Government", docracy.com,
  https://www.docracy.com/0xyeptblbh9/sample-business-closure-letter-format-to-government
"""

from __future__ import annotations

import random

from faker import Faker

from . import phrases as P
from .content import LetterSpec, faker_for, format_date, person, street
from .layout import Abs, Gap, Ink, Para, bold

LAYOUTS = ("formal", "table", "labels_above", "two_columns", "in_sentence", "note", "email",
           "handwritten")
# The new kinds of letter; each set of letters cycles through all of them.
LETTER_KINDS = ("table", "labels_above", "two_columns", "in_sentence", "note", "email",
                "handwritten", "company", "agent", "soft")

# Legal forms and who represents them: (form, before the name?, role).  Roles stay in
# the generic masculine: Faker's first names do not say whether to write "gérante".
COMPANY_FORMS = {
    "fr": [("SARL", True, "gérant"), ("EURL", True, "gérant"), ("SAS", False, "président"),
           ("SARL", False, "co-gérant"), ("SASU", True, "président")],
    "pl": [("sp. z o.o.", False, "Prezes Zarządu"), ("Sp. z o.o.", False, "Prezes zarządu")],
    "en": [("Ltd", False, "Director"), ("Limited", False, "Managing Director")],
}
TRADES = {
    "fr": ["Boulangerie", "Plomberie", "Conseil", "Transports", "Immobilier", "Menuiserie",
           "Coiffure", "Informatique", "Pharmacie", "Garage", "Traiteur", "Architecture"],
    "pl": ["Usługi Remontowe", "Transport", "Doradztwo", "Piekarnia", "Serwis", "Handel"],
    "en": ["Plumbing", "Consulting", "Logistics", "Bakery", "Interiors", "Electrical"],
}

# An agent's letterhead and signature: {agent} the agent, {client} the holder (or company).
AGENTS = {
    "fr": {
        "accountant": (["Cabinet {last} Expertise Comptable"],
                       "{agent}, expert-comptable, pour le compte de {client}"),
        "lawyer": (["Maître {agent}", "Avocat à la Cour"],
                   "Maître {agent}, conseil de {client}"),
        "employee": ([], "P.o. {agent}, service administratif"),
    },
    "pl": {
        "accountant": (["Biuro Rachunkowe {last}"],
                       "{agent}, działając w imieniu {client} na podstawie pełnomocnictwa"),
        "lawyer": (["Kancelaria Radcy Prawnego", "r.pr. {agent}"],
                   "r.pr. {agent}, pełnomocnik {client}"),
        "employee": ([], "z upoważnienia: {agent}"),
    },
    "en": {
        "accountant": (["{last} & Co", "Chartered Accountants"],
                       "{agent}, on behalf of {client}"),
        "lawyer": (["{last} Solicitors LLP"], "{agent}, solicitor for {client}"),
        "employee": ([], "pp {agent}, office manager"),
    },
}
# How an agent opens the request: it names the holder, so that the holder is known.
AGENT_OPENING = {
    "fr": ["Agissant pour le compte de notre client {client}, et en vertu du mandat qu'il nous "
           "a confié, nous vous adressons la demande suivante.",
           "Je vous écris en qualité de mandataire de {client}, qui m'a chargé de cette "
           "démarche.",
           "À la demande de {client}, dont nous tenons la comptabilité, nous vous écrivons "
           "au sujet de son abonnement."],
    "pl": ["Działając w imieniu i na rzecz mojego klienta, {client}, na podstawie udzielonego "
           "pełnomocnictwa, przesyłam poniższe pismo."],
    "en": ["We act for our client, {client}, under a signed mandate, and write on their behalf.",
           "I am writing on behalf of {client}, who has asked me to deal with this."],
}
COMPANY_OPENING = {
    "fr": ["Je soussigné(e) {holder}, {role} de la société {company}, vous informe de ce qui "
           "suit.", "En ma qualité de {role} de {company}, je soussigné(e) {holder} vous écris "
           "au nom de la société.", "{holder}, {role} de {company}, vous adresse ce courrier."],
    "pl": ["Jako {role} spółki {company}, ja, {holder}, działam w jej imieniu.",
           "Ja, {holder}, {role} {company}, przesyłam niniejsze pismo w imieniu spółki."],
    "en": ["As {role} of {company}, I, {holder}, am writing on the company's behalf.",
           "I, {holder}, {role} of {company}, write on behalf of the company."],
}
# An employee without the power to act for the holder (the letter is then not_holder).
EMPLOYEE_OPENING = {
    "fr": ["Je vous écris pour le compte de {client}, pour qui je travaille.",
           "À la demande de {client}, je vous adresse ce courrier."],
    "pl": ["Piszę w imieniu {client}, mojego pracodawcy."],
    "en": ["I am writing for {client}, my employer."],
}
# Asking to end a contract without the usual words (résiliation, wypowiedzenie, cancel).
SOFT_REQUEST = {
    "fr": ["Je ne souhaite plus conserver {what} : merci de faire le nécessaire pour l'arrêter.",
           "Merci de clôturer {what} dès réception de ce courrier.",
           "Notre activité n'a plus l'usage de {what} ; je vous demande de l'arrêter "
           "définitivement et de cesser les prélèvements.",
           "Je vous demande de bien vouloir fermer {what} et de ne plus rien me facturer.",
           "Je n'ai plus besoin de {what}. Merci de le couper et de clôturer mon compte."],
    "pl": ["Proszę o zamknięcie konta i zaprzestanie naliczania opłat. Chodzi o {what}.",
           "Nie będę już korzystać z usług Orange Pro, dlatego proszę o zamknięcie konta. "
           "Chodzi o {what}.",
           "Rezygnuję z dalszych usług i proszę o zamknięcie konta z końcem okresu "
           "rozliczeniowego. Chodzi o {what}."],
    "en": ["Please close my account and stop all billing for {what}.",
           "I no longer wish to keep {what}; please close the account at the end of this "
           "month.", "Kindly shut down {what} and close the account, as we no longer need it."],
}
# More ways to ask, besides phrases.REQUEST (the usual keywords are still there).
MORE_REQUEST = {
    "fr": ["Je vous informe que je mets fin à {what} ; merci d'en prendre acte dès réception.",
           "Mon engagement étant arrivé à son terme, je vous demande de résilier {what}.",
           "Suite à la fermeture de notre établissement, je sollicite la résiliation de {what}.",
           "Vous voudrez bien considérer ce courrier comme une demande de résiliation de "
           "{what}."],
    "pl": ["Zgodnie z warunkami umowy składam wypowiedzenie. Chodzi o {what}.",
           "Informuję, że rozwiązuję {what} z zachowaniem okresu wypowiedzenia."],
    "en": ["Please treat this letter as notice that I am ending {what}.",
           "Following the closure of our office, we wish to terminate {what}.",
           "I would like to cancel {what} at the end of the current billing period."],
}
MORE_CLOSING = {
    "fr": ["Avec mes remerciements, recevez mes salutations.", "Salutations distinguées.",
           "Bien cordialement,"],
    "pl": ["Łączę wyrazy szacunku,", "Pozdrawiam serdecznie,"],
    "en": ["Best regards,", "With thanks,"],
}
SOFT_SUBJECT = {
    "fr": ["Objet : clôture de compte", "Objet : {what}", "Objet : arrêt de {what}",
           "Objet : fermeture de ligne"],
    "pl": ["Dotyczy: zamknięcie konta", "Sprawa: zamknięcie konta klienta"],
    "en": ["Re: closing my account", "Subject: account closure", "Re: {what}"],
}
SOFT_FILLER = {
    "fr": ["Merci de m'envoyer le bon de retour pour le matériel.",
           "Je reste joignable au {phone} si besoin.",
           "Vous pouvez m'adresser la dernière facture à l'adresse ci-dessus."],
    "pl": ["Proszę o przesłanie ostatniej faktury.", "W razie pytań proszę dzwonić: {phone}."],
    "en": ["Please send the last bill to the address above.",
           "I can be reached on {phone} if needed."],
}


def apply_kind(spec: LetterSpec, kind: str, rng: random.Random, seed: int) -> None:
    """Turns a drawn letter into one of LETTER_KINDS (layout, signer, wording)."""
    fake = faker_for(spec.lang, seed + 7)
    if kind in LAYOUTS:
        spec.style = kind
    else:
        spec.style = rng.choice(["formal", "formal", "table", "labels_above", "two_columns",
                                 "in_sentence", "note"])
    if kind == "company":
        signer = "company"
    elif kind == "agent":
        signer = "agent"
    else:
        signer = rng.choices(["person", "company", "agent"], weights=[68, 25, 7])[0]
    spec.soft = kind == "soft" or rng.random() < 0.12
    if signer == "company" or (signer == "agent" and rng.random() < 0.6):
        make_company(spec, rng, fake)
    if signer == "agent":
        make_agent(spec, rng, fake)
    elif signer == "company":
        spec.signer = "company"
    elif spec.company and rng.random() < 0.5:
        spec.company = ""  # a sole trader writing in person, with no company on the page


def make_company(spec: LetterSpec, rng: random.Random, fake: Faker) -> None:
    """The holder is a company; the holder's name is that of its legal representative."""
    form, before, role = rng.choice(COMPANY_FORMS[spec.lang])
    trade = rng.choice(TRADES[spec.lang])
    last = spec.holder.last if rng.random() < 0.6 else fake.last_name()
    core = f"{last} {trade}" if spec.lang == "en" else f"{trade} {last}"
    spec.company = f"{form} {core}" if before else f"{core} {form}"
    spec.role = role
    if spec.lang == "fr":
        spec.company_id = f"SIRET {rng.randint(100, 999)} {rng.randint(100, 999)} " \
                          f"{rng.randint(100, 999)} {rng.randint(10000, 99999)}"
    elif spec.lang == "pl":
        spec.company_id = f"NIP {rng.randint(100, 999)}-{rng.randint(100, 999)}-" \
                          f"{rng.randint(10, 99)}-{rng.randint(10, 99)}"
    else:
        spec.company_id = f"Company No. {rng.randint(10**7, 10**8 - 1)}"


def make_agent(spec: LetterSpec, rng: random.Random, fake: Faker) -> None:
    """Someone acting under a mandate signs: the letter is ``not_holder``."""
    agent = person(fake, rng)
    spec.signer = "agent"
    spec.agent_role = rng.choice(["accountant", "lawyer", "employee"])
    spec.signatory = agent
    spec.on_behalf = True
    head, _ = AGENTS[spec.lang][spec.agent_role]
    if head:
        spec.agent_firm = [h.format(last=agent.last, agent=agent.name) for h in head] + \
            [street(fake), f"{fake.postcode()} {fake.city()}"]


def client(spec: LetterSpec) -> str:
    """How an agent names the customer: the company and its representative, or the holder."""
    if spec.company:
        if spec.lang == "pl":  # a name is not declined after "przez"
            return f"{spec.company} (reprezentant: {spec.holder.name})"
        joiner = {"fr": ", représentée par", "en": ", represented by"}[spec.lang]
        return f"{spec.company}{joiner} {spec.holder.name}"
    return spec.holder.name


def sender_lines(spec: LetterSpec, rng: random.Random) -> list[str]:
    """The letterhead: the agent's firm, the company, or the holder in person."""
    if spec.agent_firm:
        return list(spec.agent_firm)
    if spec.signer == "company" or (spec.company and spec.signer == "agent"):
        lines = [spec.company, spec.street, spec.city_line]
        if rng.random() < 0.7:
            lines.append(spec.company_id)
        return lines
    lines = [spec.holder.name] + ([spec.company] if spec.company else [])
    return lines + [spec.street, spec.city_line]


def what(spec: LetterSpec, rng: random.Random) -> str:
    key = f"option_{spec.kind}" if spec.option and spec.kind in ("fixed", "internet", "open") \
        else spec.kind
    thing = rng.choice(P.WHAT[spec.lang][key]).format(phone=spec.phone, mobile=spec.mobile)
    if spec.signer == "agent" and spec.agent_role != "employee":  # the client's, not mine
        thing = {"fr": thing.replace("mon ", "son ").replace("ma ", "sa "),
                 "en": thing.replace("my ", "the client's "), "pl": thing}[spec.lang]
    return thing


def subject(spec: LetterSpec, rng: random.Random, thing: str) -> str:
    table = SOFT_SUBJECT if spec.soft else P.SUBJECT
    text = rng.choice(table[spec.lang]).format(what=thing)
    # "résiliation de l'abonnement {what}" where {what} already says "mon abonnement"
    for mine in ("mon ", "ma ", "son ", "sa ", "l'"):
        text = text.replace(f"de l'abonnement {mine}", f"de {mine}")
    return text


def opening(spec: LetterSpec, rng: random.Random) -> str:
    """The sentence that says who writes, where the signer is not simply the holder."""
    if spec.signer == "agent":
        table = EMPLOYEE_OPENING if spec.agent_role == "employee" else AGENT_OPENING
        return rng.choice(table[spec.lang]).format(client=client(spec))
    if spec.signer == "company":
        return rng.choice(COMPANY_OPENING[spec.lang]).format(
            holder=spec.holder.name, role=spec.role, company=spec.company)
    return ""


def request(spec: LetterSpec, rng: random.Random, thing: str) -> str:
    table = SOFT_REQUEST[spec.lang] if spec.soft else \
        P.REQUEST[spec.lang] + MORE_REQUEST[spec.lang]
    text = rng.choice(table).format(what=thing)
    if spec.signer == "agent" and spec.lang == "fr" and not spec.soft:
        text = text.replace("ma décision", "la décision de notre client")
    return text


def closing(spec: LetterSpec, rng: random.Random) -> str:
    return rng.choice(P.CLOSING[spec.lang] + MORE_CLOSING[spec.lang])


def fillers(spec: LetterSpec, rng: random.Random, effective: str) -> list[str]:
    table = SOFT_FILLER if spec.soft else P.FILLER
    picked = rng.sample(table[spec.lang], k=min(len(table[spec.lang]), rng.randint(1, 2)))
    return [t.format(effective=effective, phone=spec.phone) for t in picked]


def signature(spec: LetterSpec, rng: random.Random, fam: str, size: float) -> list:
    """Ink (unless unsigned), then the typed name: the holder, the representative and
    role, or the agent with the words that say for whom."""
    blocks: list = [Ink(seed=rng.randint(0, 10**6))] if spec.ink else [Gap(12)]
    if spec.signer == "agent":
        _, line = AGENTS[spec.lang][spec.agent_role]
        blocks.append(Para(line.format(agent=spec.signatory.name, client=client(spec)),
                           fam, size))
    elif spec.on_behalf:
        line = rng.choice(P.ON_BEHALF[spec.lang]).format(name=spec.signatory.name,
                                                         holder=spec.holder.name)
        blocks.append(Para(line, fam, size))
    elif spec.signer == "company":
        if spec.typed_name:
            style = rng.randrange(3)
            if style == 0:
                blocks.append(Para(spec.holder.name, fam, size))
                blocks.append(Para(spec.role[0].upper() + spec.role[1:], fam, size))
            elif style == 1:
                blocks.append(Para(f"{spec.holder.name}, {spec.role}", fam, size))
            else:
                pour = {"fr": "Pour", "pl": "Za", "en": "For"}[spec.lang]
                blocks.append(Para(f"{pour} {spec.company},", fam, size))
                blocks.append(Para(f"{spec.holder.name} ({spec.role})", fam, size))
    elif spec.typed_name:
        blocks.append(Para(spec.signatory.name, fam, size))
    return blocks


def letter_head(spec: LetterSpec, rng: random.Random, fam: str, size: float,
                margin: float) -> list:
    """Letterhead, recipient block and the place and date line."""
    sender = sender_lines(spec, rng)
    rec = rng.choice(P.RECIPIENTS[spec.recipient]) if spec.recipient != "none" else []
    where = rng.choice(["left", "window", "right", "centred"])
    blocks: list = []
    if where == "centred":  # a company's printed letterhead
        blocks.append(Para(sender[0], bold(fam), size + 3, align="center"))
        blocks.append(Para(" - ".join(sender[1:]), fam, size - 1.5, align="center"))
        if rec:
            blocks.append(Abs(rng.uniform(110, 120), rng.uniform(50, 58), rec, fam, size))
    elif where == "right":
        blocks.append(Abs(210 - margin, 20, sender, fam, size, align="right"))
        if rec:
            blocks.append(Abs(margin, rng.uniform(58, 66), rec, fam, size))
    else:
        blocks.append(Abs(margin, 20, sender, fam, size - (1 if where == "window" else 0)))
        if rec:
            x = rng.uniform(108, 120) if where == "left" else rng.uniform(22, 30)
            blocks.append(Abs(x, rng.uniform(52, 62), rec, fam, size))
    blocks.append(Gap(rng.uniform(4, 10)))
    date_text = format_date(spec.letter_date, spec.lang, rng)
    place = rng.choice(P.PLACE_DATE[spec.lang]).format(city=spec.city, date=date_text)
    blocks.append(Para(place, fam, size, align=rng.choice(["right", "left"])))
    blocks.append(Gap(rng.uniform(3, 7)))
    return blocks


def write_letter(spec: LetterSpec, rng: random.Random) -> list:
    """The letter's blocks, in the layout its kind asks for."""
    from . import content, forms, notes

    if spec.style == "classic":
        return content.letter_blocks(spec, rng)
    if spec.style in notes.STYLES:
        return notes.write(spec, rng)
    return forms.write(spec, rng)
