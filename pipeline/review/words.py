"""Codes in plain words, for the station and the report (English; the station
translates them through its catalogues, where they are marked with ``N_``)."""

from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802 - gettext's marker for strings translated later
    return text


FLAG_WORDS = {
    "missing_customer_number": N_("No customer number"),
    "invalid_customer_number": N_("Customer number is not 9 digits"),
    "missing_contract_number": N_("No contract number"),
    "missing_subscription_date": N_("No subscription date"),
    "invalid_subscription_date": N_("Impossible subscription date"),
    "wrong_address": N_("Sent to the wrong address"),
    "unknown_contract_type": N_("Contract type unclear: no address rule"),
    "missing_signature": N_("Not signed"),
    "not_holder": N_("Not signed by the contract holder"),
    "porting_request": N_("Asks to port a number: answer, no termination"),
    "duplicate": N_("Already received"),
    "low_confidence": N_("Read with low confidence"),
    "unreadable_file": N_("The file cannot be read"),
    "unknown_customer": N_("Customer not in the CRM"),
    "contract_mismatch": N_("Contract is not this customer's"),
    "subscription_date_mismatch": N_("Subscription date differs from the CRM"),
    "already_terminated": N_("Contract already terminated"),
}
DOC_TYPE_WORDS = {
    "termination_letter": N_("termination letter"),
    "invoice": N_("invoice"),
    "other": N_("other mail"),
    "error": N_("unreadable file"),
}
STATUS_WORDS = {
    "ok": N_("ok"), "flagged": N_("for a clerk"), "error": N_("unreadable"),
    "rejected": N_("rejected"),
}
DECISION_WORDS = {"accept": N_("accepted"), "reject": N_("rejected"),
                  "set_aside": N_("set aside")}
FIELD_WORDS = {
    "doc_type": N_("Type"), "language": N_("Language"),
    "customer_number": N_("Customer number"), "contract_number": N_("Contract number"),
    "subscription_date": N_("Subscription date"), "letter_date": N_("Letter date"),
    "contract_type": N_("Contract type"), "recipient": N_("Sent to"),
    "company_name": N_("Company"), "holder_name": N_("Holder"),
    "signatory_name": N_("Signed by"),
}
CONTRACT_TYPE_WORDS = {"fixed_line": N_("fixed line"), "internet": N_("Internet or Open"),
                       "mobile": N_("mobile"), "unknown": N_("unknown")}
RECIPIENT_WORDS = {"tsa_20001": "TSA 20001", "tsa_10018": "TSA 10018",
                   "other": N_("another address"), "none": N_("no address")}
# a contract's state in the CRM's extract (docs/crm.md)
CRM_STATE_WORDS = {"active": N_("contract active"), "terminated": N_("contract terminated")}
ROLE_WORDS = {"clerk": N_("clerk"), "supervisor": N_("supervisor")}
# the values a clerk chooses from, rather than types
CHOICES = {
    "doc_type": tuple(DOC_TYPE_WORDS),
    "language": ("fr", "pl", "en", ""),
    "contract_type": tuple(CONTRACT_TYPE_WORDS),
    "recipient": tuple(RECIPIENT_WORDS),
}


def value_words(name: str, value: str) -> str:
    """A field's value as a person reads it (a code in words; anything else as is)."""
    table = {"doc_type": DOC_TYPE_WORDS, "contract_type": CONTRACT_TYPE_WORDS,
             "recipient": RECIPIENT_WORDS}.get(name, {})
    return table.get(value, value)
