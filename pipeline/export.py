"""The CRM CSV and the full JSON Lines export, both written from the store.

Files are written under a temporary name and renamed, so a reader never sees half
an export.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from .records import CONTRACT_COLUMNS
from .store import Store


def _replace(path: Path, write) -> None:  # noqa: ANN001 - a callable taking a file
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        write(f)
    os.replace(tmp, path)


def crm_rows(store: Store) -> list[dict[str, str]]:
    rows = []
    for doc in store.documents():
        row = {c: doc[c] if c in doc.keys() else "" for c in CONTRACT_COLUMNS}
        row["flags"] = ";".join(f.code for f in store.flags_of(doc["id"]))
        row["confidence"] = f"{doc['confidence']:.2f}"
        rows.append({k: str(v) for k, v in row.items()})
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
    def write(f) -> None:  # noqa: ANN001
        for doc in store.documents():
            f.write(store.as_json(doc) + "\n")
    _replace(path, write)
