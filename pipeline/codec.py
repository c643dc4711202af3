"""Analyses to JSON and back, so that the store keeps what reading a file gave.

The store keeps each file's analysis as soon as it is read (one transaction), so
that a run stopped at any moment (even by kill -9) resumes without reading those
files again. JSON rather than pickle: a store file is data, never code.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .records import Analysis, Box, Classification, Evidence, Extraction, FieldValue


def analysis_to_json(a: Analysis) -> str:
    return json.dumps(asdict(a), ensure_ascii=False, sort_keys=True)


def _field(d: dict[str, Any]) -> FieldValue:
    ev = d.get("evidence")
    evidence = None
    if ev:
        box = Box(**ev["box"]) if ev.get("box") else None
        evidence = Evidence(ev["page"], box, ev["confidence"], ev["text"])
    return FieldValue(d["name"], d["value"], evidence)


def analysis_from_json(text: str) -> Analysis:
    d = json.loads(text)
    kind = None
    if d.get("kind"):
        k = d["kind"]
        kind = Classification(k["doc_type"], k["language"], k["porting"],
                              tuple(tuple(s) for s in k["scores"]), k.get("uncertain", False))
    ext = None
    if d.get("ext"):
        e = d["ext"]
        ext = Extraction(tuple(_field(f) for f in e["fields"]), e["signed"], e["on_behalf"],
                         tuple(e["unreadable"]), e["impossible_subscription_date"],
                         tuple(e.get("codes", ())),
                         tuple(_field(f) for f in e.get("second", ())))
    return Analysis(d["source_file"], d["sha256"], kind, ext, d["error"], d["note"], d["pages"],
                    d["engine"], d["seconds"], d["confidence"],
                    tuple(d.get("page_turns", ())))
