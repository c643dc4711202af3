"""Scores a run's CRM CSV against a truth.csv (``mailroom eval``).

A field is right only when it is entirely right after the normalisation below
(the one of docs/rules.md): customer numbers compare as digits, contract numbers
without spaces and in capitals, names without accents, titles, case or extra spaces.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .normalise import normalise_company, normalise_contract, normalise_digits, normalise_name

SCORED_FIELDS = ("doc_type", "customer_number", "contract_number", "subscription_date",
                 "letter_date", "contract_type", "recipient", "company_name", "holder_name",
                 "signatory_name")
# Flags that depend on the reader, which a truth written without one leaves out.
READER_FLAGS = frozenset({"unreadable_file", "low_confidence"})


NORMALISERS: dict[str, Callable[[str], str]] = {
    "customer_number": normalise_digits,
    "contract_number": normalise_contract,
    "holder_name": normalise_name,
    "signatory_name": normalise_name,
    "company_name": normalise_company,
    # no value and the contract's word for none are the same answer
    "contract_type": lambda v: v.lower() or "unknown",
    "recipient": lambda v: v.lower() or "none",
}


def normalise(name: str, value: str) -> str:
    value = (value or "").strip()
    return NORMALISERS.get(name, str.lower)(value)


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    """A truth or CRM CSV by source file (the CRM's formula guard taken off)."""
    from .export import unguard

    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = [{k: unguard(v or "") for k, v in row.items()} for row in csv.DictReader(f)]
    return {row["source_file"]: row for row in rows}


def read_truth(path: Path) -> tuple[dict[str, dict[str, str]], bool]:
    """A truth CSV, and whether it was written without a reader.

    Such a truth (``expected_status``, ``expected_flags``) says ``flagged`` for an
    unreadable file and leaves out the flags that depend on the reader.
    """
    rows = read_rows(path)
    readerless = any("expected_status" in row for row in rows.values())
    if readerless:
        for row in rows.values():
            row["status"] = row.get("expected_status", "")
            row["flags"] = row.get("expected_flags", "")
    return rows, readerless


def _as_readerless(row: dict[str, str]) -> dict[str, str]:
    """A predicted row as a truth without a reader states it."""
    flags = ";".join(f for f in row.get("flags", "").split(";") if f and f not in READER_FLAGS)
    status = "flagged" if row.get("status") == "error" else row.get("status", "")
    return {**row, "flags": flags, "status": status}


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    """A field's values in the form they are compared in ('' where a file has none)."""
    values = table[name] if name in table else pd.Series("", index=table.index)
    return values.fillna("").astype(str).map(lambda v: normalise(name, v))


def _flag_table(table: pd.DataFrame) -> pd.DataFrame:
    """One column of booleans per flag code: which file carries it."""
    flags = table["flags"] if "flags" in table else pd.Series("", index=table.index)
    table = flags.fillna("").astype(str).str.get_dummies(sep=";").astype(bool)
    return table.drop(columns="", errors="ignore")  # no flag is no code


@dataclass
class Score:
    n: int
    fields: dict[str, dict[str, float]]
    status_accuracy: float
    flags: dict[str, dict[str, float]]
    false_ok: int
    lost: int
    extra: int
    missed: list[str]  # termination letters predicted ok as other mail or an invoice

    def as_dict(self) -> dict:
        return {"n": self.n, "fields": self.fields, "status_accuracy": self.status_accuracy,
                "flags": self.flags, "false_ok": self.false_ok, "lost": self.lost,
                "extra": self.extra, "missed_letters": self.missed}


def score(truth: dict[str, dict[str, str]], pred: dict[str, dict[str, str]], *,
          readerless: bool = False) -> Score:
    """Compares predicted rows with the truth, file by file.

    With ``readerless`` the predictions are first put as such a truth states them
    (see ``read_truth``).
    """
    if readerless:
        pred = {s: _as_readerless(p) for s, p in pred.items()}
    t = pd.DataFrame.from_dict(truth, orient="index")
    p = pd.DataFrame.from_dict(pred, orient="index", dtype=object).reindex(t.index)
    fields: dict[str, dict[str, float]] = {}
    for name in SCORED_FIELDS:
        tv, pv = _column(t, name), _column(p, name)
        stated = tv != ""
        fields[name] = {"accuracy": float((tv == pv)[stated].mean()) if stated.any() else 1.0,
                        "n": int(stated.sum()),
                        "false_positives": int((~stated & (pv != "")).sum())}
    t_flags = _flag_table(t)
    every = pd.DataFrame.from_dict(pred, orient="index")  # extra rows' codes are listed too
    codes = sorted(set(t_flags) | set(_flag_table(every)))
    t_flags = t_flags.reindex(columns=codes, fill_value=False)
    p_flags = _flag_table(p).reindex(columns=codes, fill_value=False)
    tp, t_n, p_n = (t_flags & p_flags).sum(), t_flags.sum(), p_flags.sum()
    flags = {code: {"precision": float(tp[code] / p_n[code]) if p_n[code] else 1.0,
                    "recall": float(tp[code] / t_n[code]) if t_n[code] else 1.0,
                    "support": int(t_n[code]), "predicted": int(p_n[code])} for code in codes}
    t_status, p_status = _column(t, "status"), _column(p, "status")
    predicted_ok = p_status == "ok"
    # termination letters predicted ok as other mail or an invoice
    missed = predicted_ok & (_column(t, "doc_type") == "termination_letter") \
        & _column(p, "doc_type").isin(("other", "invoice"))
    return Score(n=len(truth), fields=fields,
                 status_accuracy=float((t_status == p_status).mean()) if truth else 1.0,
                 flags=flags, false_ok=int((t_status.isin(("flagged", "error"))
                                            & predicted_ok).sum()),
                 lost=sum(s not in pred for s in truth),
                 extra=sum(s not in truth for s in pred), missed=sorted(missed[missed].index))


def evaluate(truth_path: Path, pred_path: Path) -> Score:
    truth, readerless = read_truth(truth_path)
    return score(truth, read_rows(pred_path), readerless=readerless)


def format_table(s: Score) -> str:
    """A readable table of the score."""
    out = [f"files: {s.n}   lost: {s.lost}   false-OK: {s.false_ok}   "
           f"missed letters: {len(s.missed)}   status accuracy: {s.status_accuracy:.3f}   "
           f"extra rows: {s.extra}", "",
           f"{'field':<20}{'accuracy':>10}{'n':>6}{'false pos.':>12}"]
    for name, f in s.fields.items():
        out.append(f"{name:<20}{f['accuracy']:>10.3f}{f['n']:>6}{f['false_positives']:>12}")
    out += ["", f"{'flag':<28}{'precision':>10}{'recall':>8}{'truth':>7}{'pred.':>7}"]
    for code, f in s.flags.items():
        out.append(f"{code:<28}{f['precision']:>10.3f}{f['recall']:>8.3f}"
                   f"{f['support']:>7}{f['predicted']:>7}")
    if s.missed:
        out += ["", "missed letters (termination letters passed as ok under another type):"]
        out += [f"  {name}" for name in s.missed]
    return "\n".join(out)
