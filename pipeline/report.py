"""report.html: one self-contained page for the back-office manager.

Codes are shown in words ("termination letter", "TSA 20001"), rows are coloured by
status, what clerks decided in the review station is shown, and each file for a
clerk links to its page in the station.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from pathlib import Path

from .review.decisions import DECIDED_STATUS, load_all
from .review.words import (
    DECISION_WORDS,
    DOC_TYPE_WORDS,
    FIELD_WORDS,
    FLAG_WORDS,
    STATUS_WORDS,
    value_words,
)
from .store import Store

REVIEW_URL = "http://127.0.0.1:8000"  # where `mailroom review` serves by default

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:4px 6px;
text-align:left;vertical-align:top} th{background:#f4f4f4}
td.ok{color:#1a7f37} td.flagged{color:#b35900} td.error,td.rejected{color:#c62828}
tr.ok td:first-child{border-left:4px solid #1a7f37} tr.flagged td:first-child{border-left:4px
solid #e08a00} tr.error td:first-child,tr.rejected td:first-child{border-left:4px solid #c62828}
tr.flagged{background:#fffaf3} tr.error,tr.rejected{background:#fdf1f0}
.low{color:#c62828;font-weight:bold} .bar{fill:#ff7900} .muted{color:#777}
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(counts: Counter, title: str) -> str:
    """A horizontal bar chart as inline SVG (no script, no external file)."""
    if not counts:
        return f"<p class=muted>No {_esc(title)}.</p>"
    items = counts.most_common()
    top = max(v for _, v in items)
    row_h, label_w, bar_w = 22, 330, 360
    parts = [f'<svg role="img" aria-label="{_esc(title)}" width="{label_w + bar_w + 60}" '
             f'height="{row_h * len(items) + 4}">']
    for i, (label, value) in enumerate(items):
        y = i * row_h + 2
        w = max(2, int(bar_w * value / top))
        parts.append(f'<text x="0" y="{y + 15}">{_esc(label)}</text>'
                     f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w}" height="16"/>'
                     f'<text x="{label_w + w + 6}" y="{y + 15}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _words(table: dict[str, str], code: str) -> str:
    return table.get(code, code.replace("_", " "))


def render(store: Store, min_confidence: float = 0.45, review_url: str = REVIEW_URL) -> str:
    docs = store.documents()
    outcomes = load_all(store.db)
    decided = {d["id"]: outcomes[(d["sha256"], d["source_file"])] for d in docs
               if (d["sha256"], d["source_file"]) in outcomes
               and outcomes[(d["sha256"], d["source_file"])].decision}
    status = {d["id"]: DECIDED_STATUS[decided[d["id"]].decision] if d["id"] in decided
              else d["status"] for d in docs}
    by_type = Counter(_words(DOC_TYPE_WORDS, d["doc_type"]) for d in docs)
    by_status = Counter(_words(STATUS_WORDS, s) for s in status.values())
    flags = {d["id"]: store.flags_of(d["id"]) for d in docs}
    by_flag = Counter(_words(FLAG_WORDS, f.code) for fs in flags.values() for f in fs)
    out = ["<!doctype html><html lang=en><meta charset=utf-8>",
           "<title>Mailroom report</title>", f"<style>{STYLE}</style>",
           "<h1>Mailroom report</h1>",
           f"<p>{len(docs)} files: {sum(1 for s in status.values() if s == 'ok')} ok, "
           f"{sum(1 for s in status.values() if s == 'flagged')} flagged for a clerk, "
           f"{sum(1 for s in status.values() if s == 'error')} unreadable"
           + (f", {len(decided)} decided by a clerk" if decided else "") + ".</p>",
           "<h2>By type</h2>", bar_chart(by_type, "documents by type"),
           "<h2>By status</h2>", bar_chart(by_status, "documents by status"),
           "<h2>By flag</h2>", bar_chart(by_flag, "flags")]
    out.append("<h2>Letters and files for a clerk</h2><p class=muted>Each name opens the "
               f"letter in the review station (<code>mailroom review</code>, at "
               f"{_esc(review_url)}).</p><table><tr><th>File</th><th>Type</th>"
               "<th>Status</th><th>Why</th><th>Decided</th></tr>")
    for d in docs:
        if d["status"] == "ok":
            continue
        why = "<br>".join(f"<b>{_esc(_words(FLAG_WORDS, f.code))}</b>: {_esc(f.message)}"
                          for f in flags[d["id"]])
        link = f"{review_url}/letter/{d['record_key']}" if d["record_key"] else ""
        name = (f'<a href="{_esc(link)}">{_esc(d["source_file"])}</a>' if link
                else _esc(d["source_file"]))
        done = decided.get(d["id"])
        said = (f"{_esc(DECISION_WORDS[done.decision])} by {_esc(done.decided_by)}, "
                f"{_esc(done.decided_at)}" if done else "")
        st = status[d["id"]]
        out.append(f"<tr class={_esc(st)}><td>{name}</td>"
                   f"<td>{_esc(_words(DOC_TYPE_WORDS, d['doc_type']))}</td>"
                   f"<td class={_esc(st)}>{_esc(_words(STATUS_WORDS, st))}</td><td>{why}</td>"
                   f"<td>{said}</td></tr>")
    out.append("</table>")
    out.append("<h2>Every file, field by field</h2><table><tr><th>File</th><th>Type</th>"
               "<th>Fields (confidence)</th><th>Status</th></tr>")
    for d in docs:
        cells = []
        for f in store.fields_of(d["id"]):
            conf = f["confidence"]
            shown = "" if conf is None else f" ({conf:.2f})"
            cls = " class=low" if conf is not None and conf < min_confidence else ""
            label = _words(FIELD_WORDS, f["name"])
            cells.append(f"<span{cls}>{_esc(label)}: "
                         f"{_esc(value_words(f['name'], f['value']))}{shown}</span>")
        st = status[d["id"]]
        out.append(f"<tr class={_esc(st)}><td>{_esc(d['source_file'])}</td>"
                   f"<td>{_esc(_words(DOC_TYPE_WORDS, d['doc_type']))}</td>"
                   f"<td>{'<br>'.join(cells) or '<span class=muted>none</span>'}</td>"
                   f"<td class={_esc(st)}>{_esc(_words(STATUS_WORDS, st))}</td></tr>")
    out.append("</table></html>")
    return "\n".join(out)


def write_report(store: Store, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(render(store), encoding="utf-8")
    os.replace(tmp, path)
