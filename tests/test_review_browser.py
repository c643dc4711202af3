"""A clerk clears three flagged letters with the keyboard alone, in a real browser.

Playwright drives Debian's chromium (installed by `make test`'s system step; no
browser is ever downloaded) against the station served by waitress on 127.0.0.1.
Set MAILROOM_SCREENSHOTS=1 to refresh docs/img/review-*.png from this run.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from review_store import PASSWORD, build

from pipeline.review.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from waitress.server import create_server

    root = tmp_path_factory.mktemp("review-browser")
    inbox, out, _ = build(root)
    app = create_app(out)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}", out=out, root=root)
    server.close()


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api as playwright  # a dev dependency: never skipped
    assert Path(CHROMIUM).exists(), "no chromium: run `make test` (apt-get install chromium)"
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def tab_to(page, element_id: str, limit: int = 60) -> None:  # noqa: ANN001
    """Presses Tab until the element has the focus, as a person would."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def csv_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "records.csv").open(encoding="utf-8") as f:
        return {r["source_file"]: r for r in csv.DictReader(f)}



def decisions(out: Path) -> dict[str, str]:
    """What clerks decided, by file, as records.jsonl keeps it."""
    with (out / "records.jsonl").open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {r["source_file"]: r["review"]["decision"] for r in rows
            if (r.get("review") or {}).get("decision")}

def test_a_clerk_clears_three_letters_by_keyboard_alone(served, browser) -> None:
    context = browser.new_context(accept_downloads=True, locale="en-US",
                                  viewport={"width": 1400, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{served.url}/queue")
    assert "/login" in page.url
    page.keyboard.type("alice")  # the name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served.url}/queue")
    assert page.locator("#queue tr.row").count() == 4
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    shots = served.root / "shots"
    shots.mkdir(exist_ok=True)
    page.keyboard.press("?")
    assert not page.locator("#help").is_visible()
    page.screenshot(path=str(shots / "review-queue.png"))
    page.keyboard.press("Enter")  # the first letter, oldest first
    page.wait_for_url("**/letter/*")
    assert "a_born_digital.pdf" in page.locator("h1.file").inner_text()
    page.wait_for_load_state("load")  # the page image too
    page.screenshot(path=str(shots / "review-letter.png"))

    # 1. corrected: the customer number typed anew, Enter saves, then a accepts
    tab_to(page, "f_customer_number")
    page.keyboard.press("Control+a")
    page.keyboard.type("482915307")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash.info")
    assert page.locator("#f_customer_number").input_value() == "482915307"
    # the flag: Tab to it, x dismisses it (the letter is signed in the margin)
    for _ in range(40):
        if page.evaluate("document.activeElement.name") == "flag_missing_signature":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("x")
    page.keyboard.press("a")
    page.locator("h1.file", has_text="b_scan_200dpi.png").wait_for()
    # 2. accepted as it is
    page.keyboard.press("a")
    page.locator("h1.file", has_text="c_scan_300dpi.tif").wait_for()
    # 3. rejected: the reply is drafted, d downloads it as a PDF
    page.keyboard.press("r")
    page.wait_for_url("**/reply")
    assert "signé par le titulaire" in page.locator("textarea").input_value()
    with page.expect_download() as download:
        page.keyboard.press("d")
    pdf = served.root / "reply.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page.keyboard.press("j")  # on to the letter left in the queue
    page.locator("h1.file", has_text="d_scan_turned.png").wait_for()
    assert not problems, problems  # no script error, nothing refused by the CSP, no 404

    deadline = time.monotonic() + 20  # the station rewrites the exports in the background
    while True:
        rows = csv_rows(served.out)
        statuses = {name: rows[name]["status"] for name in rows}
        if decisions(served.out).get("c_scan_300dpi.tif") == "reject" \
                or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert rows["a_born_digital.pdf"]["customer_number"] == "482915307"
    db = sqlite3.connect(served.out / "mailroom.sqlite")
    assert db.execute("SELECT who, new_value FROM decisions WHERE kind = 'flag' AND "
                      "source_file = 'a_born_digital.pdf'").fetchall() == [("alice", "dismissed")]
    db.close()
    assert statuses == {"a_born_digital.pdf": "ok", "b_scan_200dpi.png": "ok",
                        "c_scan_300dpi.tif": "flagged", "d_scan_turned.png": "flagged"}
    assert decisions(served.out) == {"a_born_digital.pdf": "accept",
                                     "b_scan_200dpi.png": "accept",
                                     "c_scan_300dpi.tif": "reject"}
    if os.environ.get("MAILROOM_SCREENSHOTS"):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        for shot in shots.glob("review-*.png"):
            shutil.copy(shot, DOCS_IMG / shot.name)
    context.close()


def test_a_clerk_fills_a_field_by_clicking_the_words_on_the_page(served, browser) -> None:
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{served.url}/login")
    page.fill("input[name=name]", "alice")  # who holds the letter left in the queue
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{served.url}/queue")
    page.click("text=d_scan_turned.png")
    page.wait_for_url("**/letter/*")
    page.fill("#f_holder_name", "someone else")
    page.click("#f_holder_name")
    # the words of the page (read again by Tesseract on first view) become clickable
    page.wait_for_selector('rect.word[data-text="Jean"]', state="attached", timeout=30_000)
    for word in ("Jean", "Dupont,"):
        page.locator(f'rect.word[data-text="{word}"]').first.click(force=True)
    assert page.locator("#f_holder_name").input_value() == "Jean Dupont,"
    context.close()
