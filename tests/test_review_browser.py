"""A clerk clears three flagged letters with the keyboard alone, in a real browser.

Playwright drives Debian's chromium (installed by `make test`'s system step; no
browser is ever downloaded) against the station served by waitress on 127.0.0.1.
Set MAILROOM_SCREENSHOTS=1 to refresh docs/img/review-*.png from this run.

Nothing here waits for a fixed time: every step waits for what it needs (a page, its
script, a field's value, the exports written), with timeouts long enough for a
machine whose cores are busy with other work.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from review_store import PASSWORD, build

from pipeline.review.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"
# ms: what a step may take on a loaded machine (a first view renders the page and reads
# its words with Tesseract); a step that works takes a fraction of it
TIMEOUT = 120_000


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from waitress.server import create_server

    root = tmp_path_factory.mktemp("review-browser")
    inbox, out, _ = build(root)
    app = create_app(out)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}", out=out, root=root,
                          app=app)
    server.close()


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api as playwright  # a dev dependency: never skipped
    assert Path(CHROMIUM).exists(), "no chromium: run `make test` (apt-get install chromium)"
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def new_page(browser, **options):  # noqa: ANN001, ANN003, ANN201
    """A page whose waits are all long enough for a loaded machine."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 900},
                                  **options)
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    return context, context.new_page()


def tab_to(page, attribute: str, value: str, limit: int = 60) -> None:  # noqa: ANN001
    """Presses Tab until the element whose ``attribute`` is ``value`` has the focus, as a
    person would."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement && document.activeElement.{attribute}") \
                == value:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the element whose {attribute} is {value}")


def arrive(page, name: str) -> None:  # noqa: ANN001
    """Waits until the letter ``name`` is shown and its keys work: the station's script
    (deferred) has run once the document is parsed, so a key pressed now is heard."""
    from playwright.sync_api import expect

    expect(page.locator("h1.file")).to_contain_text(name)
    page.wait_for_load_state("domcontentloaded")


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
    from playwright.sync_api import expect

    context, page = new_page(browser, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{served.url}/queue")
    assert "/login" in page.url
    expect(page.locator("input[name=name]")).to_be_focused()  # autofocus, so typing goes in
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served.url}/queue")  # and the page loaded, with its script
    expect(page.locator("#queue tr.row")).to_have_count(4)
    page.keyboard.press("j")
    expect(page.locator("#queue tr.row").nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("k")
    expect(page.locator("#queue tr.row").nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    shots = served.root / "shots"
    shots.mkdir(exist_ok=True)
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_hidden()
    page.screenshot(path=str(shots / "review-queue.png"))
    page.keyboard.press("Enter")  # the first letter, oldest first
    page.wait_for_url("**/letter/*")
    arrive(page, "a_born_digital.pdf")
    page.wait_for_load_state("load")  # the page image too
    page.screenshot(path=str(shots / "review-letter.png"))

    # 1. corrected: the customer number typed anew, Enter saves, then a accepts
    tab_to(page, "id", "f_customer_number")
    page.keyboard.press("Control+a")
    page.keyboard.type("482915307")
    page.keyboard.press("Enter")
    expect(page.locator(".flash.info")).to_contain_text("Saved (version 1)")
    expect(page.locator("#f_customer_number")).to_have_value("482915307")
    page.wait_for_load_state("domcontentloaded")
    # the flag: Tab to it, x dismisses it (the letter is signed in the margin)
    tab_to(page, "name", "flag_missing_signature")
    page.keyboard.press("x")
    expect(page.locator('input[name=flag_missing_signature][value=dismissed]')).to_be_checked()
    page.keyboard.press("a")
    arrive(page, "b_scan_200dpi.png")
    # 2. accepted as it is
    page.keyboard.press("a")
    arrive(page, "c_scan_300dpi.tif")
    # 3. rejected: the reply is drafted, d downloads it as a PDF
    page.keyboard.press("r")
    page.wait_for_url("**/reply")
    expect(page.locator("textarea")).to_have_value(re.compile("signé par le titulaire"))
    with page.expect_download() as download:
        page.keyboard.press("d")
    pdf = served.root / "reply.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page.keyboard.press("j")  # on to the letter left in the queue
    arrive(page, "d_scan_turned.png")
    assert not problems, problems  # no script error, nothing refused by the CSP, no 404

    # the station rewrites the exports in the background: until it is done with them
    assert served.app.extensions["mailroom_exporter"].flush(TIMEOUT / 1000)
    rows = csv_rows(served.out)
    statuses = {name: rows[name]["status"] for name in rows}
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
    from playwright.sync_api import expect

    context, page = new_page(browser)
    page.goto(f"{served.url}/login")
    page.fill("input[name=name]", "alice")  # who holds the letter left in the queue
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{served.url}/queue")
    page.click("text=d_scan_turned.png")
    page.wait_for_url("**/letter/*")
    arrive(page, "d_scan_turned.png")
    page.fill("#f_holder_name", "someone else")
    page.click("#f_holder_name")
    # the words of the page (read again by Tesseract on first view) become clickable
    expect(page.locator('rect.word[data-text="Jean"]').first).to_be_attached()
    page.locator('rect.word[data-text="Jean"]').first.click(force=True)
    expect(page.locator("#f_holder_name")).to_have_value("Jean")  # the first word replaces
    page.locator('rect.word[data-text="Dupont,"]').first.click(force=True)
    expect(page.locator("#f_holder_name")).to_have_value("Jean Dupont,")  # the next adds
    context.close()
