"""What the station says, in the clerk's language: codes in words, and each flag's
details made from its code and values through the catalogues.

The store keeps a flag's message as an English sentence (``validate.MESSAGES``
formatted with the flag's values). The station reads the values back out of it
with the code's own template, or, where a message does not follow its template (a
store written by an older wording, a code with no template here yet), takes them
from the record's fields as mailroom read them; and says the sentence again in the
clerk's language. A flag whose values cannot be had either way is shown with its
stored English message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Protocol

from markupsafe import Markup

from ..validate import ADDRESS_FOR_TYPE, ADDRESS_WORDS, MESSAGES
from . import words
from .words import N_


class Translations(Protocol):
    def ugettext(self, message: str) -> str: ...

    def ungettext(self, singular: str, plural: str, n: int) -> str: ...


# Each flag's details, with its values by name (validate.MESSAGES's names, so that
# they are read back from a stored message); the first whose values are all known
# is said.
DETAILS: dict[str, tuple[str, ...]] = {
    "missing_customer_number": (N_("No customer number was found in the letter."),),
    "invalid_customer_number": (N_("The customer number %(value)s does not have 9 digits."),),
    "missing_contract_number": (N_("No contract number was found in the letter."),),
    "missing_subscription_date": (N_("No subscription date was found in the letter."),),
    "invalid_subscription_date": (
        N_("The subscription date %(value)s is impossible or later than the letter's date."),),
    "wrong_address": (
        N_("The contract type is %(ctype)s: the letter must be sent to %(expected)s; it "
           "was sent to %(recipient)s."),),
    "unknown_contract_type": (
        N_("The contract type is %(ctype)s: no address rule applies, a clerk must decide."),),
    "missing_signature": (N_("The letter is not signed by hand."),),
    "not_holder": (
        N_("Signed by %(signatory)s, who is not the contract holder (%(holder)s)."),
        N_("Signed by %(signatory)s, who is not the contract holder.")),
    "porting_request": (
        N_("Asks to port a number (RIO): no termination is needed, answer the customer."),),
    "duplicate": (N_("Already received as %(first)s."),),
    "low_confidence": (
        N_("Not sure whether this is a termination letter: a clerk must look."),
        N_("Could not read with confidence: %(fields)s. A clerk must look.")),
    "unreadable_file": (N_("The file cannot be read: %(reason)s"),),
    # from the check against the CRM's master data
    "unknown_customer": (N_("The customer number %(value)s is not in the CRM."),),
    "contract_mismatch": (
        N_("The contract %(contract)s is not one of the contracts of customer %(customer)s "
           "in the CRM; it could be %(candidates)s: a clerk must choose."),
        N_("The contract %(contract)s is not one of the contracts of customer %(customer)s "
           "in the CRM; it is a contract of customer %(owner)s."),
        N_("The contract %(contract)s is not one of the contracts of customer %(customer)s "
           "in the CRM.")),
    "subscription_date_mismatch": (
        N_("The letter gives %(value)s as the subscription date; the CRM has %(known)s for "
           "contract %(contract)s."),
        N_("The subscription date %(value)s differs from the CRM's for contract "
           "%(contract)s.")),
    "already_terminated": (
        N_("The contract %(contract)s is already terminated in the CRM."),),
}
# what validate writes for a low_confidence flag on the type of the letter
DOUBT_ABOUT_TYPE = "whether this is a termination letter"
_DOUBT = DETAILS["low_confidence"][0]
SOMEONE_ELSE = N_("someone else")  # validate's word for a signatory it could not name
_ADDRESS_CODES = {said: code for code, said in ADDRESS_WORDS.items()}
# what validate adds to a contract_mismatch message, when it says more
_WHY = (re.compile(r"; it could be (?P<candidates>.+): a clerk must choose\Z"),
        re.compile(r"; it is customer (?P<owner>.+)'s\Z"))
OR = N_("or")


@lru_cache(maxsize=64)
def _pattern(template: str) -> re.Pattern[str]:
    """A message template of validate ("... {value} ...") as a pattern reading its
    values back."""
    parts = re.split(r"\{(\w+)\}", template)
    seen: set[str] = set()
    out = []
    for n, part in enumerate(parts):
        if n % 2 == 0:
            out.append(re.escape(part))
        elif part in seen:
            out.append(f"(?P={part})")
        else:
            seen.add(part)
            out.append(f"(?P<{part}>.*?)")
    return re.compile("".join(out) + r"\Z", re.S)


def read_values(code: str, message: str) -> dict[str, str] | None:
    """The values a stored message was made with, read back with its code's template
    (None when the message does not follow it)."""
    template = MESSAGES.get(code)
    if template is None:
        return None
    found = _pattern(template).match(message)
    return found.groupdict() if found else None


def record_values(code: str, fields: Mapping[str, str], message: str) -> dict[str, str]:
    """The values of a flag as the record's fields (as mailroom read them) give them."""
    ctype = fields.get("contract_type") or "unknown"
    recipient = fields.get("recipient") or "none"
    holder = fields.get("holder_name", "")
    return {
        "value": fields.get("subscription_date" if "subscription" in code
                            else "customer_number", ""),
        "ctype": ctype,
        "expected": ADDRESS_FOR_TYPE.get(ctype, ""),
        "recipient": recipient,
        "signatory": fields.get("signatory_name", ""),
        "holder": f" ({holder})" if holder else "",
        "first": message if code == "duplicate" else "",
        "reason": message if code == "unreadable_file" else "",
        "customer": fields.get("customer_number", ""),
        "contract": fields.get("contract_number", ""),
        "why": "",
    }


class Said:
    """What the station says in one request's language (one translations object)."""

    def __init__(self, translations: Translations) -> None:
        self._t = translations

    # the template's gettext and ngettext, as Jinja's i18n extension makes them
    # (newstyle, autoescaped) but without looking the language up again for each
    def gettext(self, text: str, **values: Any) -> Markup:
        return Markup(self._t.ugettext(text)) % values

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> Markup:
        values.setdefault("num", num)
        return Markup(self._t.ungettext(singular, plural, num)) % values

    def word(self, table: Mapping[str, str], code: str) -> str:
        return self._t.ugettext(table.get(code, code))

    def flag(self, code: str) -> str:
        return self.word(words.FLAG_WORDS, code)

    def doc_type(self, code: str) -> str:
        return self.word(words.DOC_TYPE_WORDS, code)

    def details(self, code: str, message: str, fields: Mapping[str, str],
                record_message: str = "") -> str:
        """A flag's details in the clerk's language; its stored message when its values
        cannot be had (or its code is not known here)."""
        templates = DETAILS.get(code)
        if templates is None:
            return message
        values = record_values(code, fields, record_message)
        read = read_values(code, message)
        if read is not None:  # what the message says wins over the record's fields
            values.update(read)
        if code == "low_confidence" and values.get("fields") == DOUBT_ABOUT_TYPE:
            return self._t.ugettext(_DOUBT)
        why = values.pop("why", "")
        if why:  # more said of a contract_mismatch: which contracts it could be
            found = next((m for p in _WHY if (m := p.match(why))), None)
            if found is None:
                return message
            values.update(found.groupdict())
        shown = {name: self._value(name, value) for name, value in values.items()}
        for template in templates:
            if template == _DOUBT:
                continue
            needed = re.findall(r"%\((\w+)\)s", template)
            if all(shown.get(name) for name in needed):
                return self._t.ugettext(template) % {name: shown[name] for name in needed}
        return message

    def _value(self, name: str, value: str) -> str:
        """A value as the clerk reads it: codes and validate's English words translated,
        anything read from the letter as it is."""
        value = value.strip()
        if name == "ctype":
            return self.word(words.CONTRACT_TYPE_WORDS, value.replace(" ", "_"))
        if name in ("expected", "recipient"):
            return self.word(words.RECIPIENT_WORDS, _ADDRESS_CODES.get(value, value))
        if name == "signatory" and value == SOMEONE_ELSE:
            return self._t.ugettext(SOMEONE_ELSE)
        if name == "holder":
            return value.removeprefix("(").removesuffix(")")
        if name == "candidates":
            return f" {self._t.ugettext(OR)} ".join(value.split(" or "))
        if name == "fields":
            return ", ".join(self._field_name(n) for n in value.split(", ") if n)
        return value

    def _field_name(self, name: str) -> str:
        said = self.word(words.FIELD_WORDS, name.replace(" ", "_"))
        return said[:1].lower() + said[1:]

