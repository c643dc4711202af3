"""The mail around the letters: Orange-style invoices, adverts, complaints that end
nothing, and number-porting requests (with their truth)."""

from __future__ import annotations

import datetime as dt
import random

from .content import business, faker_for, group_digits, person, phone_fr, random_date, street
from .layout import FAMILIES, Abs, Gap, Ink, Para, Rect, bold


def invoice(rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    """An Orange-style invoice: the customer number in a labelled block on the left."""
    fake = faker_for("fr", seed)
    holder = person(fake, rng)
    customer = f"{rng.randint(100000000, 999999999)}"
    fam = rng.choice(["sans", "arial", "cond"])
    date = random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 10, 1))
    amount = rng.uniform(25, 480)
    label = rng.choice(["N° client", "Numéro client", "Votre numéro client", "Référence client",
                        "N° de client"])
    left = ["Vos références", f"{label} : {group_digits(customer, rng)}",
            f"Titulaire : {holder.name.upper() if rng.random() < 0.5 else holder.name}",
            f"Ligne : {phone_fr(rng)}",
            "Service clients : 3901"]
    siret = f"{rng.randint(10**13, 10**14 - 1)}"
    right = [f"Facture n° {rng.randint(10**9, 10**10 - 1)}",
             f"du {date.strftime('%d/%m/%Y')}",
             f"Montant TTC : {amount:.2f} €".replace(".", ","),
             f"À payer avant le {(date + dt.timedelta(days=15)).strftime('%d/%m/%Y')}"]
    company = business(fake, "fr")
    blocks: list = [
        Rect(20, 14, 18, 18, gray=90),
        Abs(42, 26, ["orange pro"], bold(fam), 16),
        Abs(20, 45, left, fam, 9.5),
        Abs(118, 45, right, fam, 10),
        Abs(118, 75, [holder.name, company, street(fake),
                      f"{fake.postcode()} {fake.city()}"], fam, 10),
        Gap(20),
        Para("Détail de votre facture", bold(fam), 12),
        Para(f"Abonnement Open Pro ............ {amount * 0.6:.2f} €".replace(".", ","), fam, 10),
        Para(f"Communications ............ {amount * 0.25:.2f} €".replace(".", ","), fam, 10),
        Para(f"TVA 20 % ............ {amount * 0.15:.2f} €".replace(".", ","), fam, 10),
        Para(f"Total TTC ............ {amount:.2f} €".replace(".", ","), bold(fam), 10),
        Gap(8),
        Para(f"Prélèvement sur le compte IBAN FR76 {rng.randint(1000, 9999)} "
             f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
             f"{rng.randint(100, 999)}", fam, 9),
        Para(f"Votre SIRET : {siret}", fam, 9),
        Para("Orange SA au capital de 10 640 226 396 € - 78 rue Olivier de Serres 75015 Paris"
             " - RCS Paris 380 129 866", fam, 7.5),
    ]
    truth = {"doc_type": "invoice", "language": "fr", "customer_number": customer,
             "contract_type": "internet", "recipient": "none",
             "company_name": company, "holder_name": holder.name, "status": "ok", "flags": ""}
    return blocks, truth


def other_mail(rng: random.Random, seed: int) -> tuple[list, dict[str, str]]:
    """Adverts, complaints that end nothing, and number-porting requests."""
    kind = rng.choice(["advert", "complaint", "complaint", "porting", "porting"])
    lang = "fr" if kind == "advert" else rng.choices(["fr", "pl", "en"], weights=[70, 15, 15])[0]
    fake = faker_for(lang, seed)
    who = person(fake, rng)
    fam = rng.choice(FAMILIES)
    customer = f"{rng.randint(100000000, 999999999)}"
    show_customer = kind != "advert" and rng.random() < 0.7
    # a customer writing about their own contract states who holds it; an advert does not
    truth = {"doc_type": "other", "language": lang, "status": "ok", "flags": "",
             "customer_number": customer if show_customer else "",
             "holder_name": who.name if kind != "advert" else "",
             "signatory_name": who.name if kind != "advert" else ""}
    blocks: list = [Abs(22, 22, [who.name, street(fake),
                                 f"{fake.postcode()} {fake.city()}"], fam, 10.5)]
    blocks.append(Gap(30))
    cust = {"fr": f"N° client : {customer}", "pl": f"Numer klienta: {customer}",
            "en": f"Customer number: {customer}"}[lang]
    if kind == "advert":
        blocks = [Para("OFFRE EXCLUSIVE PROFESSIONNELS", bold(fam), 18, align="center"),
                  Gap(8),
                  Para("Équipez votre entreprise de la fibre dès 29,99 € HT/mois pendant 12 mois,"
                       " puis 49,99 € HT/mois. Appelez le 0 800 12 34 56.", fam, 12),
                  Para("Offre valable jusqu'au 31/12/2026 pour toute nouvelle souscription.",
                       fam, 11),
                  Para(f"Code avantage : PRO{rng.randint(1000, 9999)}", bold(fam), 12)]
        return blocks, truth
    if show_customer:
        blocks.append(Para(cust, fam, 10.5))
    if kind == "complaint":
        body = {
            "fr": [f"Je conteste le montant de la facture du {rng.randint(1, 28)}/0"
                   f"{rng.randint(1, 9)}/2025 : des communications ont été facturées deux fois.",
                   "Je ne souhaite pas résilier mon contrat, mais je demande un avoir.",
                   "Merci de corriger cette erreur rapidement."],
            "pl": ["Reklamuję fakturę za ostatni miesiąc: opłata została naliczona dwukrotnie.",
                   "Nie chcę rozwiązywać umowy, proszę jedynie o korektę."],
            "en": ["I dispute the amount on my last invoice: some calls were billed twice.",
                   "I do not wish to cancel my contract; please issue a credit note."],
        }[lang]
        blocks.append(Para({"fr": "Objet : réclamation", "pl": "Dotyczy: reklamacja",
                            "en": "Subject: billing complaint"}[lang], bold(fam), 11))
    else:
        rio = f"{rng.randint(1, 99):02d}{rng.choice('PE')}{rng.randint(100000, 999999)}" \
              f"{''.join(rng.choices('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', k=3))}"
        truth["flags"] = "porting_request"
        truth["status"] = "flagged"
        body = {
            "fr": ["Je souhaite conserver mon numéro et le transférer chez un autre opérateur.",
                   f"Mon code RIO est {rio}, obtenu au 3179.",
                   "Merci de me confirmer la résiliation de ma ligne après la portabilité."],
            "pl": ["Chcę przenieść mój numer do innego operatora.",
                   f"Mój kod RIO: {rio}. Proszę o rozwiązanie umowy po przeniesieniu numeru."],
            "en": ["I want to keep my number and move it to another operator.",
                   f"My RIO code is {rio}. Please end my line once the number is ported."],
        }[lang]
        blocks.append(Para({"fr": "Objet : portabilité de mon numéro",
                            "pl": "Dotyczy: przeniesienie numeru",
                            "en": "Subject: number porting"}[lang], bold(fam), 11))
    for text in body:
        blocks.append(Para(text, fam, 10.5))
    blocks.append(Gap(6))
    blocks.append(Ink(seed=rng.randint(0, 10**6)))
    blocks.append(Para(who.name, fam, 10.5))
    return blocks, truth
