"""Orange-style invoices in several layouts (issue #9): the customer number under
"Votre numéro client" in a left block, in a header table, in a framed box, or inside a
sentence of the side panel; most print the contract number and its subscription date,
and the holder and company in the address block.  Distractors as on real invoices:
invoice number, line number, SIRET, IBAN, Orange's own RCS and capital.

The layouts follow shared/domain.md (the customer number on the left of every Orange
invoice); what else an operator's invoice states (invoice number and date, the date of
subscription, the service, the line) was drawn from (nothing copied):
- "Modèle de lettre de réclamation opérateur", lettres-gratuites.com,
  https://www.lettres-gratuites.com/modele-lettre-reclamation-operateur-belge-2015.html
- "Garder mon numéro", Orange Pro Réunion,
  https://pro.orange.re/assistance/mobile/garder-mon-numero
"""

from __future__ import annotations

import datetime as dt
import random

from .content import (
    LetterSpec,
    business,
    contract_number,
    faker_for,
    group_digits,
    person,
    phone_fr,
    random_date,
    street,
)
from .layout import Abs, Gap, Para, Rect, Table, bold

INVOICE_KINDS = ("invoice_under", "invoice_table", "invoice_box", "invoice_sentence")
# Each offer with the contract type it is (docs/rules.md: Open bundles route as Internet).
OFFERS = {"Open Pro Fibre": "internet", "Livebox Pro": "internet", "Ligne fixe Pro": "fixed_line",
          "Open Pro": "internet", "Business Everywhere": "mobile"}


def _money(v: float) -> str:
    return f"{v:,.2f} €".replace(",", " ").replace(".", ",")


def invoice(kind: str, rng: random.Random, seed: int,
            owner: LetterSpec | None = None) -> tuple[list, dict[str, str]]:
    """An invoice of ``kind``; with ``owner``, the invoice of that letter's writer."""
    fake = faker_for("fr", seed)
    holder = person(fake, rng)
    company = business(fake, "fr") if rng.random() < 0.75 else ""
    customer = f"{rng.randint(100000000, 999999999)}"
    printed, contract = contract_number(rng)
    sub = random_date(rng, dt.date(2012, 1, 1), dt.date(2022, 12, 31))
    if owner is not None:
        holder, company, customer = owner.holder, owner.company, owner.customer
        if owner.contract:
            printed, contract = owner.contract_printed, owner.contract
        if owner.sub_date and owner.sub_date <= owner.letter_date:
            sub = owner.sub_date
    date = random_date(rng, max(sub + dt.timedelta(days=40), dt.date(2023, 1, 1)),
                       dt.date(2026, 10, 1))
    show_contract = rng.random() < 0.85
    show_sub = show_contract and rng.random() < 0.8
    fam = rng.choice(["sans", "arial", "cond"])
    amount = rng.uniform(25, 480)
    refs = [("Votre numéro client", group_digits(customer, rng))]
    if show_contract:
        refs.append((rng.choice(["N° de contrat", "Votre contrat", "Référence contrat"]),
                     printed))
    if show_sub:
        refs.append((rng.choice(["Date de souscription", "Souscrit le", "Client depuis le"]),
                     sub.strftime("%d/%m/%Y")))
    invoice_no = f"{rng.randint(10**9, 10**10 - 1)}"
    address = ([holder.name.upper() if rng.random() < 0.4 else holder.name]
               + ([company] if company else [])
               + [street(fake), f"{fake.postcode()} {fake.city()}"])
    if company and rng.random() < 0.4:  # addressed to the company, for the attention of
        address = [company, f"à l'attention de {holder.name}"] + address[2:]
    blocks: list = [Rect(20, 14, 18, 18, gray=90), Abs(42, 26, ["orange pro"], bold(fam), 16)]
    head = [f"Facture n° {invoice_no}", f"du {date.strftime('%d/%m/%Y')}",
            f"Montant TTC : {_money(amount)}"]
    if kind == "invoice_table":
        blocks.append(Abs(125, 18, head, fam, 9.5))
        blocks.append(Gap(6))
        blocks.append(Table([[lab for lab, _ in refs] + ["Ligne"],
                             [val for _, val in refs] + [phone_fr(rng)]],
                            [40, 38, 34, 34], fam, 8.5, labels="row"))
        blocks.append(Abs(118, 72, address, fam, 10))
    elif kind == "invoice_box":
        blocks.append(Abs(125, 18, head, fam, 9.5))
        lines = ["Vos références"] + [f"{lab} : {val}" for lab, val in refs] + \
                [f"Titulaire : {holder.name}"]
        height = len(lines) * 4.6 + 4
        blocks.append(Rect(18, 42, 84, height, gray=40, outline=True))
        blocks.append(Abs(21, 47, lines, fam, 9))
        blocks.append(Abs(118, 58, address, fam, 10))
    elif kind == "invoice_under":
        lines = []
        for lab, val in refs:
            lines += [lab, val]
        lines += ["Service clients", "3901"]
        blocks.append(Abs(20, 45, lines, fam, 9.5))
        blocks.append(Abs(118, 38, head, fam, 10))
        blocks.append(Abs(118, 66, address, fam, 10))
    else:  # invoice_sentence: the numbers inside the side panel's sentences
        side = [f"Pour toute question, rappelez votre numéro client {refs[0][1]}",
                "au 3901 (service gratuit + prix appel)."]
        if show_contract:
            side += [f"Votre contrat {printed}" + (f", souscrit le {refs[-1][1]}," if show_sub
                                                    else ""),
                     "est reconduit tacitement chaque mois."]
        blocks.append(Abs(20, 42, side, fam, 8.5))
        blocks.append(Abs(118, 62, head, fam, 10))
        blocks.append(Abs(118, 80, address, fam, 10))
    blocks.append(Gap(12))
    blocks.append(Para("Détail de votre facture", bold(fam), 12))
    offer = rng.choice(list(OFFERS))
    rows = [[f"Abonnement {offer}", _money(amount * 0.62)],
            ["Communications et services", _money(amount * 0.21)],
            ["TVA 20 %", _money(amount * 0.17)], ["Total TTC", _money(amount)]]
    blocks.append(Table(rows, [110, 35], fam, 10, grid=rng.random() < 0.5, labels="none"))
    blocks.append(Gap(6))
    blocks.append(Para(f"Prélevé le {(date + dt.timedelta(days=12)).strftime('%d/%m/%Y')} sur "
                       f"le compte FR76 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
                       f"XXXX XXXX {rng.randint(100, 999)}", fam, 9))
    if company:
        blocks.append(Para(f"Votre SIRET : {rng.randint(10**13, 10**14 - 1)}", fam, 9))
    blocks.append(Para("Orange SA au capital de 10 640 226 396 € - 111 quai du Président "
                       "Roosevelt 92130 Issy-les-Moulineaux - RCS Nanterre 380 129 866",
                       fam, 7.5))
    truth = {"doc_type": "invoice", "language": "fr", "customer_number": customer,
             "contract_number": contract if show_contract else "",
             "subscription_date": sub.isoformat() if show_sub else "",
             "contract_type": OFFERS[offer], "recipient": "none", "company_name": company,
             "holder_name": holder.name, "status": "ok", "flags": ""}
    return blocks, truth
