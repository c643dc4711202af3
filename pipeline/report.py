"""report.html: one self-contained page for the back-office manager."""

from __future__ import annotations

import html
import os
from collections import Counter
from pathlib import Path

from .store import Store

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:4px 6px;
text-align:left;vertical-align:top} th{background:#f4f4f4}
.ok{color:#1a7f37} .flagged{color:#b35900} .error{color:#c62828}
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
    row_h, label_w, bar_w = 22, 210, 360
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


def render(store: Store, min_confidence: float = 0.45) -> str:
    docs = store.documents()
    by_type = Counter(d["doc_type"] for d in docs)
    by_status = Counter(d["status"] for d in docs)
    flags = {d["id"]: store.flags_of(d["id"]) for d in docs}
    by_flag = Counter(f.code for fs in flags.values() for f in fs)
    out = ["<!doctype html><html lang=en><meta charset=utf-8>",
           "<title>Mailroom report</title>", f"<style>{STYLE}</style>",
           "<h1>Mailroom report</h1>",
           f"<p>{len(docs)} files: {by_status.get('ok', 0)} ok, "
           f"{by_status.get('flagged', 0)} flagged for a clerk, "
           f"{by_status.get('error', 0)} unreadable.</p>",
           "<h2>By type</h2>", bar_chart(by_type, "documents by type"),
           "<h2>By status</h2>", bar_chart(by_status, "documents by status"),
           "<h2>By flag</h2>", bar_chart(by_flag, "flags")]
    out.append("<h2>Letters and files for a clerk</h2><table><tr><th>File</th><th>Type</th>"
               "<th>Status</th><th>Why</th></tr>")
    for d in docs:
        if d["status"] == "ok":
            continue
        why = "<br>".join(_esc(f.message) for f in flags[d["id"]])
        out.append(f"<tr><td>{_esc(d['source_file'])}</td><td>{_esc(d['doc_type'])}</td>"
                   f"<td class={_esc(d['status'])}>{_esc(d['status'])}</td><td>{why}</td></tr>")
    out.append("</table>")
    out.append("<h2>Every file, field by field</h2><table><tr><th>File</th><th>Type</th>"
               "<th>Fields (confidence)</th><th>Status</th></tr>")
    for d in docs:
        cells = []
        for f in store.fields_of(d["id"]):
            conf = f["confidence"]
            shown = "" if conf is None else f" ({conf:.2f})"
            cls = " class=low" if conf is not None and conf < min_confidence else ""
            cells.append(f"<span{cls}>{_esc(f['name'])}: {_esc(f['value'])}{shown}</span>")
        out.append(f"<tr><td>{_esc(d['source_file'])}</td><td>{_esc(d['doc_type'])}</td>"
                   f"<td>{'<br>'.join(cells) or '<span class=muted>none</span>'}</td>"
                   f"<td class={_esc(d['status'])}>{_esc(d['status'])}</td></tr>")
    out.append("</table></html>")
    return "\n".join(out)


def write_report(store: Store, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(store), encoding="utf-8")
    os.replace(tmp, path)
