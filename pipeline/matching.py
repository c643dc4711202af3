"""A letter read with what the CRM knows: its customer, its contract, their values.

The candidates for a contract number are the customer's own contracts (a handful,
whatever the size of the CRM). A value read with an OCR slip takes the one CRM
value it can only be; its evidence then says "matched in the CRM" and keeps the
value as read. Two equally close candidates are never settled by guessing: the
letter goes to a clerk with both named. A customer number is corrected only to a
customer whose holder or company is the letter's.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .normalise import normalise_contract, normalise_name, same_person
from .records import Evidence, Extraction, FieldValue

if TYPE_CHECKING:  # pandas is imported by the main process only, when given an extract
    from .crm import Crm, CrmContract

# Characters OCR takes for one another: in a contract number letters and digits
# (S/5, B/8, O/0, I/1, Z/2, G/6), round letters whose stroke a poor scan opens or
# closes (C/G, Q/O, U/O, U/0), a J whose hook fades (J/I), and digits that look alike
# on a poor scan.
LOOKALIKES: tuple[str, ...] = ("S5", "B8", "O0", "D0", "Q0", "I1", "L1", "Z2", "G6", "T7",
                               "A4", "CG", "QO", "UO", "U0", "IJ",
                               "08", "38", "56", "68", "17", "69", "89", "06", "09")
_PAIRS = {frozenset(p) for p in LOOKALIKES}
# Each character's look-alikes (for the numbers one confusion from the one read), and
# a digit's among the digits (for a customer number).
PARTNERS: dict[str, str] = {c: "".join(sorted({x for q in LOOKALIKES if c in q for x in q
                                               if x != c}))
                            for p in LOOKALIKES for c in p}
DIGIT_LOOKALIKES: dict[str, str] = {d: "".join(c for c in PARTNERS.get(d, "") if c.isdigit())
                                    for d in "0123456789"}
SEPARATORS = str.maketrans("", "", " -./_")
CODE_CHARACTERS = string.ascii_uppercase + string.digits
# Cost of an edit between two contract numbers: a separator lost or added is free, a
# look-alike character one confusion, anything else (another character, one lost or
# added) counts as three.
OTHER_EDIT = 3
# The most a value may be from its CRM value to be taken as it: one slip of any kind
# (or up to three look-alikes) when read with confidence, one look-alike more when OCR
# was unsure of it. Only the customer's own contracts are candidates, and a tie is
# never taken, so a genuinely different number is not matched to a near one.
MAX_CONFIDENT, MAX_UNSURE = 3, 4
# A contract number read in part is matched to the one contract that holds it when at
# least this long: a code's body, not a year or a short group.
MIN_PART = 7
# ... or this long when it mixes letters and digits ('9TJX' of '8-9TJXVN' lost its last
# group): no year, postcode or short group of digits has that shape
MIN_MIXED_PART = 5
# A letter with neither number has at most this many of its page's codes sought one slip
# of any kind away (about a thousand lookups each): a page of 400 codes costs what one
# of 40 does.
MAX_SLIP_CODES = 40
# A customer number is matched by its contract only with at most this many digits wrong.
MAX_CUSTOMER_DIGITS = 3
# A customer number read in part (digits lost, others misread) is the contract holder's
# only when it is that number with at most this many digits wrong beyond those lost:
# digits read from something else (a date under a smudge) are no part of it.
MAX_PART_SLIPS = 2


def _bare(contract: str) -> str:
    """A contract number as it is compared: in capitals, without separators."""
    return normalise_contract(contract).translate(SEPARATORS)


def _edit_cost(a: str, b: str, other: int, look_alike: int) -> int:
    """Edit distance from ``a`` to ``b``: a character put in, taken out or replaced
    costs ``other``, one replaced by its look-alike ``look_alike``."""
    prev = list(range(0, (len(b) + 1) * other, other))
    for i, ca in enumerate(a, 1):
        cur = [i * other]
        for j, cb in enumerate(b, 1):
            sub = 0 if ca == cb else look_alike if frozenset((ca, cb)) in _PAIRS else other
            cur.append(min(prev[j - 1] + sub, prev[j] + other, cur[j - 1] + other))
        prev = cur
    return prev[-1]


def distance(read: str, known: str) -> int:
    """Weighted edit distance between two contract numbers (see OTHER_EDIT)."""
    return _edit_cost(_bare(read), _bare(known), OTHER_EDIT, 1)


def _read_in_part(read: str, known: str) -> bool:
    """Whether ``read`` can be ``known`` read in part: nothing read at all, or its
    digits with a few lost and at most MAX_PART_SLIPS others wrong (any digit for any)."""
    return not read or \
        _edit_cost(read, known, 1, 1) <= abs(len(known) - len(read)) + MAX_PART_SLIPS


def customer_variants(number: str, any_digit: bool = False) -> list[str]:
    """The customer numbers one look-alike digit away from ``number``, or with
    ``any_digit`` one digit of any kind (a handwritten 5 read as 9)."""
    return [number[:i] + d + number[i + 1:] for i, ch in enumerate(number)
            for d in ("0123456789" if any_digit else DIGIT_LOOKALIKES.get(ch, "")) if d != ch]


@dataclass(frozen=True)
class CrmMatch:
    """What the CRM says of one letter: the rules of validate.py read it."""

    customer: CrmContract | None  # the customer's row (company, holder); None: unknown
    contract: CrmContract | None  # the letter's contract among the customer's
    customer_number: str  # as the letter gives it once matched
    contract_number: str
    candidates: tuple[str, ...] = ()  # contracts equally close to the one read
    owner: str = ""  # the customer who holds the contract read, when it is another
    corrected: tuple[tuple[str, str], ...] = ()  # (field, value as read) taken from the CRM

    def as_dict(self) -> dict[str, Any]:
        """The CRM's values for the record (records.jsonl, the store), for the clerk."""
        return {"customer": ({k: v for k, v in self.customer.as_dict().items()
                              if k in ("customer_number", "company_name", "holder_name")}
                             if self.customer else None),
                "contract": ({k: v for k, v in self.contract.as_dict().items()
                              if k not in ("company_name", "holder_name")}
                             if self.contract else None),
                "corrected": dict(self.corrected), "candidates": list(self.candidates),
                "owner": self.owner}


def names_match(names: Iterable[str], customer: CrmContract | None) -> bool:
    """Whether one of the letter's names is the CRM's holder or company."""
    if customer is None:
        return False
    known = [n for n in (customer.holder_name, customer.company_name) if n]
    return any(same_person(n, k) or normalise_name(n) == normalise_name(k)
               for n in names if n for k in known)


def _closest(read: str, contracts: list[CrmContract], unsure: bool
             ) -> tuple[CrmContract | None, tuple[str, ...]]:
    """The one contract ``read`` can only be, or the tied candidates."""
    if not contracts:
        return None, ()
    scored = sorted((distance(read, c.contract_number), c.contract_number, c)
                    for c in contracts)
    best = scored[0][0]
    if best > (MAX_UNSURE if unsure else MAX_CONFIDENT):
        return _holding(read, contracts), ()
    tied = tuple(n for d, n, _ in scored if d == best)
    return (scored[0][2], ()) if len(tied) == 1 else (None, tied)


def _body(contract: str) -> str:
    """A contract number without its letters prefix ('FT', 'PRO', 'CTR-')."""
    return re.sub(r"^[A-Z]+", "", _bare(contract))


def _holding(read: str, contracts: list[CrmContract]) -> CrmContract | None:
    """The one contract that a value read in part can only be: one that holds it whole
    (OCR lost a prefix or a last group), or else one whose body it is but for one
    look-alike (OCR garbled the letters before it, or read them as other characters).
    Nothing shorter than MIN_PART, or MIN_MIXED_PART for letters and digits."""
    part, body = _bare(read), _body(read)
    mixed = any(c.isalpha() for c in part) and any(c.isdigit() for c in part)
    long_enough = len(part) >= (MIN_MIXED_PART if mixed else MIN_PART)
    holding = [c for c in contracts if long_enough and part in _bare(c.contract_number)]
    if not holding and len(body) >= MIN_PART:
        holding = [c for c in contracts if distance(body, _body(c.contract_number)) <= 1]
    if not holding:
        holding = [c for c in contracts if _prefix_garbled(part, c.contract_number)]
    return holding[0] if len(holding) == 1 else None


def _prefix_garbled(part: str, known: str) -> bool:
    """``part`` is ``known`` whose letters prefix OCR read as other characters, digits
    among them ('13413707619' for 'TJ413707619', '111398638956' for 'FH398638956'): as
    long, but for a character more or less in the prefix, and its end the known body
    but for one look-alike."""
    whole, body = _bare(known), _body(known)
    return abs(len(part) - len(whole)) <= 1 and len(body) >= MIN_PART \
        and len(body) < len(whole) and len(part) > len(body) \
        and distance(part[-len(body):], body) <= 1


def _on_the_page(codes: tuple[str, ...], contracts: list[CrmContract]
                 ) -> tuple[CrmContract | None, str]:
    """The one contract of the customer that one of the document's codes can only be,
    and that code: for a letter where no label or word named the contract."""
    bare_codes = [(code, len(_bare(code))) for code in codes]
    best: dict[str, tuple[int, str, CrmContract]] = {}  # contract: (distance, code, row)
    for c in contracts:
        size = len(_bare(c.contract_number))
        for code, code_size in bare_codes:
            if abs(code_size - size) * OTHER_EDIT > MAX_CONFIDENT:
                continue  # too long or too short to be it
            d = distance(code, c.contract_number)
            if d <= MAX_CONFIDENT and (c.contract_number not in best
                                       or d < best[c.contract_number][0]):
                best[c.contract_number] = (d, code, c)
    if not best:
        # a code read in part: the one contract that it can only be
        held = {whole.contract_number: (whole, code) for code in codes
                if (whole := _holding(code, contracts)) is not None}
        return next(iter(held.values())) if len(held) == 1 else (None, "")
    low = min(d for d, _, _ in best.values())
    found = [(code, c) for d, code, c in best.values() if d == low]
    if len(found) != 1:
        return None, ""  # two contracts as near: a clerk says which
    code, contract = found[0]
    return contract, code


def _named_on_the_page(crm: Crm, codes: tuple[str, ...], names: list[str]
                       ) -> tuple[CrmContract, str] | None:
    """The one contract among the document's codes whose holder or company the
    document names, and that code: for a letter that gives no customer number, where no
    label or word named the contract.  A code printed whole, or one slip from it
    (``_contract_by_names``: 'ET 8986 1745 26' for 'FT…') when it is long enough to be
    no year, postcode or short group, and of a contract's length but for a character;
    the first MAX_SLIP_CODES such codes only (a contract is quoted early)."""
    if not any(names):
        return None  # no name to say whose it is
    found: dict[str, tuple[CrmContract, str]] = {}
    tried: set[str] = set()
    for code in codes:
        c = crm.contract(code)
        size = len(bare := _bare(code))
        if c is None and size >= MIN_PART and bare not in tried \
                and len(tried) < MAX_SLIP_CODES and {size - 1, size, size + 1} & crm.sizes:
            tried.add(bare)  # a slip away from a contract's length at most
            c = _contract_by_names(crm, code, names)
        if c is not None and names_match(names, c):
            found.setdefault(c.contract_number, (c, code))
    return next(iter(found.values())) if len(found) == 1 else None


def _one_in_the_crms_form(codes: tuple[str, ...], shapes: frozenset[tuple[str, str]],
                          customer: str) -> tuple[str, str] | None:
    """The one contract number the document's codes hold in the CRM's forms of number
    (read whole in one, or in one but for look-alike characters, see ``reshaped``),
    and the code as read; None for none or several.  Only a code that begins with a
    letter: digits alone may be any number's (a SIRET's '76918822853' is not
    'TG918822853'), and never the customer number, nor a code that holds it."""
    found: dict[str, tuple[str, str]] = {}
    for code in codes:
        if not code[:1].isalpha() or (customer and customer in code.translate(SEPARATORS)):
            continue
        value = code if in_form(code, shapes) else reshaped(code, shapes, letter_slip=False)
        if value:
            found.setdefault(normalise_contract(value), (value, code))
    return found.popitem()[1] if len(found) == 1 else None


def _find_customer(crm: Crm, number: str, contract: str, names: list[str],
                   codes: tuple[str, ...] = ()) -> str:
    """The one customer a misread number can be: a look-alike digit away with the
    letter's names, or the holder of the letter's contract with the letter's names
    (where no label named the contract: of a code on the page that is a contract); or
    else, where no customer at all is a look-alike away, any one digit away with one
    of the letter's names exactly."""
    alike = [v for v in customer_variants(number) if crm.has_customer(v)]
    found = {v for v in alike if names_match(names, crm.customer(v))}
    owners = [crm.contract(contract) or _contract_by_names(crm, contract, names)] if contract \
        else [crm.contract(c) for c in codes]
    for owner in owners:
        if owner and owner.customer_number != number and names_match(names, owner) and \
                sum(a != b for a, b in zip(owner.customer_number, number, strict=True)) \
                <= MAX_CUSTOMER_DIGITS:
            found.add(owner.customer_number)
    if not found and not alike:
        # no customer a look-alike away at all: one digit of any kind misread, when the
        # letter names that customer exactly (not "Jeanne" for "Jean")
        found = {v for v in customer_variants(number, any_digit=True)
                 if _named_exactly(names, crm.customer(v))}
    return found.pop() if len(found) == 1 else ""


def _named_exactly(names: Iterable[str], customer: CrmContract | None) -> bool:
    """Whether one of the letter's names is the CRM's holder or company, word for word
    (in any order, without accents or case): no slip allowed."""
    if customer is None:
        return False
    known = {" ".join(sorted(normalise_name(k).split()))
             for k in (customer.holder_name, customer.company_name) if k}
    return any(" ".join(sorted(normalise_name(n).split())) in known for n in names if n)


def _one_digit_more_or_less(crm: Crm, number: str, names: list[str]) -> str:
    """The one customer whose number is ``number`` with a digit taken out or put in
    (8 or 10 digits read for 9), and whose holder or company the letter names."""
    if len(number) == 10:
        variants = {number[:i] + number[i + 1:] for i in range(10)}
    else:
        variants = {number[:i] + d + number[i:] for i in range(9) for d in "0123456789"}
    found = {v for v in variants if names_match(names, crm.customer(v))}
    return found.pop() if len(found) == 1 else ""


def _customer_on_the_page(crm: Crm, codes: tuple[str, ...], names: list[str]) -> str:
    """The one 9-digit number of the document that is a customer whose holder or company
    the document names: a number printed where no label or customer word stood."""
    found = {d for code in codes if len(d := code.translate(SEPARATORS)) == 9
             and d.isdigit() and names_match(names, crm.customer(d))}
    return found.pop() if len(found) == 1 else ""


def _one_edit(key: str) -> set[str]:
    """The numbers one slip of any kind from ``key``: a character replaced by another,
    one lost (a letter, a digit or a hyphen put back), or one read in excess."""
    return ({key[:i] + c + key[i + 1:] for i in range(len(key)) for c in CODE_CHARACTERS}
            | {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in CODE_CHARACTERS + "-"}
            | {key[:i] + key[i + 1:] for i in range(len(key))}) - {key}


def _contract_by_names(crm: Crm, contract: str, names: list[str]) -> CrmContract | None:
    """The one contract one look-alike character from ``contract`` whose holder or company
    the letter names, or where no contract is a look-alike away, one slip of any kind
    from it (``_one_edit``): looked up by number, a thousand lookups at most whatever
    the CRM's size."""
    key = normalise_contract(contract)
    alike = [c for i, ch in enumerate(key) for other in PARTNERS.get(ch, "")
             if (c := crm.contract(key[:i] + other + key[i + 1:]))]
    if not alike:
        # no contract at all a look-alike away (anyone's: "…23S" is another's "…235"
        # sooner than the letter's holder's "…234"): one slip of any kind
        alike = [c for n in _one_edit(key) if (c := crm.contract(n))]
    found = {c.contract_number: c for c in alike if names_match(names, c)}
    return found.popitem()[1] if len(found) == 1 else None


def _one_contract(found: Iterable[CrmContract | None]) -> CrmContract | None:
    """The one contract found, or None for none or several."""
    by_number = {c.contract_number: c for c in found if c is not None}
    return by_number.popitem()[1] if len(by_number) == 1 else None


def _by_names_again(crm: Crm, ext: Extraction, names: list[str]) -> CrmContract | None:
    """``_contract_by_names`` for the values the contract was read as again: the one
    contract they lead to."""
    return _one_contract(_contract_by_names(crm, again, names)
                         for again in _seconds(ext, "contract_number"))


def _by_names_around(crm: Crm, ext: Extraction, contract: str, names: list[str]
                     ) -> CrmContract | None:
    """``_contract_by_names`` for the page's codes that hold the contract read and a
    character or two beside it ('R4519516351' for '4519516351': a prefix's letter
    that OCR set apart, 'R 4519…'): the one contract they lead to."""
    key = _bare(contract)
    return _one_contract(_contract_by_names(crm, code, names) for code in ext.codes
                         if key in (bare := _bare(code)) and 0 < len(bare) - len(key) <= 2)


def _closest_again(readings: list[str], contracts: list[CrmContract], unsure: bool
                   ) -> CrmContract | None:
    """The one contract of the customer's that the values read again lead to (each as
    ``_closest``), when the first reading led to none."""
    return _one_contract(_closest(again, contracts, unsure)[0] for again in readings)


def _as_letter(ch: str) -> str:
    """A character of a letters prefix: a digit as its one look-alike letter, if it has
    one ('2' is 'Z', '6' is 'G'; '1' may be I or L)."""
    letters = [c for c in PARTNERS.get(ch, "") if c.isalpha()]
    return letters[0] if ch.isdigit() and len(letters) == 1 else ch


def _fits(code: str, prefix: str, mask: str, letter_slip: bool = True) -> str:
    """``code`` (bare) in the form (prefix, mask), a character that is not of its kind
    taken for its one look-alike of that kind ('PROB58546J' for ('PRO', '999999A') is
    'PRO858546J'), a prefix's look-alikes for its letters ('PR0' for 'PRO'), and with
    ``letter_slip`` a prefix of letters with one of them misread taken for the form's
    ('CFR-2013-…' for ('CTR', …)); '' when it cannot be."""
    if len(code) != len(prefix) + len(mask):
        return ""
    head, rest = code[:len(prefix)], code[len(prefix):]
    if set(prefix) == {"*"}:
        head = "".join(map(_as_letter, head))  # '26…' for 'ZG…'
        if not head.isalpha():
            return ""
    elif head != prefix:
        # the prefix's letters read as their look-alikes ('PR0' for 'PRO': a zero may be
        # O, D or Q, the prefix says which), and one letter of a prefix of two or more
        # misread ('CFR' for 'CTR'); one character at least read right
        slips = [(a, b) for a, b in zip(head, prefix, strict=True) if a != b]
        others = [a for a, b in slips if b not in PARTNERS.get(a, "")]
        if len(slips) == len(prefix) or (others and (
                not letter_slip or len(prefix) < 2 or len(others) > 1
                or not others[0].isalpha())):
            return ""
        head = prefix
    out = []
    for ch, kind in zip(rest, mask, strict=True):
        if ch.isdigit() == (kind == "9"):
            out.append(ch)
            continue
        alike = [c for c in PARTNERS.get(ch, "") if c.isdigit() == (kind == "9")]
        if len(alike) != 1:
            return ""
        out.append(alike[0])
    return head + "".join(out)


def _form(bare: str) -> tuple[str, str]:
    """A bare contract number's letters prefix and the mask of the rest (see
    ``Crm.shapes``)."""
    head = re.match(r"[A-Z]*", bare).group()  # type: ignore[union-attr]
    return head, re.sub(r"[^9]", "A", re.sub(r"[0-9]", "9", bare[len(head):]))


def in_form(code: str, shapes: frozenset[tuple[str, str]]) -> bool:
    """Whether a contract number is whole in one of the CRM's forms of number."""
    head, mask = _form(_bare(code))
    return (head, mask) in shapes or ("*" * len(head), mask) in shapes


def reshaped(code: str, shapes: frozenset[tuple[str, str]], letter_slip: bool = True) -> str:
    """The one value a contract number read can be in the forms of the CRM's numbers,
    when it is in none of them; '' when it is, or when none or several fit.  Without
    ``letter_slip``, only look-alike characters are mended (no prefix's letter misread
    for another: an IBAN's 'FR76…' is not 'FT76…')."""
    bare = _bare(code)
    if not bare.isalnum():
        return ""  # a speck OCR left in it: nothing to say where its characters go
    if in_form(code, shapes):
        return ""
    found = {fit for prefix, m in shapes if (fit := _fits(bare, prefix, m, letter_slip))}
    if len(found) != 1:
        return ""
    chars = iter(found.pop())  # back into the number as printed, separators and all
    return "".join(next(chars) if ch.isalnum() else ch for ch in normalise_contract(code))


def _in_the_crms_form(ext: Extraction, crm: Crm, contract: str) -> Extraction:
    """A contract number the CRM does not hold (another customer's, or one no customer
    has), read with a character of the wrong kind for the CRM's forms of number: the
    one value it can be in them, its evidence keeping the value as read."""
    if not contract or crm.contract(contract) is not None or \
            not (fit := reshaped(contract, crm.shapes)):
        return ext
    fields = list(ext.fields)
    i = next(k for k, f in enumerate(fields) if f.name == "contract_number")
    old = fields[i].evidence
    note = f"in the form of the CRM's contract numbers; read as {contract}"
    fields[i] = FieldValue("contract_number", fit, replace(old, text=note) if old else
                           Evidence(0, None, 0.95, note))
    return replace(ext, fields=tuple(fields))


def _one(found: Iterable[str]) -> str:
    """The one value found, or "" for none or several."""
    values = set(found) - {""}
    return values.pop() if len(values) == 1 else ""


def _read_again(ext: Extraction, name: str, known: Callable[[str], bool],
                fits: Callable[[str], bool]) -> Extraction:
    """A number the CRM does not know (``known``) as taken, and knows in exactly one of
    its other readings (``Extraction.second``: its zone's, or the page's where the zone
    corrected it) that ``fits`` the letter, is that value: the same ink read more than
    once, and only one reading is a real customer or contract.  Its doubt
    (``unreadable``) goes with the value it replaces."""
    i = next((k for k, f in enumerate(ext.fields) if f.name == name), None)
    if i is None or known(ext.fields[i].value):
        return ext
    others = [s for s in ext.second if s.name == name]
    value = _one(s.value for s in others if known(s.value) and fits(s.value))
    if not value:
        return ext
    fields = list(ext.fields)
    fields[i] = _taken_again(fields[i], next(s for s in others if s.value == value))
    return replace(ext, fields=tuple(fields),
                   unreadable=tuple(n for n in ext.unreadable if n != name))


def _contract_read_again(ext: Extraction, crm: Crm, number: str,
                         contracts: list[CrmContract], unsure: bool) -> Extraction:
    """``_read_again`` for the contract, once the customer (``number``, its
    ``contracts``) is settled: another customer's contract read again does not replace
    a first reading that is one of this customer's but for OCR's slips."""
    first = ext.get("contract_number")
    near_own = bool(first and contracts) and any(_closest(first, contracts, unsure))

    def fits(value: str) -> bool:
        holder = crm.contract(value)
        return holder is not None and (holder.customer_number == number or not near_own)

    return _read_again(ext, "contract_number", lambda v: crm.contract(v) is not None, fits)


def _taken_again(first: FieldValue, again: FieldValue) -> FieldValue:
    """The other reading, with its evidence, saying which value it replaces."""
    old = again.evidence or first.evidence
    note = f"another reading of it, known to the CRM, rather than {first.value}"
    return FieldValue(first.name, again.value, replace(old, confidence=0.95, text=note)
                      if old else Evidence(0, None, 0.95, note))


def _without(ext: Extraction, name: str) -> Extraction:
    """The extraction without a field (nor its doubt)."""
    return replace(ext, fields=tuple(f for f in ext.fields if f.name != name),
                   unreadable=tuple(n for n in ext.unreadable if n != name))


def _seconds(ext: Extraction, name: str) -> list[str]:
    """The other values a field was read as (``Extraction.second``)."""
    return [s.value for s in ext.second if s.name == name]


def match_letter(ext: Extraction, crm: Crm, doc_type: str = "termination_letter"
                 ) -> tuple[Extraction, CrmMatch | None]:
    """The extraction with what the CRM settles, and what the CRM says (any kind of
    mail: an invoice's or other mail's values are settled too, see decide()).

    A customer number that was not read at all is filled in on an invoice only: a
    letter without one is incomplete (missing_customer_number, and a smudge over it
    is for a clerk), and other mail gives only what it states.  A contract number no
    label named is taken from the codes the page prints, on any mail: the customer's
    or, with no customer number, the one the names on it hold; and on a termination
    letter only, the one code in the CRM's form of number.

    None when there is no 9-digit customer number to look up (its own flag says so).
    """
    names = [ext.get(n) for n in ("holder_name", "company_name", "signatory_name")]
    # a customer read again is taken, as a slip is, only with the letter's names
    ext = _read_again(ext, "customer_number", lambda v: crm.customer(v) is not None,
                      lambda v: names_match(names, crm.customer(v)))
    number, contract = ext.get("customer_number"), ext.get("contract_number")
    unsure = "contract_number" in ext.unreadable
    corrected: list[tuple[str, str]] = []
    if number.isdigit() and len(number) in (8, 10) and \
            (other := _one_digit_more_or_less(crm, number, names)):
        corrected.append(("customer_number", number))  # a digit OCR lost or doubled
        number = other
    owner = crm.contract(contract) if contract else None
    printed = bool(number) or doc_type == "invoice"
    if printed and (len(number) != 9 or not number.isdigit()) and owner \
            and names_match(names, owner) and _read_in_part(number, owner.customer_number):
        # a number printed but read in part, or not at all on an invoice (which always
        # prints it): the contract and the names say whose it is
        corrected.append(("customer_number", number))
        number = owner.customer_number
    if (len(number) != 9 or not number.isdigit()) and \
            "customer_number" not in ext.unreadable and \
            (on_page := _customer_on_the_page(crm, ext.codes, names)) and \
            _read_in_part(number, on_page):
        # printed, but read by no label (a smudge over it stays for a clerk)
        corrected.append(("customer_number", number or on_page))
        number = on_page
    if not number and contract and owner is None and \
            len(said := _bare(contract)) == 9 and said.isdigit() and \
            names_match(names, crm.customer(said)):
        # the customer number taken for the contract (a table whose header OCR garbled):
        # the contract, if any, is one of the page's codes
        corrected.append(("customer_number", f"{contract}, as the contract number"))
        number, contract = said, ""
        ext = _without(ext, "contract_number")
    if len(number) != 9 or not number.isdigit():
        ext = _contract_read_again(ext, crm, "", [], unsure)
        contract = ext.get("contract_number")
        owner = crm.contract(contract) if contract else None
        # no customer to look under (a smudge over the number): a contract one slip from
        # one that the letter's holder has is still that contract
        if contract and owner is None and (near := _contract_by_names(crm, contract, names)
                                           or _by_names_again(crm, ext, names)
                                           or _by_names_around(crm, ext, contract, names)):
            ext = _settled(ext, CrmMatch(None, near, number, near.contract_number,
                                         corrected=(("contract_number", contract),)))
        elif not contract and (named := _named_on_the_page(crm, ext.codes, names)):
            # no label or word named the contract, but the page prints one of the
            # letter's holder's
            held, code = named
            ext = _settled(ext, CrmMatch(None, held, number, held.contract_number,
                                         corrected=(("contract_number", code),)))
        else:
            ext = _in_the_crms_form(ext, crm, contract)
        return ext, None
    unsure_customer = "customer_number" in ext.unreadable
    customer = crm.customer(number)
    # the read number is a customer, but the letter's contract and names are those of a
    # customer one slip away: the number was misread
    if customer and not names_match(names, customer) and owner and \
            owner.customer_number != number and names_match(names, owner):
        customer = None
    if customer is None:
        other = _find_customer(crm, number, contract, names, ext.codes) or _one(
            _find_customer(crm, again, contract, names)
            for again in _seconds(ext, "customer_number") if len(again) == 9 and again.isdigit())
        if not other:
            ext = _contract_read_again(ext, crm, number, [], unsure)
            ext = _in_the_crms_form(ext, crm, ext.get("contract_number"))
            return ext, CrmMatch(None, None, number, ext.get("contract_number"))
        customer = crm.customer(other)
        corrected.append(("customer_number", number))
        number = other
    elif unsure_customer and not names_match(names, customer):
        return ext, None  # an unsure number, and nothing on the letter to confirm it
    assert customer is not None
    contracts = crm.contracts_of(number)
    ext = _contract_read_again(ext, crm, number, contracts, unsure)
    if ext.get("contract_number") != contract:
        contract = ext.get("contract_number")
        owner = crm.contract(contract)
    match: CrmContract | None = None
    candidates: tuple[str, ...] = ()
    owner_number = ""
    if not contract and ext.codes:
        # no label or word named the contract: one of the customer's may be on the page
        match, code = _on_the_page(ext.codes, contracts)
        if match is not None:
            corrected.append(("contract_number", code))
            contract = match.contract_number
        elif doc_type == "termination_letter" and (
                shaped := _one_in_the_crms_form(ext.codes, crm.shapes, number)):
            # nor is one of the customer's: the one code of a letter in the form of the
            # CRM's contract numbers is its contract (contract_mismatch will say so); not
            # an invoice's, whose own number may have that form
            contract, code = shaped
            note = f"the one code of the page in the form of the CRM's contract numbers; " \
                   f"read as {code}"
            ext = replace(ext, fields=(*ext.fields, FieldValue(
                "contract_number", contract, Evidence(0, None, 0.95, note))))
            owner = crm.contract(contract)
            owner_number = owner.customer_number if owner is not None else ""
    elif contract:
        key = normalise_contract(contract)
        match = next((c for c in contracts if normalise_contract(c.contract_number) == key),
                     None)
        if match is None:
            match, candidates = _closest(contract, contracts, unsure)
            if match is None and not candidates and owner is None:
                # read whole in the CRM's form, it is another contract than the
                # customer's, whatever a reading of part of its box may say
                whole = len(_bare(contract)) if in_form(contract, crm.shapes) else 0
                match = _closest_again([r for r in _seconds(ext, "contract_number")
                                        if len(_bare(r)) >= whole], contracts, unsure)
            if match is not None:
                corrected.append(("contract_number", contract))
                contract = match.contract_number
            elif owner is not None:
                owner_number = owner.customer_number
            elif not candidates:
                # no contract of the customer's, no one else's: read in the CRM's form
                ext = _in_the_crms_form(ext, crm, contract)
                contract = ext.get("contract_number")
    found = CrmMatch(customer, match, number, contract, candidates, owner_number,
                     tuple(corrected))
    return _settled(ext, found), found


def _settled(ext: Extraction, m: CrmMatch) -> Extraction:
    """The extraction with the CRM's values where they settle a field."""
    fields = list(ext.fields)
    settled = {name for name, _ in m.corrected}
    if m.customer is not None:
        settled.add("customer_number")  # found in the CRM with the letter's names
    if m.contract is not None:
        settled.add("contract_number")
    for name, read in m.corrected:
        value = m.customer_number if name == "customer_number" else m.contract_number
        i = next((k for k, f in enumerate(fields) if f.name == name), None)
        old = fields[i].evidence if i is not None else None
        ev = Evidence(old.page if old else 0, old.box if old else None, 0.95,
                      f"matched in the CRM; read as {read}" if read else
                      "from the CRM: the holder of the contract read, named on the page")
        if i is None:
            fields.append(FieldValue(name, value, ev))
        else:
            fields[i] = FieldValue(name, value, ev)
    ctype = ext.get("contract_type")
    if m.contract is not None and ctype in ("", "unknown") and \
            m.contract.contract_type != "unknown":
        ev = Evidence(0, None, 1.0, f"from the CRM (offer: {m.contract.offer or 'none'})")
        fields = [f for f in fields if f.name != "contract_type"]
        fields.append(FieldValue("contract_type", m.contract.contract_type, ev))
    unreadable = tuple(n for n in ext.unreadable if n not in settled)
    return replace(ext, fields=tuple(fields), unreadable=unreadable)
