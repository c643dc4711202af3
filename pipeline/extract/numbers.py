"""The customer number and the contract number, found by their labels.

The layout pairs a label with its value wherever it stands: on the label's line
(or wrapping onto the next), to its right across a gap or a table cell, or under it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace

from ..layout import (
    DATE_SHAPE,
    EDGE_SPECKS,
    SHAPE_CONFIDENCE,
    Box,
    DigitRun,
    Layout,
    PageLayout,
    Reader,
    Stream,
    stream_of_words,
)
from ..lexicon import Lexicon, ocr_word
from ..normalise import fold
from ..records import Evidence, FieldValue
from .common import as_digits, bare

FILLER_WORDS = {"est", "le", "la", "is", "to", "nr", "n°", "no", ":", "-", "–", "=", "numéro",
                "numero", "number", "sous", "mon", "my", "de", "du", "orange"}
MAX_SKIPPED = 3  # words allowed between a label and its value ("est le", "sous le numéro")
LOOK_AHEAD = 90  # characters after a label in which its value must start and end


@dataclass(frozen=True)
class NumberResult:
    value: FieldValue | None
    label_seen: bool  # a label was there, even if no value could be read after it


def _tokens(stream: Stream, end: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the tokens just after a label, in stream positions."""
    window = stream.text[end:end + LOOK_AHEAD]
    return [(end + m.start(), end + m.end(), m.group()) for m in re.finditer(r"\S+", window)]


def _is_filler(tok: str) -> bool:
    """Words that may stand between a label and its value, and lone OCR specks."""
    return (tok.lower().strip(".,:") in FILLER_WORDS or bool(re.fullmatch(r"[\W_]+", tok))
            or (len(tok) == 1 and not tok.isdigit()))


# A speck alone between a number's groups: a sign or two, no letter or digit (nor a
# dash, which sets a number apart from the next).
SPECK = re.compile(r"[^\w\s]{1,2}")
DASHES = re.compile(r"[-–—]+")


def _customer_after(stream: Stream, end: int) -> tuple[str, int, int] | None:
    """Digits after a label: '482 915 306', '482-915-306', '4829I5306' (I read as 1)."""
    skipped, digits, start, stop = 0, "", -1, -1
    groups: list[tuple[int, str]] = []  # (start, digits) of each group taken
    # before a speck between groups ("38 288 © 4873"), what was read: the speck is
    # passed over only if the groups after it make the nine digits
    held: tuple[str, int, int] | None = None
    for t_start, t_end, tok in _tokens(stream, end):
        if DATE_SHAPE.fullmatch(EDGE_SPECKS.sub("", tok)):
            break  # a date where the number should be ("le 07.03.2015"): not its digits
        if digits and held is None and len(digits) < 9 and SPECK.fullmatch(tok) \
                and not DASHES.fullmatch(tok):
            held = (digits, stop, len(groups))
            continue
        d = as_digits(tok)
        if d and len(digits) + len(d) <= 10 and (start < 0 or stream.runs_on(start, t_start)):
            if start < 0:
                start = t_start
            digits += d
            groups.append((t_start, d))
            stop = t_end
            # a full stop after a short group is an OCR speck ("959. 969 145")
            if tok.endswith((",", ";", ")")) or (tok.endswith(".") and len(digits) >= 8):
                break
            continue
        if digits:
            break
        skipped += 1
        if skipped > MAX_SKIPPED or not _is_filler(tok):
            return None
    if held is not None and (len(digits) != 9
                             or any(len(d) < 3 for _, d in groups[held[2]:])):
        # a smudge over digits, not a speck between groups; or the pairs of a phone
        # number after a dash ("4829153 - 06 12 …")
        digits, stop, taken = held
        groups = groups[:taken]
    if len(digits) < 6:
        return None
    if len(groups) == 2 and groups[0][1] == "1" and len(groups[1][1]) == 9:
        # a lone mark before a whole number, read as a digit ("N° client | 627 ..." as
        # "1 627317060"): the number is the nine digits
        digits, start = groups[1][1], groups[1][0]
    return digits, start, stop


def _after_label(layout: Layout, name: str, label: re.Pattern[str], read: Reader,
                 left_half: bool = False, across: bool = True,
                 again: bool = False) -> NumberResult:
    """The value that ``read`` finds for a match of ``label`` (``again``: see
    ``Layout.labelled``)."""

    def on_the_left(pl: PageLayout, box: Box) -> bool:
        return box.x0 <= pl.page.width * 0.5

    found, seen = layout.labelled(label, read, on_the_left if left_half else None,
                                  across=across, again=again)
    if found is None:
        return NumberResult(None, seen and not _left_blank(layout, label))
    return NumberResult(FieldValue(name, found.value, found.evidence), True)


def _left_blank(layout: Layout, label: re.Pattern[str]) -> bool:
    """Every match of the label is a form field left blank ("Réf. client : ____")."""
    for stream in layout.streams:
        for m in stream.labels(label):
            line = stream.line_at(m.start())
            rest = stream.text[m.end():stream.starts[line] + len(stream.lines[line].text)]
            if not re.fullmatch(r"[\s:]*[_.…\-–]{2,}[\s_.…\-–]*", rest):
                return False
    return True


def customer_number(layout: Layout, lex: Lexicon, *, left_half: bool = False) -> NumberResult:
    """The 9-digit customer number after its label (on an invoice, in the left block)."""
    return _after_label(layout, "customer_number", lex.label("customer_number"), _customer_after,
                        left_half, again=True)


LEADING = "'\"‘’“”«([.,;:_"  # opening quotes and brackets, and specks before a value
# A token that is a stroke or a speck alone, not a word: no part of a blank field's
# line ("____", "....."), nor a colon after a word
STROKES = re.compile(r"[|.,'‘’`]{1,2}")
HEAD = re.compile(r"[A-Z0-9][A-Z0-9\-/.]*[A-Z0-9]|[0-9]")
LETTERS_HEAD = re.compile(r"[A-Z]{2,4}")
GROUP = re.compile(r"[0-9]{2,}|[A-Z0-9]{1,6}")
# Groups of digits a writer joined with dashes, in a code printed in groups
# (three digits or more each: no date or phone number in pairs written with dashes)
HYPHENED_DIGITS = re.compile(r"[0-9]{3,}(?:-[0-9]{3,})+")


def _letters_prefix(code: str) -> str:
    """'V012345678' is 'VO12345678': OCR reads the O of a letter prefix as a zero.

    Only a single capital followed by 0 and a long run of digits is changed: a code
    made of one letter and digits alone is rarer than a two-letter prefix.
    """
    return re.sub(r"^([A-Z])0(?=\d{7,}$)", r"\1O", code)


def _capitals(code: str) -> str:
    """'Vv435270041' is 'VV435270041': OCR writes a capital in its small form when both
    have one shape (c, o, s, u, v, w, x, z), in a letters prefix before its digits."""
    m = re.match(r"[A-Za-z]{1,4}(?=[0-9]{5})", code)
    if m is None or not set(m.group()) <= set("cosuvwxz" + string.ascii_uppercase):
        return code
    return m.group().upper() + code[m.end():]


PHONE_PAIRS = re.compile(r"\b0\d(?:[ .]\d\d){4}\b")
ROUND = "COo"  # letters a hand's zero is read as (not D: hexadecimal codes hold it)


def _round_zeros(code: str) -> str:
    """'CT-2C15-C57337' is 'CT-2015-057337': a zero written by hand, read as a round
    letter, inside a group of digits of a code made of three groups or more.

    A group is mended only when its letters are one or two round ones among three
    digits at least, and not its last character (a check letter): a group of letters
    and digits ('AB-2019-KD0Q3C') stays as it is.
    """
    head, *groups = code.split("-")
    if len(groups) < 2:
        return code
    for i, group in enumerate(groups):
        others = [c for c in group if not c.isdigit()]
        if 0 < len(others) <= 2 and set(others) <= set(ROUND) \
                and len(group) - len(others) >= 3 and group[-1].isdigit():
            groups[i] = "".join("0" if c in ROUND else c for c in group)
    return "-".join([head, *groups])


def _specks_dropped(code: str) -> str:
    """'CTR-2021-742.723' is 'CTR-2021-742723': in a code of three groups or more, a
    stop or a comma between two digits of a group is a speck (the groups' own
    separator is the hyphen)."""
    if code.count("-") < 2:
        return code
    return re.sub(r"(?<=[0-9])[.,](?=[0-9])", "", code)


def _hyphens_joined(tokens: list[tuple[int, int, str]], stream: Stream
                    ) -> list[tuple[int, int, str]]:
    """'CTR- 2019- 505948' as one token: OCR puts a space after a hyphen in a code.

    Joined only where the text before the hyphen ends in a letter or digit and the
    token after it starts with one and is no word in small letters, so a dash between
    words stays apart, and so does the word after a code ("DH375582494- depuis"); a
    group with a zero read as a small o ("CTR-2019- o05948") is joined.
    """
    out: list[tuple[int, int, str]] = []
    for i, (start, stop, tok) in enumerate(tokens):
        following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if tok == "-" and out and re.fullmatch(r"[A-Z0-9]+-[A-Z0-9]+|[0-9]", out[-1][2]) \
                and re.match(r"[A-Z0-9]", following) and stream.runs_on(out[-1][0], start):
            # 'CTR-2020 - 782422': a hyphen set apart inside a code that has one already
            # (not the dash before "depuis le" in 'Contrat 7-PNBX2T - depuis le'), or
            # after a code's one-digit head ('1 - JMUB86')
            first = out.pop()
            out.append((first[0], stop, first[2] + "-"))
            continue
        if out and re.search(r"[A-Za-z0-9]-$", out[-1][2]) and tok[:1].isalnum() \
                and not re.fullmatch(r"[a-zà-ÿ]+\W*", tok) \
                and stream.runs_on(out[-1][0], start):
            first = out.pop()
            start, tok = first[0], first[2] + tok
        out.append((start, stop, tok))
    return out


def _contract_after(stream: Stream, end: int) -> tuple[str, int, int] | None:
    """'CTR-2019-004512', 'VO12345678', 'FT 4821 9408 29' (spaces then removed)."""
    skipped = 0
    parts: list[str] = []
    start = stop = -1
    speck = False  # the token before was a lone character with a stop ("7. LA462060381")
    for t_start, t_end, tok in _hyphens_joined(_tokens(stream, end), stream):
        if not parts and STROKES.fullmatch(tok):
            continue  # a speck or a stroke before the value: a table's bar, a stop
        # a quote or bracket around the value ("la référence 'UX124549210,") is not part
        # of it, nor is a speck stuck to its front ("umowę nr .5-5L2XTT")
        # and a hyphen OCR set between the label and the value ("N° contrat-FT 6226 …")
        opened = "[" in tok or "(" in tok  # a bracket around the value ("[PRO418207]")
        lead = len(tok) - len(tok.lstrip(LEADING if parts else LEADING + "-–"))
        t_start, tok = t_start + lead, tok[lead:]
        # a backslash after a hyphen is a speck ('5-\\WEP9L7'), a dollar sign an S
        # ('PRO290409$'), a yen sign a Y
        tok = re.sub(r"(?<=[A-Z0-9])\$", "S", re.sub(r"(?<=-)\\", "", tok)).replace("¥", "Y")
        # a speck between a code's digits and its check letter ("PRO696376]J")
        tok = re.sub(r"(?<=[0-9])\](?=[A-Z](?:\W|$))", "", tok) if tok.count("]") == 1 else tok
        # and the check letter J of three letters and six digits read as a bracket that
        # none opened ("PRO292562]."; not "(VO12345678]", "[ PRO418207]")
        if not opened and not re.search(r"[\[(]\W*$", stream.text[max(0, t_start - 4):t_start]):
            tok = re.sub(r"^([A-Z]{3}[0-9]{6})\](?=[.,;:)]*$)", r"\1J", tok)
        # "CTR-2022-493398-": a speck of a hyphen, "FT 3563 9659 54°" a degree sign,
        # "Contract PRO241828D/ since": a slash between fields
        core = tok.rstrip(".,;:)'\"’”»]_|-°º/")
        ended = core != tok  # a stop or a speck after it: the value ends here
        t_stop = t_end - (len(tok) - len(core))  # a joined token spans its spaces too
        if not parts:
            if DATE_SHAPE.fullmatch(core):
                return None
            core = _capitals(_letters_prefix(core))
            if HEAD.fullmatch(core) and len(core) == 1 and ended and not speck:
                speck = True  # a speck if the code follows it, and nothing else
                continue
            if HEAD.fullmatch(core) and (any(c.isdigit() for c in core)
                                         or LETTERS_HEAD.fullmatch(core)):
                parts, start, stop = [core], t_start, t_stop
                if ended:
                    break
                continue
            if speck:
                return None  # "Numéro de contrat : 3. Client …": a list's number
            skipped += 1
            if skipped > MAX_SKIPPED:
                return None
            continue
        if "-" not in parts[0] and HYPHENED_DIGITS.fullmatch(core):
            core = core.replace("-", "")  # "FT 3757-9244 30": a writer's dash in a group
        if GROUP.fullmatch(core) and any(c.isdigit() for c in core) \
                and stream.runs_on(start, t_start):
            parts.append(core)
            stop = t_stop
            if ended:
                break
            continue
        if len(parts) == 1 and len(parts[0]) == 1 and HEAD.fullmatch(core) \
                and sum(c.isdigit() for c in core) >= 2 and stream.runs_on(start, t_start):
            # a lone character before the code is a speck ("abonnement 7 5-GP4MRX")
            parts, start, stop = [core], t_start, t_stop
            if ended:
                break
            continue
        break
    value = _round_zeros(_specks_dropped("".join(parts)))
    if len(value) < 5 or not any(c.isdigit() for c in value):
        return None
    if PHONE_PAIRS.fullmatch(stream.text[start:stop]):
        return None  # a phone number in pairs: the next field's, under a blank one
    return value, start, stop


def _other_than(read: Reader, customer: str) -> Reader:
    """``read``, passing over the customer number: "mon contrat :" over a line that
    gives the customer number, then the contract's, is not that number's label; nor is
    a value that runs on from it across a space (a table's row read as one line: the
    customer number, a phone number, then the contract's)."""

    def reader(stream: Stream, end: int) -> tuple[str, int, int] | None:
        got = read(stream, end)
        if got and customer and (bare(got[0]) == customer
                                 or _runs_on_from(stream.text[got[1]:got[2]], customer)):
            return None
        return got

    return reader


# The most characters a contract numbered after its customer adds to the number
MAX_SUFFIX = 3


def _runs_on_from(text: str, customer: str) -> bool:
    """``text`` begins with the customer number's digits, then a space and more than
    a short suffix (a contract numbered after its customer, "482615937 01", is not
    refused)."""
    m = re.match(rf"(?:\D{{0,2}}\d){{{len(customer)}}}(?=\s+\w)", text)
    return m is not None and re.sub(r"\D", "", m.group()) == customer \
        and len(re.sub(r"\W", "", text[m.end():])) > MAX_SUFFIX


def contract_number(layout: Layout, lex: Lexicon, customer: str = "") -> NumberResult:
    """The contract number after its label, spaces removed (never ``customer``)."""
    return _after_label(layout, "contract_number", lex.label("contract_number"),
                        _other_than(_contract_after, customer), again=True)


# The bare name of a contract: "contrat 7531334457", "Contrat : 8UBUFWR2JN", "votre
# contrat" over its value in an invoice's margin.  Weaker than a label, so its value
# must stand right after it and look like a code.
WEAK_CONTRACT = re.compile(r"(?<![a-z])(?:contrat|contract|umow[aey]|agreement)(?![a-z])",
                           re.IGNORECASE)
def _contract_after_weak(stream: Stream, end: int) -> tuple[str, int, int] | None:
    got = _contract_after(stream, end)
    if not got:
        return None
    value, start, stop = got
    if len(re.findall(r"\w{2,}", stream.text[end:start])) > 1:
        return None  # only "n°" or a colon may stand between (and specks read as letters)
    digits = sum(c.isdigit() for c in value)
    if len(value) < 6 or (digits < 4 and not (len(value) >= 8 and digits >= 1)):
        return None  # a postcode, a year, a word with a digit
    if PHONE_PAIRS.search(stream.text[start:stop]):
        return None  # a phone number written in pairs
    return got


def contract_by_name(layout: Layout, customer: str = "") -> NumberResult:
    """A code right after the bare word for a contract, when no label gave one."""
    return _after_label(layout, "contract_number", WEAK_CONTRACT,
                        _other_than(_contract_after_weak, customer), across=False)


# Words that say whose a number is.
# "abonné" (a subscriber), not "abonnement" (a subscription, the contract's word)
CUSTOMER_WORDS = re.compile(r"(?<![a-z])(?:client\w*|klient\w*|customer\w*|abonne[es]*|abonent\w*|"
                            r"account)(?![a-z])")
# The customer's word as Tesseract misreads it on a poor scan ("chent", "Kkent"): the
# lexicon's letter slips, not any word a few letters off ("vient", "ciment").
CUSTOMER_SLIPS = re.compile(r"(?<![a-z])(?:" + "|".join(
    ocr_word(w) for w in ("client", "klient", "customer")) + ")")


def _customer_word(words: list[str]) -> bool:
    """Whether one of ``words`` (folded, in lower case) is a customer's word."""
    text = " ".join(words)
    return bool(CUSTOMER_WORDS.search(text) or CUSTOMER_SLIPS.search(text))


OTHER_NUMBERS = ("invoice_number", "phone_number", "siren_siret", "iban", "rio")
OTHER_WORDS = re.compile(r"(?<![a-z])(?:siret|siren|rcs|tva|vat|nip|regon|krs|iban|bic|rum|"
                         r"mandat\w*|factur\w*|invoice|faktur\w*|t[eé]l|fax|capital|rio|pac|"
                         r"ligne|line|linii|mobile|gsm|compte\s+de\s+facturation)(?![a-z])")

# The head of a code, cut off just before a number ("CTR-2 017-097899", "AB3 …"): a
# hyphen or a digit in it, so no word in capitals ("CLIENT", "N")
CODE_PIECE = re.compile(r"[A-Z][A-Z0-9]*-[A-Z0-9]*|[A-Z]+[0-9][A-Z0-9]*")
# Words that say a number is a contract's.
CONTRACT_WORDS = re.compile(r"(?<![a-z])(?:contrat|abonnement|umow\w*|contract|agreement)",
                            re.IGNORECASE)


def _words_before(run: DigitRun) -> list[str]:
    """The words just before a number, folded and in lower case."""
    return fold(run.stream.text[max(0, run.start - 80):run.start]).lower().split()


def customer_by_shape(layout: Layout, lex: Lexicon) -> FieldValue | None:
    """A 9-digit number near a customer word, when no label gave one (or one of 8 or
    10 digits right after the word, when no 9-digit number is).

    Phone numbers, SIREN and SIRET, IBAN, invoice and RIO numbers, postcodes and
    dates have other shapes or other words before them.  The number is taken only
    when it is the one such candidate (printed once or many times), with less
    confidence than a labelled one.
    """
    found: dict[str, DigitRun] = {}
    odd: dict[str, DigitRun] = {}  # a digit too few or too many, right after the word
    right_after: dict[str, DigitRun] = {}  # nine digits right after the word
    for run in layout.digit_runs:
        if len(run.digits) not in (8, 9, 10) or (len(run.digits) == 10
                                                 and run.digits.startswith("0")):
            continue  # a 10-digit number beginning with 0 is a phone number
        before = _words_before(run)
        # the words of the number's own clause: in "ligne fixe - client 719 330 482" the
        # line's word belongs to the clause before the dash, in "nos factures (client
        # 449 017 226)" the bills' word to the one before the bracket
        # (and a sentence's end: "... my fixed line. Customer 247 ..."), and a line
        # that starts with its own words ("... téléphonie fixe" / "Client 843 ...")
        head = fold(run.stream.line_prefix(run.start)).lower().split()[-3:]
        words = head if _customer_word(head) else before[-3:]
        clause = re.split(r"\s[-–—|/]\s|[,;]\s|\(|(?<=[a-z]{4})\.\s",
                          " ".join(words) + " ")[-1]
        close, wider = clause, before[-8:]
        after = fold(run.stream.text[run.end:run.end + 12]).lower()
        if OTHER_WORDS.search(close) or OTHER_WORDS.match(after.strip()) or any(
                lex.phrases("labels", kind).search(close) for kind in OTHER_NUMBERS):
            continue
        if CONTRACT_WORDS.search(close) and CODE_PIECE.fullmatch(
                (run.stream.text[max(0, run.start - 12):run.start].split() or [""])[-1]):
            continue  # the end of a contract's code OCR split ("Contrat CTR-2 017-097899")
        last = [w for w in clause.split() if not _is_filler(w)][-1:]
        if len(run.digits) != 9:
            # printed with a digit lost or doubled (invalid_customer_number says so):
            # only right after the customer's word ("Client 23749785 - Contrat …"),
            # never a phone number or a date written without its strokes
            if last and _customer_word(last) and not PHONE_PAIRS.search(
                    run.stream.text[run.start:run.end]) and not _a_date(run.digits):
                odd.setdefault(run.digits, run)
        elif _customer_word(wider):
            found.setdefault(run.digits, run)
            if last and _customer_word(last):
                right_after.setdefault(run.digits, run)
    if len(found) > 1 and len(right_after) == 1 and all(
            _after_a_date_word(run) for digits, run in found.items()
            if digits not in right_after):
        # the other nine digits follow a date's word ("Client 548 … - Contrat … -
        # depuis le 183112014": a date whose strokes OCR lost): the number right after
        # the customer's word is the customer's
        found = right_after
    if not found and len(odd) == 1:
        found = odd
    if len(found) != 1:
        return None
    run = next(iter(found.values()))
    ev = run.stream.evidence(run.start, run.end)
    return FieldValue("customer_number", run.digits,
                      replace(ev, confidence=ev.confidence * SHAPE_CONFIDENCE))


# Words a date follows ("depuis le", "since", "od"), not a number.
DATE_WORDS = frozenset("le du depuis since from on dated od dnia".split())


def _after_a_date_word(run: DigitRun) -> bool:
    """Whether the word just before a number is one that a date follows."""
    before = _words_before(run)
    return bool(before) and before[-1].strip(".,:") in DATE_WORDS


def _a_date(digits: str) -> bool:
    """Eight digits that read as a day, a month and a year ("12052016", "12 05 2016")."""
    if len(digits) != 8:
        return False
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    return 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099


# A number's own words ("n°", "référencé", "o numerze") in a sentence about a contract:
# "le contrat visé est celui ... référencé VO82154849", "umowy ... o numerze X".
NUMBER_WORDS = re.compile(r"(?<![a-z])(?:n[°ºo*]|num[eé]ro|nr|numer\w*|r[eé]f[eé]renc\w*|"
                          r"ref|reference|number|portant)(?![a-z])[\s.:°]*", re.IGNORECASE)


def contract_by_context(layout: Layout, customer: str) -> FieldValue | None:
    """A code after a number's word in a sentence about a contract, when neither a label
    nor the bare word gave one; only when it is the one such code, trusted less."""
    found: dict[str, FieldValue] = {}
    for stream in layout.streams:
        for m in NUMBER_WORDS.finditer(stream.key):
            # the words of its own clause: in "client n° 992 136 912, référencé X" the
            # customer's word is before the comma, not X's (nor before a stop after a
            # number, which a hand's comma is often read as: "nr 745 501 323. o numerze
            # X"; a stop after a word is an abbreviation's: "Tél. n°")
            before = re.split(r"[,;]\s|(?<=\d)\.\s",
                              stream.key[max(0, m.start() - 25):m.start()].lower())[-1]
            around = stream.key[max(0, m.start() - 120):m.end() + 60]
            if CUSTOMER_WORDS.search(before) or OTHER_WORDS.search(before[-12:]) \
                    or not CONTRACT_WORDS.search(around):
                continue  # a customer's, an invoice's or a line's number
            got = _contract_after_weak(stream, m.end())
            if not got or got[0] == customer or (len(got[0]) == 9 and got[0].isdigit()):
                continue  # the customer number, or a number shaped like one
            ev = stream.evidence(got[1], got[2])
            found.setdefault(got[0], FieldValue("contract_number", got[0], replace(
                ev, confidence=ev.confidence * SHAPE_CONFIDENCE)))
    return next(iter(found.values())) if len(found) == 1 else None


# A code as the CRM may know it: letters and digits, with hyphens, dots or slashes
# inside, two digits at least ("3-KXN7JR", "VO12345678", "FT 4821 9408 29" joined).
CODE_CHARS = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-./]*[A-Za-z0-9])?")
MAX_CODE_TOKENS = 4  # a code OCR or its writer split in up to four groups
MAX_CODES = 400  # a long document's first ones: a contract is quoted early
SHORT_HEAD = re.compile(r"[A-Z0-9]{1,4}-[A-Z0-9]")
# A capital with an accent right after a code's capital or digit (fold keeps offsets)
GLUED_CAPITAL = re.compile(r"(?<=[A-Z0-9])[^\W\da-zA-Z_]")


# A number read this confidently is not read again: of 30 numbers on six `hard` seeds
# whose second reading was right and first wrong, none was read above 0.94, and 37 %
# of all numbers are (docs/speed.md).
SURE = 0.95
CUSTOMER_SHAPE = re.compile(r"[0-9]{9}")


@dataclass(frozen=True)
class ReadAgain:
    """The numbers as their zones correct them, and every other value read."""

    fields: tuple[FieldValue, ...]
    others: tuple[FieldValue, ...]  # for the CRM to settle (matching.py)


def zone_corrected(first: FieldValue, readings: list[FieldValue]) -> FieldValue:
    """``first`` as its zone's readings correct it, character by character.

    The page's reading and its zone's (``text/zones.py``) misread different
    characters.  The zone's readings, of one crop, are one witness: where the surest
    of them (two at least) is surer than the first reading, a character changes
    where all of them, of the first's length, agree on another one.  A customer
    number read with another count of digits takes the nine digits they all agree
    on.  The value keeps the first's form (its hyphens) and its confidence, and says
    what was first read.
    """
    value, sure = bare(first.value), first.evidence.confidence if first.evidence else 0.0
    zone = [(bare(r.value), r.evidence.confidence if r.evidence else 0.0) for r in readings]
    if len(zone) < 2 or max(c for _, c in zone) <= sure:
        return first
    if first.name == "customer_number" and not CUSTOMER_SHAPE.fullmatch(value):
        whole = {v for v, _ in zone}
        agreed = whole.pop() if len(whole) == 1 else ""
        return _voted(first, agreed) if CUSTOMER_SHAPE.fullmatch(agreed) else first
    if any(len(v) != len(value) for v, _ in zone):
        return first
    chars = [own if len({v[i] for v, _ in zone}) > 1 else zone[0][0][i]
             for i, own in enumerate(value)]
    if "".join(chars) == value:
        return first
    it = iter(chars)
    return _voted(first, re.sub(r"[^\W_]", lambda _: next(it), first.value))


def _voted(first: FieldValue, value: str) -> FieldValue:
    """``value`` for ``first``: its box and confidence, and what was first read."""
    note = f"{value} as its box reads it again; first read as {first.value}"
    return FieldValue(first.name, value, replace(first.evidence, text=note)
                      if first.evidence else Evidence(0, None, 0.0, note))


def read_again(layout: Layout, fields: tuple[FieldValue, ...]) -> ReadAgain:
    """The customer and contract numbers read again from their boxes on a scanned
    page (``text/zones.py``) in each way, each corrected where those readings agree
    (``zone_corrected``); every other value read is kept once.  Numbers read with
    ``SURE`` confidence are not read again."""
    if layout.zones is None:
        return ReadAgain(fields, ())
    customer = next((f.value for f in fields if f.name == "customer_number"), "")
    readers = {"customer_number": _customer_after,
               "contract_number": _other_than(_contract_after, customer)}
    out, others = [], []
    for f in fields:
        read, ev = readers.get(f.name), f.evidence
        if read is None or ev is None or ev.box is None or ev.confidence >= SURE \
                or not layout.zones.has(ev.page):
            out.append(f)
            continue
        page = layout.doc.pages[ev.page - 1]
        readings = []
        for words in layout.zones.readings(ev.page, ev.box):
            stream = stream_of_words(page, words)
            got = read(stream, 0) if words else None
            if got:
                readings.append(FieldValue(f.name, got[0], stream.evidence(got[1], got[2])))
        taken = zone_corrected(f, readings)
        out.append(taken)
        seen = {bare(taken.value)}
        for r in (f, *readings):
            if bare(r.value) not in seen:
                seen.add(bare(r.value))
                others.append(r)
    return ReadAgain(tuple(out), tuple(others))


def codes(layout: Layout) -> tuple[str, ...]:
    """Every code-shaped string of the document, in reading order, once each.

    Groups that run on from one another on a line are also joined, up to four, so that
    a code printed or read in groups ("FT 3788 0664 37", "CTR-2012: 032023") is there
    whole.  The CRM search (matching.py) looks among them for one of the customer's
    contracts when reading named none.
    """
    out: dict[str, None] = {}
    for stream in layout.streams:
        # a word in small letters or a date is no part of a code; a capital that OCR
        # gave an accent inside a code is the letter ("4-MEZHZŚ"; not "…948é compter")
        text = GLUED_CAPITAL.sub(lambda m: fold(m.group()) if m.group().isupper()
                                 else m.group(), stream.text)
        tokens = [(m.start(), m.group()) for m in CODE_CHARS.finditer(text)
                  if m.group() == m.group().upper() and not DATE_SHAPE.fullmatch(m.group())]
        for i in range(len(tokens)):
            joined = ""
            for k in range(i, min(i + MAX_CODE_TOKENS, len(tokens))):
                gap = stream.text[tokens[k - 1][0] + len(tokens[k - 1][1]):tokens[k][0]] \
                    if k > i else ""
                if gap.strip(" -:") or (k > i and not stream.runs_on(tokens[k - 1][0],
                                                                    tokens[k][0])):
                    break  # a word between, another line, another column
                joined += tokens[k][1]
                digits = sum(c.isdigit() for c in joined)
                # two digits at least, or one in a longer code of a short head and a
                # group ("4-MEZHZ8" with its 8 read as a letter; not "ORANGE-PRO3")
                if 5 <= len(joined) <= 20 and (digits >= 2 or (
                        digits and len(joined) >= 7 and SHORT_HEAD.match(joined))):
                    out.setdefault(joined, None)
                    if len(out) >= MAX_CODES:
                        return tuple(out)
    return tuple(out)
