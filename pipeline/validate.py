"""The rules of docs/rules.md: each flag is one small rule with its code.

A rule takes what was extracted and returns a Finding or None.  Status follows from
the findings: ``flagged`` with any, ``ok`` with none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .normalise import normalise_name, same_person
from .records import Classification, Extraction, Finding

if TYPE_CHECKING:
    from .matching import CrmMatch

# One message template per code, in plain words for a clerk.
MESSAGES = {
    "missing_customer_number": "No customer number was found in the letter.",
    "invalid_customer_number": "The customer number {value} does not have 9 digits.",
    "missing_contract_number": "No contract number was found in the letter.",
    "missing_subscription_date": "No subscription date was found in the letter.",
    "invalid_subscription_date": "The subscription date {value} is impossible or later than "
                                 "the letter's date.",
    "wrong_address": "A {ctype} contract must be sent to {expected}; this letter was sent to "
                     "{recipient}.",
    "unknown_contract_type": "The contract type is {ctype}: no address rule applies, a clerk "
                             "must decide.",
    "missing_signature": "The letter is not signed by hand.",
    "not_holder": "Signed by {signatory}, who is not the contract holder{holder}.",
    "porting_request": "Asks to port a number (RIO): no termination is needed, answer the "
                       "customer.",
    "duplicate": "Already received as {first}.",
    "low_confidence": "Could not read {fields} with confidence: a clerk must look.",
    "unreadable_file": "{reason}",
    # with the CRM's master data (pipeline/crm.py)
    "unknown_customer": "The customer number {value} is not in the CRM.",
    "contract_mismatch": "The contract {contract} is not one of customer {customer}'s "
                         "contracts{why}.",
    "subscription_date_mismatch": "The letter gives {value} as the subscription date; the CRM "
                                  "has {known} for contract {contract}.",
    "already_terminated": "The contract {contract} is already terminated in the CRM.",
}
ADDRESS_FOR_TYPE = {"fixed_line": "tsa_20001", "internet": "tsa_10018"}
ADDRESS_WORDS = {"tsa_20001": "TSA 20001", "tsa_10018": "TSA 10018",
                 "other": "another address", "none": "no address"}


def finding(code: str, **values: str) -> Finding:
    return Finding(code, MESSAGES[code].format(**values))


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the extraction, plus the holder known from an invoice
    or from the CRM, and what the CRM says of the letter when one was given."""

    kind: Classification
    ext: Extraction
    reference_holder: str = ""
    reference_company: str = ""
    crm: CrmMatch | None = None


def customer_rule(f: Facts) -> Finding | None:
    value = f.ext.get("customer_number")
    if "customer_number" in f.ext.unreadable:
        return None  # low_confidence says it
    if not value:
        return finding("missing_customer_number")
    if len(value) != 9:
        return finding("invalid_customer_number", value=value)
    return None


def contract_rule(f: Facts) -> Finding | None:
    if f.ext.get("contract_number") or "contract_number" in f.ext.unreadable:
        return None
    return finding("missing_contract_number")


def subscription_rule(f: Facts) -> Finding | None:
    if f.ext.impossible_subscription_date:
        return finding("invalid_subscription_date", value=f.ext.impossible_subscription_date)
    value = f.ext.get("subscription_date")
    if not value:
        return finding("missing_subscription_date")
    letter = f.ext.get("letter_date")
    if letter and dt.date.fromisoformat(value) > dt.date.fromisoformat(letter):
        return finding("invalid_subscription_date", value=value)
    return None


def address_rule(f: Facts) -> Finding | None:
    ctype = f.ext.get("contract_type") or "unknown"
    expected = ADDRESS_FOR_TYPE.get(ctype)
    if expected is None:
        return finding("unknown_contract_type", ctype=ctype)
    recipient = f.ext.get("recipient") or "none"
    if recipient != expected:
        return finding("wrong_address", ctype=ctype.replace("_", " "),
                       expected=ADDRESS_WORDS[expected], recipient=ADDRESS_WORDS[recipient])
    return None


def signature_rule(f: Facts) -> Finding | None:
    return None if f.ext.signed else finding("missing_signature")


def holder_rule(f: Facts) -> Finding | None:
    signatory = f.ext.get("signatory_name")
    holder = f.reference_holder or f.ext.get("holder_name")
    shown = f" ({holder})" if holder else ""
    if f.ext.on_behalf:
        return finding("not_holder", signatory=signatory or "someone else", holder=shown)
    company = f.reference_company
    if company and signatory and normalise_name(signatory) == normalise_name(company):
        return None  # the company signs as itself
    if signatory and holder and not same_person(signatory, holder):
        return finding("not_holder", signatory=signatory, holder=shown)
    return None


def unknown_customer_rule(f: Facts) -> Finding | None:
    if f.crm is not None and f.crm.customer is None:
        return finding("unknown_customer", value=f.crm.customer_number)
    return None


def contract_mismatch_rule(f: Facts) -> Finding | None:
    m = f.crm
    if m is None or m.customer is None or m.contract is not None or not m.contract_number:
        return None
    if m.candidates:
        why = f"; it could be {' or '.join(m.candidates)}: a clerk must choose"
    else:
        why = f"; it is customer {m.owner}'s" if m.owner else ""
    return finding("contract_mismatch", contract=m.contract_number,
                   customer=m.customer_number, why=why)


def subscription_mismatch_rule(f: Facts) -> Finding | None:
    m = f.crm
    value = f.ext.get("subscription_date")
    if m is None or m.contract is None or not m.contract.subscription_date or not value \
            or subscription_rule(f) is not None:
        return None  # nothing to compare, or the date's own flag says what is wrong
    if value != m.contract.subscription_date:
        return finding("subscription_date_mismatch", value=value,
                       known=m.contract.subscription_date, contract=m.contract_number)
    return None


def terminated_rule(f: Facts) -> Finding | None:
    if f.crm is not None and f.crm.contract is not None and \
            f.crm.contract.state == "terminated":
        return finding("already_terminated", contract=f.crm.contract_number)
    return None


def confidence_rule(f: Facts) -> Finding | None:
    if f.ext.unreadable:
        return finding("low_confidence", fields=", ".join(n.replace("_", " ")
                                                          for n in f.ext.unreadable))
    return None


LETTER_RULES: tuple[Callable[[Facts], Finding | None], ...] = (
    customer_rule, contract_rule, subscription_rule, address_rule, signature_rule, holder_rule,
    confidence_rule, unknown_customer_rule, contract_mismatch_rule, subscription_mismatch_rule,
    terminated_rule)


def validate(facts: Facts) -> tuple[Finding, ...]:
    """The findings for one document (duplicates are found against the store)."""
    if facts.kind.porting:
        return (finding("porting_request"),)
    if facts.kind.doc_type != "termination_letter":
        return (finding("low_confidence", fields="whether this is a termination letter"),) \
            if facts.kind.uncertain else ()
    return tuple(f for rule in LETTER_RULES if (f := rule(facts)) is not None)


def status(findings: tuple[Finding, ...]) -> str:
    if any(f.code == "unreadable_file" for f in findings):
        return "error"
    return "flagged" if findings else "ok"
