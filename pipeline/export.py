"""The CRM CSV and the full JSON Lines export, both written from the store.

Files are written under a temporary name and renamed, so a reader never sees half
an export. What clerks decided in the review station is applied: the CSV carries
the corrected values and the decided status; the JSON Lines keep the machine's
values, and under ``review`` the corrections, who decided and when.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .records import CONTRACT_COLUMNS
from .review.decisions import load_all
from .store import Store


def _replace(path: Path, write) -> None:  # noqa: ANN001 - a callable taking a file
    # one temporary name per process: the review station and `process` may both export
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        write(f)
    os.replace(tmp, path)


# OWASP's CSV injection guidance: a cell that begins with one of these is read as a
# formula by spreadsheets.  It gets a leading apostrophe, which spreadsheets show as
# text; `unguard` takes exactly one apostrophe off to get the value back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
GUARD = "'"


def guard(value: str) -> str:
    """The value made inert for a spreadsheet (reversible with ``unguard``)."""
    if value.startswith(FORMULA_STARTS) or (value.startswith(GUARD) and
                                            value[1:].startswith(FORMULA_STARTS + (GUARD,))):
        return GUARD + value
    return value


def unguard(value: str) -> str:
    if value.startswith(GUARD) and value[1:].startswith(FORMULA_STARTS + (GUARD,)):
        return value[1:]
    return value


def crm_rows(store: Store) -> list[dict[str, str]]:
    rows = []
    outcomes = load_all(store.db)
    for doc in store.documents():
        row = {c: doc[c] if c in doc.keys() else "" for c in CONTRACT_COLUMNS}
        flags = [f.code for f in store.flags_of(doc["id"])]
        outcome = outcomes.get((doc["sha256"], doc["source_file"]))
        if outcome is not None:  # a clerk's corrections and decision win
            row.update(outcome.values)
            row["status"], flags = outcome.status_and_flags(doc["status"], flags)
        row["flags"] = ";".join(flags)
        row["confidence"] = f"{doc['confidence']:.2f}"
        rows.append({k: guard(str(v)) for k, v in row.items()})
    return rows


def write_csv(store: Store, path: Path) -> None:
    """records.csv: the columns of domain.md in their order, UTF-8, with a header row."""
    def write(f) -> None:  # noqa: ANN001
        writer = csv.DictWriter(f, fieldnames=CONTRACT_COLUMNS)
        writer.writeheader()
        writer.writerows(crm_rows(store))
    _replace(path, write)


def write_jsonl(store: Store, path: Path) -> None:
    """records.jsonl: everything the store holds, with each field's evidence."""
    outcomes = load_all(store.db)

    def write(f) -> None:  # noqa: ANN001
        for doc in store.documents():
            line = store.as_json(doc)
            outcome = outcomes.get((doc["sha256"], doc["source_file"]))
            if outcome is not None:
                data = json.loads(line)
                data["review"] = outcome.as_dict()
                line = json.dumps(data, ensure_ascii=False)
            f.write(line + "\n")
    _replace(path, write)
