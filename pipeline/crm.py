"""The CRM's master data: an extract read once with pandas, looked up per letter.

An extract is one table, one row per contract, the customer's columns repeated on
each of its rows (what CRM exports look like). It may be CSV (``,`` or ``;``,
UTF-8 with or without a BOM, or Latin-1), Excel ``.xlsx`` or Parquet. Every cell is
read as text, so a customer number keeps its leading zeros. Columns are found by
the names of ``COLUMN_NAMES`` (docs/crm.md), or as ``--crm-columns`` maps them.

A malformed extract is refused as a whole (``CrmError``, with the line and why)
before any letter is read: a half-read CRM would flag sound letters. Lookups are
dictionaries built once: a letter costs the same whatever the size of the CRM.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .errors import CrmError
from .normalise import fold, normalise_contract

# The extract's columns, each with the names it goes by in CRM exports (compared
# without accents, case, spaces or punctuation). Only the first two are required.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "customer_number": ("customer_number", "customer", "customer_no", "customer_id",
                        "client", "numero_client", "num_client", "no_client", "n_client",
                        "ref_client", "reference_client", "id_client", "code_client",
                        "numer_klienta", "nr_klienta", "klient"),
    "contract_number": ("contract_number", "contract", "contract_no", "contract_id", "contrat",
                        "n_contrat",
                        "numero_contrat", "num_contrat", "no_contrat", "ref_contrat",
                        "reference_contrat", "numer_umowy", "nr_umowy", "umowa"),
    "company_name": ("company_name", "company", "societe", "raison_sociale", "entreprise",
                     "nom_entreprise", "firma", "nazwa_firmy"),
    "holder_name": ("holder_name", "holder", "account_holder", "titulaire", "nom_titulaire",
                    "representant", "representant_legal", "reprezentant", "wlasciciel"),
    "contract_type": ("contract_type", "type", "type_contrat", "type_de_contrat", "typ_umowy",
                      "typ"),
    "offer": ("offer", "offre", "plan", "forfait", "oferta", "taryfa"),
    "subscription_date": ("subscription_date", "date_souscription", "date_de_souscription",
                          "souscription", "date_debut", "start_date", "data_zawarcia",
                          "data_podpisania"),
    "state": ("state", "status", "statut", "etat", "stan", "status_umowy"),
}
REQUIRED = ("customer_number", "contract_number")

# A contract's state and type as CRM exports spell them (compared as column names are).
STATES = {"active": ("active", "actif", "actif_ve", "en_cours", "a", "open", "aktywna",
                     "aktywny", "ouvert"),
          "terminated": ("terminated", "resilie", "resiliee", "termine", "clos", "closed",
                         "ended", "cancelled", "r", "t", "inactive", "inactif",
                         "rozwiazana", "zakonczona")}
TYPES = {"fixed_line": ("fixed_line", "fixed", "fixe", "ligne_fixe", "landline",
                        "telephone_fixe", "stacjonarny", "telefon_stacjonarny"),
         "internet": ("internet", "open", "livebox", "fibre", "adsl", "bundle", "box",
                      "internet_pro"),
         "mobile": ("mobile", "mobile_line", "forfait_mobile", "komorkowy", "gsm"),
         "unknown": ("unknown", "inconnu", "")}
# An offer's words that tell the type when the extract has no type column.
OFFER_TYPES = (("internet", re.compile(r"open|livebox|internet|fibre|adsl|box")),
               ("fixed_line", re.compile(r"fixe|fixed|landline|stacjonarn")),
               ("mobile", re.compile(r"mobile|gsm|komork")))
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def column_key(name: str) -> str:
    """A column name (or a state, a type) as compared: no accents, case or punctuation."""
    return re.sub(r"[^a-z0-9]+", "_", fold(str(name)).lower()).strip("_")


@dataclass(frozen=True)
class CrmContract:
    """One contract of the extract, with its customer's columns."""

    customer_number: str
    company_name: str
    holder_name: str
    contract_number: str
    contract_type: str  # fixed_line | internet | mobile | unknown
    offer: str
    subscription_date: str  # ISO, or "" when the extract has none
    state: str  # active | terminated

    def as_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


# A form of contract number is the CRM's when this many of its numbers have it, and
# this share of them: one customer's odd code is no form.
SHAPE_MIN, SHAPE_SHARE = 10, 0.02
SHAPE_FAMILY = 0.9  # of the numbers with its prefix and length
# A form of any letters before its mask ('**' + nine digits) is one that several
# prefixes share, none of them nearly all its numbers (SHAPE_FAMILY): a form that one
# prefix has is that prefix's (a letter of it misread is a slip, not another prefix).
SHAPE_PREFIXES = 3
SHAPE_SAMPLE = 50_000


class Crm:
    """The extract, indexed by customer number and by contract number.

    The values stay in one Arrow table (a few bytes a cell, where Python strings would
    take sixty); the indexes are dictionaries: a customer's rows are one slice of the
    table's rows sorted by customer, a contract's row its position.
    """

    def __init__(self, table: pd.DataFrame, keys: pd.Series, source: str = "") -> None:
        self.source = source
        self._rows = pa.Table.from_pandas(table[list(COLUMN_NAMES)].astype(str),
                                          preserve_index=False)
        codes, customers = pd.factorize(table["customer_number"])
        self._order = np.argsort(codes, kind="stable")
        self._bounds = np.searchsorted(codes[self._order], np.arange(len(customers) + 1))
        self._by_customer = dict(zip(customers.tolist(), range(len(customers)), strict=True))
        with_number = (keys != "").to_numpy()
        self._by_contract = dict(zip(keys[with_number].tolist(),
                                     np.flatnonzero(with_number).tolist(), strict=True))

    def __len__(self) -> int:
        return self._rows.num_rows

    def _row(self, i: int) -> CrmContract:
        return CrmContract(**self._rows.slice(i, 1).to_pylist()[0])

    def _rows_of(self, number: str) -> list[int]:
        group = self._by_customer.get(number)
        if group is None:
            return []
        return self._order[self._bounds[group]:self._bounds[group + 1]].tolist()

    def has_customer(self, number: str) -> bool:
        return number in self._by_customer

    def customer(self, number: str) -> CrmContract | None:
        """The customer's first row (its company and holder), or None."""
        rows = self._rows_of(number)
        return self._row(rows[0]) if rows else None

    def contracts_of(self, number: str) -> list[CrmContract]:
        """The customer's contracts (none for an unknown customer)."""
        return [c for c in map(self._row, self._rows_of(number)) if c.contract_number]

    def contract(self, number: str) -> CrmContract | None:
        """A contract by its number, whoever holds it."""
        i = self._by_contract.get(normalise_contract(number))
        return None if i is None else self._row(i)

    @cached_property
    def _sample(self) -> pd.Series:
        """Up to SHAPE_SAMPLE of the contract numbers, bare (no separators)."""
        numbers = list(self._by_contract)
        if len(numbers) > SHAPE_SAMPLE:
            numbers = random.Random(0).sample(numbers, SHAPE_SAMPLE)
        return pd.Series(numbers, dtype=str).str.replace(r"[\s\-./_]", "", regex=True)

    @cached_property
    def sizes(self) -> frozenset[int]:
        """The lengths of the contract numbers without separators (of the sample of
        ``shapes``): a code of another length is no contract one slip away."""
        return frozenset(int(n) for n in self._sample.str.len().unique())

    @cached_property
    def shapes(self) -> frozenset[tuple[str, str]]:
        """The forms that many of the CRM's contract numbers share, as (letters prefix,
        mask of the rest: 9 a digit, A a letter): ('PRO', '999999A'), ('VO', '99999999'),
        and ('**', '999999999') for any two letters before nine digits (a form that
        several prefixes share; one that a single prefix has is that prefix's). Built on
        first use from a sample of the numbers (forms are shares: a sample tells them as
        well), in a few passes of pandas' string methods."""
        bare = self._sample
        prefix = bare.str.extract(r"^([A-Z]*)", expand=False)
        mask = bare.str.replace(r"^[A-Z]*", "", regex=True) \
            .str.replace(r"[0-9]", "9", regex=True).str.replace(r"[^9]", "A", regex=True)
        shapes: set[tuple[str, str]] = set()
        for head in (prefix, prefix.str.replace(r"[A-Z]", "*", regex=True)):
            forms = pd.DataFrame({"head": head, "size": mask.str.len(), "mask": mask,
                                  "prefix": prefix})
            family = forms.groupby(["head", "size"])["mask"]
            counts = family.value_counts()
            share = counts / family.size().reindex(counts.index.droplevel("mask")).to_numpy()
            # a form of any letters is no one prefix's: none holds nearly all its
            # numbers (a few stray codes beside one prefix's do not make it one)
            each = forms.groupby(["head", "size", "mask", "prefix"]).size()
            by_form = each.groupby(level=[0, 1, 2])
            spread = ((by_form.max() / by_form.sum() < SHAPE_FAMILY)
                      & (by_form.size() >= SHAPE_PREFIXES)).reindex(counts.index).to_numpy()
            # a form is what nearly all the numbers of a prefix and length have: codes of
            # letters and digits drawn at random have many masks, and none is a form
            common = counts[(counts >= SHAPE_MIN) & (counts >= SHAPE_SHARE * len(bare))
                            & (share >= SHAPE_FAMILY)
                            & (spread | (head is prefix))]
            shapes |= {(h, m) for h, _, m in common.index}
        return frozenset(shapes)


# -- reading an extract -------------------------------------------------------------------

def parse_column_map(text: str) -> dict[str, str]:
    """``--crm-columns``: ``field=Column,field=Column`` to a {field: column} map."""
    mapping: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field_name, sep, column = part.partition("=")
        field_name = field_name.strip()
        if not sep or not column.strip() or field_name not in COLUMN_NAMES:
            raise CrmError(f"--crm-columns: '{part.strip()}' is not FIELD=COLUMN with FIELD "
                           f"one of {', '.join(COLUMN_NAMES)}")
        mapping[field_name] = column.strip()
    return mapping


def _where(kind: str, i: int) -> str:
    """Where row ``i`` of the table is in the file, as a person opening it would say."""
    return f"row {i + 1}" if kind == "parquet" else f"line {i + 2}"


def _read_csv(path: Path, exact: bool) -> pd.DataFrame:
    """A CSV extract; ``exact`` reads with pandas' own parser, which counts every line
    (blank ones too) so that a fault is named by its line; otherwise with pyarrow's,
    four times faster on a million rows."""
    raw = path.read_bytes()[:65536]
    encoding = "utf-8-sig"
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 4 or len(raw) < 65536:  # not a character cut by the sample
            encoding = "latin-1"
    first = raw.decode(encoding, errors="replace").splitlines()[0] if raw.strip() else ""
    sep = max((";", ",", "\t"), key=first.count)
    if not exact:
        return pd.read_csv(path, encoding=encoding, sep=sep, dtype=str, keep_default_na=False,
                           engine="pyarrow")
    options = dict(sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
    try:
        return pd.read_csv(path, encoding=encoding, **options)
    except UnicodeDecodeError:  # Latin-1 past the first 64 kB
        return pd.read_csv(path, encoding="latin-1", **options)


def _read(path: Path, exact: bool = True) -> tuple[pd.DataFrame, str]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            return pd.read_excel(path, dtype=str, keep_default_na=False,
                                 engine="openpyxl"), "xlsx"
        if suffix in (".parquet", ".pq"):
            table = pd.read_parquet(path)
            return table.astype(object).where(table.notna(), "").astype(str), "parquet"
        return _read_csv(path, exact), "csv"
    except FileNotFoundError as exc:
        raise CrmError(f"the CRM extract {path} does not exist: check the path") from exc
    except pd.errors.EmptyDataError as exc:
        raise CrmError(f"the CRM extract {path} is empty") from exc
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise CrmError(f"the CRM extract {path}, line {m[2]}: {m[3]} cells where the "
                           f"header has {m[1]}: fix the line or quote the cell") from exc
        raise CrmError(f"the CRM extract {path} cannot be read as CSV ({exc})") from exc
    except ImportError as exc:
        raise CrmError(f"reading {path} needs a package that is missing ({exc}): run "
                       "`make venv`") from exc
    except Exception as exc:  # openpyxl's and pyarrow's own errors for a damaged file
        raise CrmError(f"the CRM extract {path} cannot be read as {suffix or 'CSV'} "
                       f"({type(exc).__name__}: {exc})") from exc


def _rename(table: pd.DataFrame, path: Path, mapping: dict[str, str]) -> pd.DataFrame:
    """The extract's columns under the names of COLUMN_NAMES; the others dropped."""
    headers = {column_key(str(h).lstrip("\ufeff").removeprefix("ï»¿")): h
               for h in table.columns}
    chosen: dict[str, str] = {}
    for name, synonyms in COLUMN_NAMES.items():
        if name in mapping:
            wanted = column_key(mapping[name])
            if wanted not in headers:
                raise CrmError(f"the CRM extract {path}, line 1: no column '{mapping[name]}' "
                               f"(--crm-columns {name}=...); its columns are "
                               f"{', '.join(map(str, table.columns))}")
            chosen[name] = headers[wanted]
            continue
        found = [headers[s] for s in synonyms if s in headers]
        if found:
            chosen[name] = found[0]
    missing = [n for n in REQUIRED if n not in chosen]
    if missing:
        raise CrmError(f"the CRM extract {path}, line 1: no column for "
                       f"{' or '.join(missing)} among {', '.join(map(str, table.columns))}: "
                       f"name it with --crm-columns, e.g. --crm-columns "
                       f"{missing[0]}=\"Your column\"")
    out = pd.DataFrame({name: table[col].astype(str).str.strip()
                        for name, col in chosen.items()}, index=table.index)
    for name in COLUMN_NAMES:
        if name not in out:
            out[name] = ""
    return out[list(COLUMN_NAMES)]


def _coded(values: pd.Series, table: dict[str, tuple[str, ...]]) -> pd.Series:
    """Each value as its code in ``table``, '?' when it has none (worked out once per
    distinct value: a million rows hold a handful)."""
    words = {w: code for code, ws in table.items() for w in ws}
    codes = {v: words.get(column_key(v), "?") for v in values.unique()}
    return values.map(codes)


def _dates(values: pd.Series) -> pd.Series:
    """Each date as ISO; '' when empty; '?' when no format of DATE_FORMATS reads it."""
    out = pd.Series("?", index=values.index, dtype=object)
    out[values == ""] = ""
    iso = values.str.fullmatch(r"\d{4}-\d{2}-\d{2}")  # most extracts: kept as they are
    valid = pd.to_datetime(values[iso], format="%Y-%m-%d", errors="coerce").notna()
    out[valid[valid].index] = values[valid[valid].index]
    for fmt in DATE_FORMATS:
        todo = out == "?"
        if not todo.any():
            break
        parsed = pd.to_datetime(values[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        out[ok[ok].index] = parsed[ok].dt.strftime("%Y-%m-%d")
    return out


def _checked(table: pd.DataFrame, path: Path, kind: str) -> tuple[pd.DataFrame, pd.Series]:
    """The extract's values in the record's words, or CrmError at the first bad row."""
    # a wholly blank line (a spreadsheet's empty row) is no customer: left out; the
    # table keeps its index (the row's place in the file) to say where a fault is
    table = table[(table != "").any(axis=1)]

    def refuse(bad: pd.Series, reason: str) -> None:
        if bad.any():
            i = int(np.argmax(bad.to_numpy()))
            raise CrmError(f"the CRM extract {path}, {_where(kind, int(table.index[i]))}: "
                           + reason.format(v=table.iloc[i].to_dict()))

    customers = table["customer_number"]
    grouped = ~customers.str.fullmatch(r"\d{9}")  # "012 345 678": its digits
    customers = customers.where(~grouped, customers[grouped].str.replace(r"[\s.-]", "",
                                                                         regex=True))
    refuse(customers == "", "no customer number")
    refuse(~customers.str.fullmatch(r"\d{9}"),
           "the customer number '{v[customer_number]}' does not have 9 digits (in Excel, "
           "store it as text so that its leading zeros stay)")
    table = table.assign(customer_number=customers)
    states = _coded(table["state"], {"active": STATES["active"] + ("",),
                                     "terminated": STATES["terminated"]})
    refuse(states == "?", "the state '{v[state]}' is neither active nor terminated")
    table["state"] = states
    types = _coded(table["contract_type"], TYPES)
    refuse(types == "?", "the contract type '{v[contract_type]}' is not fixed line, internet "
                         "or mobile")
    by_offer = table["offer"].map({v: _offer_type(v) for v in table["offer"].unique()})
    table["contract_type"] = types.where(types != "unknown", by_offer)
    dates = _dates(table["subscription_date"])
    refuse(dates == "?", "the subscription date '{v[subscription_date]}' is not a date "
                         "(YYYY-MM-DD or DD/MM/YYYY)")
    table["subscription_date"] = dates
    keys = contract_keys(table["contract_number"])
    twice = keys.duplicated() & (keys != "")
    refuse(twice, "the contract '{v[contract_number]}' is listed twice")
    return table.reset_index(drop=True), keys.reset_index(drop=True)


def contract_keys(numbers: pd.Series) -> pd.Series:
    """normalise.normalise_contract over a column (no spaces, in capitals)."""
    keys = numbers.str.upper()
    spaced = keys.str.contains(r"\s", regex=True)  # few: the rest are left as they are
    return keys.where(~spaced, keys[spaced].map(normalise_contract))


def _offer_type(offer: str) -> str:
    words = fold(offer).lower()
    return next((code for code, pattern in OFFER_TYPES if words and pattern.search(words)),
                "unknown")


def load_crm(path: Path, columns: dict[str, str] | None = None) -> Crm:
    """Reads and checks an extract; ``CrmError`` names the line of the first fault."""
    try:
        return _load(path, columns or {}, exact=False)
    except CrmError:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".parquet", ".pq"):
            raise
    # a faulty CSV is read again by the parser that counts lines, to name the right one
    return _load(path, columns or {}, exact=True)


def _load(path: Path, columns: dict[str, str], exact: bool) -> Crm:
    table, kind = _read(path, exact)
    checked, keys = _checked(_rename(table, path, columns), path, kind)
    return Crm(checked, keys, str(path))

