"""The CRM extract beside the mail (crm.csv), and the truth with it (truth-crm.csv).

The extract holds the customers of the set's letters and invoices with their
contracts, and as many other customers again, as a French CRM exports it (``;``,
UTF-8 with a BOM, dates as DD/MM/YYYY). Most letters agree with it; some do not, in
the four ways that domain.md's CRM flags name: a customer it does not know, a
contract that is not the customer's, a contract already terminated, a subscription
date that differs. ``truth-crm.csv`` is what a perfect pipeline writes when given
the extract: the CRM's flags added, and the contract type the CRM knows where the
letter does not say it.

Everything here is drawn from a random stream of its own, so that the mail and
truth.csv of a seed are the same bytes as before the CRM existed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from .content import TSA_FOR_TYPE, contract_number, faker_for, person, random_date

if TYPE_CHECKING:
    from .content import LetterSpec
    from .generate import Generated

CRM_COLUMNS = ("N° client", "Société", "Titulaire", "N° contrat", "Type", "Offre",
               "Date de souscription", "Statut")
TYPE_WORDS = {"fixed_line": "fixe", "internet": "internet", "mobile": "mobile"}
OFFERS = {"fixed_line": ("Ligne fixe Pro", "Ligne fixe Essentiel"),
          "internet": ("Open Pro", "Livebox Pro", "Internet Pro Fibre"),
          "mobile": ("Forfait mobile Pro", "Forfait mobile 40 Go")}
STATE_WORDS = {"active": "actif", "terminated": "résilié"}
# The share of letters (with a customer number the CRM can be asked about) that
# disagree with the CRM, each way as often.
VARIATIONS = ("unknown_customer", "contract_mismatch", "already_terminated",
              "subscription_date_mismatch")
VARIATION_SHARE = 0.28
OTHER_CUSTOMERS = 2  # customers with no mail in the set, per letter


def _confusable(a: str, b: str) -> bool:
    """Close enough that a reader could take one for the other (kept apart here)."""
    a, b = (v.replace("-", "").replace(" ", "") for v in (a, b))
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 3


def _date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


class Extract:
    """The CRM being written: customers by number, each with its contracts."""

    def __init__(self) -> None:
        self.customers: dict[str, tuple[str, str]] = {}  # number -> (company, holder)
        self.contracts: dict[str, list[dict[str, str]]] = {}

    def add_customer(self, number: str, company: str, holder: str) -> None:
        if number not in self.customers:
            self.customers[number] = (company, holder)
            self.contracts[number] = []

    def add_contract(self, number: str, contract: str, ctype: str, sub: dt.date,
                     state: str, rng: random.Random) -> bool:
        """Adds a contract unless the customer has one a reader could confuse with it."""
        if any(_confusable(contract, c["contract"]) for c in self.contracts[number]):
            return False
        self.contracts[number].append({"contract": contract, "type": ctype,
                                       "offer": rng.choice(OFFERS[ctype]),
                                       "sub": _date(sub), "state": state})
        return True

    def add_others(self, number: str, rng: random.Random, count: int) -> None:
        for _ in range(count):
            ctype = rng.choice(list(OFFERS))
            sub = random_date(rng, dt.date(2010, 1, 1), dt.date(2024, 12, 31))
            state = "terminated" if rng.random() < 0.2 else "active"
            self.add_contract(number, contract_number(rng)[1], ctype, sub, state, rng)

    def rows(self) -> list[dict[str, str]]:
        out = []
        for number, (company, holder) in self.customers.items():
            for c in self.contracts[number]:
                out.append(dict(zip(CRM_COLUMNS, (
                    number, company, holder, c["contract"], TYPE_WORDS[c["type"]],
                    c["offer"], c["sub"], STATE_WORDS[c["state"]]), strict=True)))
        return out


def _variation(spec: LetterSpec, rng: random.Random) -> str:
    """How this letter disagrees with the CRM ('' when it agrees)."""
    draw = rng.random()
    if len(spec.customer) != 9 or spec.smudge or draw >= VARIATION_SHARE:
        return ""
    variation = VARIATIONS[int(draw / VARIATION_SHARE * len(VARIATIONS))]
    if variation != "unknown_customer" and not spec.contract:
        return ""
    if variation == "subscription_date_mismatch" and (
            spec.sub_date is None or spec.sub_date > spec.letter_date):
        return ""
    return variation


def _letter_customer(crm: Extract, spec: LetterSpec, variation: str,
                     rng: random.Random) -> str:
    """Writes the letter's customer and contracts; returns the CRM's contract type of
    the letter's contract ('' when the CRM does not hold it)."""
    crm.add_customer(spec.customer, spec.company, spec.holder.name)
    ctype = {"fixed": "fixed_line", "internet": "internet", "open": "internet",
             "mobile": "mobile"}.get(spec.kind) or rng.choice(list(OFFERS))
    sub = spec.sub_date if spec.sub_date and spec.sub_date <= spec.letter_date else \
        random_date(rng, dt.date(2012, 1, 1), spec.letter_date - dt.timedelta(days=90))
    if variation == "subscription_date_mismatch":
        sub = sub - dt.timedelta(days=rng.randint(30, 900))
    state = "terminated" if variation == "already_terminated" else "active"
    held = ""
    if spec.contract and variation != "contract_mismatch":
        crm.add_contract(spec.customer, spec.contract, ctype, sub, state, rng)
        held = ctype
    others = rng.randint(1, 2) if variation == "contract_mismatch" or not spec.contract \
        else rng.choice([0, 0, 1, 2])
    crm.add_others(spec.customer, rng, others)
    return held


def _with_crm(truth: dict[str, str], spec: LetterSpec, variation: str,
              crm_type: str) -> dict[str, str]:
    """The letter's truth when the pipeline is given the extract."""
    flags = {f for f in truth["flags"].split(";") if f}
    row = dict(truth)
    if variation:
        flags.add(variation)
    if crm_type and truth["contract_type"] == "unknown":  # the CRM says what the letter does not
        row["contract_type"] = crm_type
        flags.discard("unknown_contract_type")
        if crm_type not in TSA_FOR_TYPE:
            flags.add("unknown_contract_type")
        elif spec.recipient != TSA_FOR_TYPE[crm_type]:
            flags.add("wrong_address")
    row["flags"] = ";".join(sorted(flags))
    if row["status"] != "error":
        row["status"] = "flagged" if flags else "ok"
    return row


def master_data(written: list[Generated], seed: int) -> tuple[list[dict[str, str]],
                                                              list[dict[str, str]]]:
    """The extract's rows and the truth with the CRM, for the files of one set."""
    rng = random.Random(f"mailgen-crm-{seed}")
    crm = Extract()
    drawn: dict[int, tuple[str, str]] = {}  # a letter (and its duplicates): variation, type
    truth = []
    for g in written:
        spec = g.spec
        if spec is None:
            truth.append(g.truth)
            continue
        if id(spec) not in drawn:
            variation = _variation(spec, rng)
            held = _letter_customer(crm, spec, variation, rng) \
                if len(spec.customer) == 9 and variation != "unknown_customer" else ""
            drawn[id(spec)] = (variation, held)
        variation, held = drawn[id(spec)]
        truth.append(_with_crm(g.truth, spec, variation, held))
    # a letter's customer has the contracts drawn above (its invoice, if any, shows one
    # of them): only the other invoices' customers are added
    letters = {g.spec.customer for g in written if g.spec is not None}
    for g in written:
        t = g.truth
        number = t.get("customer_number", "")
        if t["doc_type"] != "invoice" or len(number) != 9 or number in letters \
                or number in crm.customers:
            continue
        crm.add_customer(number, t["company_name"], t["holder_name"])
        if t.get("contract_number") and t["contract_type"] in OFFERS:
            crm.add_contract(number, t["contract_number"], t["contract_type"],
                             random_date(rng, dt.date(2012, 1, 1), dt.date(2023, 12, 31)),
                             "active", rng)
    fake = faker_for("fr", seed)
    for _ in range(OTHER_CUSTOMERS * sum(1 for g in written if g.spec is not None)):
        number = f"{rng.randint(0, 999_999_999):09d}"  # some begin with zeros
        if number in crm.customers or number in letters:
            continue
        holder = person(fake, rng).name
        company = f"SARL {fake.last_name()}" if rng.random() < 0.6 else ""
        crm.add_customer(number, company, holder)
        crm.add_others(number, rng, rng.randint(1, 3))
    return crm.rows(), truth


def write_master_data(out: Path, written: list[Generated], seed: int,
                      truth_columns: tuple[str, ...]) -> None:
    """crm.csv (as a French CRM exports it) and truth-crm.csv beside the mail."""
    rows, truth = master_data(written, seed)
    with (out / "crm.csv").open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, fieldnames=CRM_COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    with (out / "truth-crm.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=truth_columns)
        writer.writeheader()
        writer.writerows(truth)
