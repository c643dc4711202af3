"""What the CRM holds of a letter, beside the values read from it.

``mailroom process --crm`` keeps, for each termination letter it looked up, the
CRM's customer and contract as JSON in ``documents.crm`` (``Store.crm_of``,
docs/crm.md). The station shows each of the CRM's values next to the field it
answers, and marks those that differ from the letter's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..normalise import normalise_company, normalise_contract, normalise_digits, normalise_name

# the letter's field -> where the CRM keeps its value (the crm object's part, its key)
SOURCES = {
    "customer_number": ("customer", "customer_number"),
    "contract_number": ("contract", "contract_number"),
    "subscription_date": ("contract", "subscription_date"),
    "contract_type": ("contract", "contract_type"),
    "company_name": ("customer", "company_name"),
    "holder_name": ("customer", "holder_name"),
}
# how two values of a field are compared: what a slip of the pen or of OCR is not
_SAME: dict[str, Callable[[str], str]] = {
    "customer_number": normalise_digits,
    "contract_number": normalise_contract,
    "company_name": normalise_company,
    "holder_name": normalise_name,
}


@dataclass(frozen=True)
class CrmSide:
    """The CRM's values for one letter (None for a part the CRM did not have)."""

    customer: Mapping[str, str] | None  # customer_number, company_name, holder_name
    contract: Mapping[str, str] | None  # contract_number, type, offer, date, state
    corrected: Mapping[str, str]  # each field the CRM settled -> the value as read
    candidates: tuple[str, ...]  # contracts equally close to the one read
    owner: str  # the customer who holds the letter's contract, when it is another

    def value(self, name: str) -> str | None:
        """The CRM's value of a field; None when the CRM has nothing to say of it."""
        part, key = SOURCES.get(name, ("", ""))
        found = {"customer": self.customer, "contract": self.contract}.get(part)
        if found is None:
            return None
        return str(found.get(key) or "")

    def differs(self, name: str, letter_value: str) -> bool:
        """Whether the CRM holds another value than the letter's (one it has)."""
        known = self.value(name)
        if not known:
            return False
        same = _SAME.get(name, str.strip)
        return same(known) != same(letter_value)

    @property
    def fields(self) -> tuple[str, ...]:
        """The letter's fields the CRM has a value for."""
        return tuple(SOURCES)

    @property
    def state(self) -> str:
        return str((self.contract or {}).get("state") or "")

    @property
    def offer(self) -> str:
        return str((self.contract or {}).get("offer") or "")


def crm_side(data: Mapping[str, Any] | None) -> CrmSide | None:
    """The crm object of a record (``Store.crm_of``) as the station shows it."""
    if not data:
        return None
    return CrmSide(data.get("customer") or None, data.get("contract") or None,
                   dict(data.get("corrected") or {}),
                   tuple(str(c) for c in data.get("candidates") or ()),
                   str(data.get("owner") or ""))
