"""Other mail that talks about ending a contract or porting a number, and is neither a
termination request nor a porting request (issue #9): a complaint that threatens to
terminate, a question on how to terminate, an operator's advert for porting a number,
and a notice from Orange about a contract.  All are ``other``, status ``ok``, no flag.

Their truth gives what they state: the customer number and contract number when
printed, the holder (the customer who writes, or to whom Orange writes) and the
company when the sender (or addressee) is one; no signatory, which only a
termination letter is judged on.

Wording drawn from (new sentences, none copied):
- "Comment écrire et envoyer une mise en demeure à son opérateur internet", resilier.com,
  https://www.resilier.com/guides/telecommunications/mise-demeure-internet
- "Litige internet / box", meslitiges.com, https://www.meslitiges.com/litige-internet-box.html
- "Modèle de lettre de réclamation opérateur (erreur de facturation)", lettres-gratuites.com,
  https://www.lettres-gratuites.com/modele-lettre-reclamation-operateur-belge-2015.html
- "Garder mon numéro", Orange Pro Réunion, https://pro.orange.re/assistance/mobile/garder-mon-numero
- "Changer d'opérateur mobile", ticket-conseil.fr,
  https://www.ticket-conseil.fr/telephonie/changer-doperateur-mobile.html
- "Jak abonent może rozwiązać/wypowiedzieć umowę", UKE,
  https://cik.uke.gov.pl/uslugi-teleko/pytania-i-odpowiedzi/umowy-rachunki-platnosci/jak-abonent-moze-rozwiazacwypowiedziec-umowe-o-swiadczenie-uslug-telekomunikacyjnych,14.html
"""

from __future__ import annotations

import datetime as dt
import random

from . import phrases as P
from .content import (
    business,
    contract_number,
    faker_for,
    format_date,
    group_digits,
    person,
    random_date,
    street,
)
from .layout import FAMILIES, Abs, Gap, Ink, Para, Rect, bold

OTHER_KINDS = ("complaint_threat", "howto_question", "porting_advert", "operator_notice")

COMPLAINT = {
    "fr": {"subject": ["Objet : réclamation - coupures répétées", "Objet : dernière relance",
                       "Objet : mise en demeure", "Objet : facturation contestée"],
           "facts": ["Depuis le {day}, notre accès Internet se coupe plusieurs fois par jour "
                     "et notre terminal de paiement ne fonctionne plus.",
                     "Votre facture du {day} comporte des frais d'intervention qu'aucun "
                     "technicien n'a jamais effectués.",
                     "Malgré trois appels au 3901, la ligne de la boutique reste muette depuis "
                     "le {day}."],
           "threat": ["Sans réponse de votre part sous quinze jours, je résilierai mon "
                      "abonnement.",
                      "Si rien n'est fait d'ici la fin du mois, nous envisagerons la "
                      "résiliation du contrat et saisirons le médiateur.",
                      "À défaut d'une solution rapide, je n'aurai d'autre choix que de "
                      "résilier et de changer d'opérateur."],
           "ask": ["Je vous demande de rétablir le service et de me rembourser les jours "
                   "sans connexion.", "Merci de m'adresser un avoir du montant indu."]},
    "pl": {"subject": ["Dotyczy: reklamacja", "Temat: ponowne zgłoszenie awarii"],
           "facts": ["Od {day} internet w naszym biurze działa z przerwami.",
                     "Na fakturze z {day} naliczono opłatę za usługę, której nie zamawiałem."],
           "threat": ["Jeżeli w ciągu 14 dni nie otrzymam odpowiedzi, wypowiem umowę.",
                      "W przypadku braku reakcji rozważę rozwiązanie umowy."],
           "ask": ["Proszę o usunięcie usterki i korektę faktury."]},
    "en": {"subject": ["Subject: complaint - repeated outages", "Re: final reminder"],
           "facts": ["Since {day} our broadband has dropped several times a day.",
                     "The bill dated {day} charges for an engineer visit that never took "
                     "place."],
           "threat": ["If this is not resolved within 14 days, I will cancel my contract.",
                      "Unless I hear from you by the end of the month, we will terminate the "
                      "agreement and switch provider."],
           "ask": ["Please restore the service and credit the days without connection."]},
}
QUESTION = {
    "fr": ["Pourriez-vous m'indiquer la marche à suivre pour résilier {what} ? Faut-il un "
           "courrier recommandé, ou puis-je le faire depuis mon espace client ?",
           "Avant de prendre une décision, j'aimerais savoir si des frais de résiliation "
           "s'appliqueraient à {what}, et à quelle date se termine mon engagement.",
           "Je me renseigne : comment se passe la résiliation de {what} en cas de cessation "
           "d'activité ? Quels justificatifs dois-je fournir ?"],
    "pl": ["Proszę o informację, w jaki sposób mogę wypowiedzieć {what} i czy poniosę "
           "dodatkowe opłaty.", "Czy wypowiedzenie można złożyć przez internet?"],
    "en": ["Could you tell me how to cancel {what}, and whether any early termination fee "
           "applies?", "What is the notice period if I decide to end {what}?"],
}
ADVERT = {
    "fr": {"title": ["CHANGEZ D'OPÉRATEUR, GARDEZ VOTRE NUMÉRO", "La portabilité, c'est "
                     "gratuit !", "Passez chez {brand} en 3 étapes"],
           "lines": ["1. Appelez le 3179 pour obtenir votre code RIO.",
                     "2. Souscrivez votre offre Pro et donnez-nous votre RIO.",
                     "3. Nous transférons votre numéro : votre ancien contrat est résilié "
                     "automatiquement, sans courrier à envoyer.",
                     "Fibre + ligne fixe + mobile : {price} € HT/mois pendant 12 mois.",
                     "Offre réservée aux professionnels, voir conditions en agence."]},
    "pl": {"title": ["ZMIEŃ OPERATORA, ZACHOWAJ NUMER"],
           "lines": ["Przenieś numer do {brand} bez wychodzenia z biura.",
                     "Wypowiedzenie dotychczasowej umowy załatwimy za Ciebie.",
                     "Internet światłowodowy dla firm od {price} zł netto miesięcznie."]},
    "en": {"title": ["SWITCH AND KEEP YOUR NUMBER"],
           "lines": ["Bring your number to {brand}: we handle the porting for you.",
                     "Your old contract ends automatically on the day of transfer.",
                     "Business fibre from {price} a month."]},
}
BRANDS = ("Celtis Pro", "Lumio Télécom", "Vialis Business", "Nordvik Connect")
NOTICE = [("Objet : confirmation de la prise en compte de votre demande",
           "Nous avons bien enregistré la résiliation de votre contrat n° {contract}. Un bon "
           "de retour E-Chronopass vous sera adressé sous 7 jours pour le matériel loué."),
          ("Objet : évolution de vos conditions tarifaires",
           "Le prix de votre offre évolue à compter du {day}. Si vous refusez cette "
           "modification, vous pouvez résilier votre contrat n° {contract} sans frais dans "
           "un délai de quatre mois."),
          ("Objet : votre facture de clôture",
           "Suite à la fin de votre contrat n° {contract}, vous trouverez ci-joint votre "
           "facture de clôture ; le trop-perçu vous sera remboursé sous 10 jours.")]


def other_mail(kind: str, rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    """One piece of other mail of ``kind`` and its truth."""
    return {"complaint_threat": _customer_letter, "howto_question": _customer_letter,
            "porting_advert": _advert, "operator_notice": _notice}[kind](kind, rng, seed)


def _customer_letter(kind: str, rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    lang = rng.choices(["fr", "pl", "en"], weights=[70, 15, 15])[0]
    fake = faker_for(lang, seed)
    who = person(fake, rng)
    fam = rng.choice(FAMILIES)
    size = rng.choice([10, 10.5, 11])
    company = business(fake, lang) if rng.random() < 0.5 else ""
    customer = f"{rng.randint(100000000, 999999999)}" if rng.random() < 0.7 else ""
    contract = contract_number(rng) if rng.random() < 0.4 else ("", "")
    truth = {"doc_type": "other", "language": lang, "status": "ok", "flags": "",
             "customer_number": customer, "contract_number": contract[1],
             "company_name": company, "holder_name": who.name, "signatory_name": who.name}
    sender = ([company] if company else []) + [who.name, street(fake),
                                               f"{fake.postcode()} {fake.city()}"]
    blocks: list = [Abs(22, 22, sender, fam, size)]
    if rng.random() < 0.7:
        blocks.append(Abs(rng.uniform(108, 118), 58, rng.choice(P.RECIPIENTS["other"]
                                                                 + P.RECIPIENTS["tsa_10018"]),
                          fam, size))
    blocks.append(Gap(8))
    date = random_date(rng, dt.date(2023, 1, 2), dt.date(2026, 10, 30))
    blocks.append(Para(rng.choice(P.PLACE_DATE[lang]).format(city=fake.city(), date=format_date(
        date, lang, rng)), fam, size, align="right"))
    day = format_date(date - dt.timedelta(days=rng.randint(10, 60)), lang, rng)
    labels = P.LABELS[lang]
    refs = []
    if customer:
        refs.append(f"{rng.choice(labels['customer'])} : {group_digits(customer, rng)}")
    if contract[0]:
        refs.append(f"{rng.choice(labels['contract'])} : {contract[0]}")
    if kind == "complaint_threat":
        c = COMPLAINT[lang]
        blocks.append(Para(rng.choice(c["subject"]), bold(fam), size))
        body = [rng.choice(c["facts"]).format(day=day), rng.choice(c["ask"]),
                rng.choice(c["threat"])]
    else:
        asked = rng.choice(["fixed", "internet", "open"])
        what = rng.choice(P.WHAT[lang][asked]).format(
            phone="", mobile="").replace(" n° ", " ").strip()
        # the contract the question is about (an Open bundle routes as Internet)
        truth["contract_type"] = "fixed_line" if asked == "fixed" else "internet"
        blocks.append(Para({"fr": "Objet : demande d'information", "pl": "Dotyczy: pytanie",
                            "en": "Subject: question about my contract"}[lang], bold(fam), size))
        body = [rng.choice(QUESTION[lang]).format(what=what)]
    for ref in refs:
        blocks.append(Para(ref, fam, size))
    blocks.append(Para(rng.choice(P.GREETING[lang]), fam, size))
    blocks += [Para(text, fam, size) for text in body]
    blocks.append(Para(rng.choice(P.CLOSING[lang]), fam, size))
    blocks.append(Ink(seed=rng.randint(0, 10**6)))
    blocks.append(Para(who.name, fam, size))
    return blocks, truth


def _advert(kind: str, rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    lang = rng.choices(["fr", "pl", "en"], weights=[80, 10, 10])[0]
    ad = ADVERT[lang]
    brand = rng.choice(BRANDS)
    fam = rng.choice(["sans", "arial", "cond"])
    price = f"{rng.randint(29, 89)},99"
    blocks: list = [Rect(0, 0, 210, rng.uniform(30, 45), gray=rng.randint(150, 215)),
                    Abs(20, 20, [brand], bold(fam), 20), Gap(14),
                    Para(rng.choice(ad["title"]).format(brand=brand), bold(fam), 17,
                         align="center"), Gap(6)]
    for line in ad["lines"]:
        blocks.append(Para(line.format(brand=brand, price=price), fam, 12))
    blocks.append(Gap(10))
    blocks.append(Para(f"{brand} - 0 800 {rng.randint(100, 999)} {rng.randint(100, 999)} - "
                       f"RCS {rng.randint(100, 999)} {rng.randint(100, 999)} "
                       f"{rng.randint(100, 999)}", fam, 8))
    truth = {"doc_type": "other", "language": lang, "status": "ok", "flags": ""}
    return blocks, truth


def _notice(kind: str, rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    fake = faker_for("fr", seed)
    who = person(fake, rng)
    company = business(fake, "fr") if rng.random() < 0.6 else ""
    customer = f"{rng.randint(100000000, 999999999)}"
    printed, contract = contract_number(rng)
    fam = rng.choice(["sans", "arial"])
    date = random_date(rng, dt.date(2023, 1, 2), dt.date(2026, 10, 30))
    subject, text = rng.choice(NOTICE)
    blocks: list = [Rect(20, 14, 16, 16, gray=90), Abs(40, 25, ["orange pro"], bold(fam), 15),
                    Abs(20, 45, ["Votre numéro client", group_digits(customer, rng),
                                 "Service clients : 3901"], fam, 9.5),
                    Abs(112, 55, [who.name] + ([company] if company else []) +
                        [street(fake), f"{fake.postcode()} {fake.city()}"], fam, 10),
                    Gap(14), Para(f"Lille, le {date.strftime('%d/%m/%Y')}", fam, 10,
                                  align="right"),
                    Para(subject, bold(fam), 10.5), Para("Madame, Monsieur,", fam, 10.5),
                    Para(text.format(contract=printed, day=format_date(
                        date + dt.timedelta(days=45), "fr", rng)), fam, 10.5),
                    Para("Nous vous prions d'agréer nos salutations distinguées.", fam, 10.5),
                    Gap(6), Para("Le Service Clients Orange Pro", fam, 10.5)]
    truth = {"doc_type": "other", "language": "fr", "status": "ok", "flags": "",
             "customer_number": customer, "contract_number": contract, "company_name": company,
             "holder_name": who.name}
    return blocks, truth
