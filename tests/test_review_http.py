"""The review station over HTTP (Flask's test client) on a real store made by the real
pipeline: sessions, CSRF, roles, stale saves, ids, hostile text, exports, re-runs."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from review_store import PASSWORD, build

from pipeline.cli import main
from pipeline.context import Context, Settings
from pipeline.orchestrator import process_inbox
from pipeline.review.app import create_app
from pipeline.store import record_key

HOSTILE_NAME = "<img src=x onerror=alert(1)>.pdf"
FORMULA_NAME = "=HYPERLINK(1)+2.pdf"


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-http")
    inbox, out, drawn = build(root, {HOSTILE_NAME: b"not a pdf at all", FORMULA_NAME: b""})
    db = sqlite3.connect(out / "mailroom.sqlite")
    with db:  # what a hostile scan could make OCR read into a field
        db.execute("UPDATE documents SET holder_name = ?, company_name = ? WHERE source_file "
                   "= 'c_scan_300dpi.tif'", ('<script>alert("x")</script><img src=x>',
                                             "=cmd|' /C calc'!A0"))
    db.close()
    app = create_app(out)
    return SimpleNamespace(app=app, out=out, inbox=inbox, drawn=drawn,
                           db=out / "mailroom.sqlite")


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def login(app, name: str, password: str = PASSWORD, **kwargs):  # noqa: ANN001, ANN201
    client = app.test_client(**kwargs)
    page = client.get("/login")
    r = client.post("/login", data={"name": name, "password": password,
                                    "csrf_token": token(page.text)})
    assert r.status_code == 302, r.text
    return client


def key_of(station, source: str) -> str:  # noqa: ANN001
    db = sqlite3.connect(station.db)
    row = db.execute("SELECT record_key FROM documents WHERE source_file = ?",
                     (source,)).fetchone()
    db.close()
    return row[0]


def decisions_count(station) -> int:  # noqa: ANN001
    db = sqlite3.connect(station.db)
    n = db.execute("SELECT count(*) FROM decisions").fetchone()[0]
    db.close()
    return n


def form_of(html: str) -> dict[str, str]:
    """The letter form's fields as the browser would send them (save)."""
    data = {m.group(1): m.group(2) for m in re.finditer(
        r'<input id="(f_\w+)" name="f_\w+" value="([^"]*)"', html)}
    for m in re.finditer(r'<select id="(f_\w+)" name="f_\w+">(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', m.group(2))
        data[m.group(1)] = chosen.group(1) if chosen else ""
    data["version"] = re.search(r'name="version" value="(\d+)"', html).group(1)
    data["csrf_token"] = token(html)
    return {k: unescape(v) for k, v in data.items()}


def unescape(value: str) -> str:
    import html

    return html.unescape(value)


def test_every_route_refuses_an_anonymous_request(station) -> None:
    app = station.app
    key = key_of(station, "a_born_digital.pdf")
    public = {"login", "language", "static"}
    client = app.test_client()
    anon_token = token(client.get("/login").text)
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in public:
            continue
        url = rule.build({"key": key, "number": 1})[1] if rule.arguments else rule.rule
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method == "GET":
                r = client.get(url)
                assert r.status_code == 302 and "/login" in r.headers["Location"], url
            else:
                r = client.open(url, method=method, data={"csrf_token": anon_token})
                assert r.status_code == 401, (method, url, r.status_code)
            checked += 1
    assert checked >= 9
    db = sqlite3.connect(station.db)
    assert db.execute("SELECT count(*) FROM decisions WHERE who = ''").fetchone()[0] == 0


def test_a_post_without_a_valid_csrf_token_is_refused(station) -> None:
    client = login(station.app, "alice")
    key = key_of(station, "a_born_digital.pdf")
    page = client.get(f"/letter/{key}")
    data = form_of(page.text) | {"f_customer_number": "111111111", "action": "accept"}
    before = decisions_count(station)
    for bad in ({k: v for k, v in data.items() if k != "csrf_token"},
                data | {"csrf_token": "forged"},
                data | {"csrf_token": token(station.app.test_client().get("/login").text)}):
        r = client.post(f"/letter/{key}", data=bad)
        assert r.status_code == 400 and "Traceback" not in r.text
    assert decisions_count(station) == before
    r = client.post("/logout", data={})
    assert r.status_code == 400  # even logging out needs the token


def test_log_in_needs_a_right_password_and_failures_slow_down(station) -> None:
    client = station.app.test_client()
    for _ in range(3):
        r = client.post("/login", data={"name": "carol", "password": "wrong password",
                                        "csrf_token": token(client.get("/login").text)})
        assert r.status_code == 401 and "Wrong name or password" in r.text
    r = client.post("/login", data={"name": "carol", "password": PASSWORD,
                                    "csrf_token": token(client.get("/login").text)})
    assert r.status_code == 429 and "wait" in r.text
    assert client.get("/queue").status_code == 302  # still not logged in
    db = sqlite3.connect(station.db)
    with db:
        db.execute("DELETE FROM login_failures")
    db.close()
    assert login(station.app, "carol").get("/queue").status_code == 200


def test_the_session_cookie_is_httponly_lax_and_secure_over_tls(station) -> None:
    for base, secure in (("http://localhost", False), ("https://localhost", True)):
        client = station.app.test_client()
        page = client.get("/login", base_url=base)
        r = client.post("/login", base_url=base, data={
            "name": "alice", "password": PASSWORD, "csrf_token": token(page.text)})
        cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) == secure


def test_every_answer_has_a_csp_and_errors_show_no_traceback(station) -> None:
    app = create_app(station.out)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret detail of the server")

    client = login(app, "alice")
    r = client.get("/boom")
    assert r.status_code == 500
    assert "Traceback" not in r.text and "secret detail" not in r.text
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert client.get("/queue").headers["X-Content-Type-Options"] == "nosniff"


def test_a_clerk_cannot_reach_supervisor_pages(station) -> None:
    clerk = login(station.app, "alice")
    key = key_of(station, "a_born_digital.pdf")
    for url in ("/supervisor/decisions", "/supervisor/users"):
        assert clerk.get(url).status_code == 403
    page = clerk.get("/queue")
    assert "/supervisor/" not in page.text
    r = clerk.post(f"/supervisor/assign/{key}", data={"user": "alice",
                                                      "csrf_token": token(page.text)})
    assert r.status_code == 403
    r = clerk.post("/supervisor/users", data={"action": "add", "name": "mallory",
                                              "password": "12345678", "role": "supervisor",
                                              "csrf_token": token(page.text)})
    assert r.status_code == 403
    boss = login(station.app, "sam")
    assert boss.get("/supervisor/decisions").status_code == 200
    assert "mallory" not in boss.get("/supervisor/users").text


def test_a_supervisor_reassigns_a_letter_and_manages_users(station) -> None:
    boss = login(station.app, "sam")
    key = key_of(station, "d_scan_turned.png")
    page = boss.get("/supervisor/users")
    r = boss.post("/supervisor/users", data={"action": "add", "name": "dave",
                                             "password": "long enough", "role": "clerk",
                                             "csrf_token": token(page.text)})
    assert r.status_code == 302
    assert "dave" in boss.get("/supervisor/users").text
    r = boss.post(f"/supervisor/assign/{key}", data={"user": "dave",
                                                     "csrf_token": token(page.text)})
    assert r.status_code == 302
    db = sqlite3.connect(station.db)
    assert db.execute("SELECT who FROM claims WHERE record_key = ?", (key,)).fetchone()[0] == \
        "dave"
    assert db.execute("SELECT who, kind, new_value FROM decisions WHERE kind = 'assign'"
                      ).fetchone() == ("sam", "assign", "dave")
    with db:
        db.execute("DELETE FROM claims")
    db.close()
    assert "dave" in boss.get("/supervisor/decisions").text


def test_a_letter_claimed_by_another_clerk_cannot_be_saved(station) -> None:
    key = key_of(station, "c_scan_300dpi.tif")
    alice, carol = login(station.app, "alice"), login(station.app, "carol")
    assert alice.get(f"/letter/{key}").status_code == 200
    page = carol.get(f"/letter/{key}")
    assert "alice is working on this letter" in page.text
    before = decisions_count(station)
    r = carol.post(f"/letter/{key}", data=form_of(page.text) | {"f_contract_number": "X1"})
    assert r.status_code == 409 and decisions_count(station) == before
    assert 'value="X1"' in r.text  # what carol typed is still in her form
    db = sqlite3.connect(station.db)
    with db:  # five minutes later: alice's claim has ended by itself
        db.execute("UPDATE claims SET until = until - 301")
    db.close()
    page = carol.get(f"/letter/{key}")
    assert "is working on this letter" not in page.text
    r = carol.post(f"/letter/{key}", data=form_of(page.text) | {"f_contract_number": "X1"})
    assert r.status_code == 302 and decisions_count(station) == before + 1
    page = carol.get(f"/letter/{key}").text  # put back, for the tests after this one
    r = carol.post(f"/letter/{key}", data=form_of(page) | {"f_contract_number": ""})
    db = sqlite3.connect(station.db)
    with db:
        db.execute("DELETE FROM claims")
    db.close()


def test_a_stale_save_is_refused_and_nothing_is_lost(station) -> None:
    key = key_of(station, "b_scan_200dpi.png")
    alice = login(station.app, "alice")
    first_tab = alice.get(f"/letter/{key}").text
    second_tab = alice.get(f"/letter/{key}").text
    r = alice.post(f"/letter/{key}", data=form_of(first_tab) | {
        "f_contract_number": "CTR-2020-118833", "reason": "read on the page"})
    assert r.status_code == 302
    r = alice.post(f"/letter/{key}", data=form_of(second_tab) | {
        "f_contract_number": "CTR-9999-000000"})
    assert r.status_code == 409
    assert "Not saved" in r.text and 'value="CTR-9999-000000"' in r.text
    assert "CTR-2020-118833" in r.text  # and what the store holds now is shown
    db = sqlite3.connect(station.db)
    rows = db.execute("SELECT version, who, field, machine_value, new_value, reason FROM "
                      "decisions WHERE source_file = 'b_scan_200dpi.png' ORDER BY id").fetchall()
    assert rows == [(1, "alice", "contract_number", "", "CTR-2020-118833", "read on the page")]
    # saved again on the version now shown: both are kept, in order
    r = alice.post(f"/letter/{key}", data=form_of(r.text))
    assert r.status_code == 302
    values = [r[0] for r in db.execute(
        "SELECT new_value FROM decisions WHERE source_file = 'b_scan_200dpi.png' AND "
        "field = 'contract_number' ORDER BY id")]
    assert values == ["CTR-2020-118833", "CTR-9999-000000"]
    db.close()
    # back to the right value, for the tests after this one
    page = alice.get(f"/letter/{key}").text
    alice.post(f"/letter/{key}", data=form_of(page) | {"f_contract_number": "CTR-2020-118833"})


@pytest.mark.parametrize("key", ["0123456789abcdef01234567", "..%2F..%2Fetc%2Fpasswd",
                                 "%2Fetc%2Fpasswd", "a_born_digital.pdf", "1", "mailroom.sqlite"])
def test_an_unknown_or_path_like_record_id_gets_404(station, key: str) -> None:
    alice = login(station.app, "alice")
    for url in (f"/letter/{key}", f"/letter/{key}/page/1.jpg", f"/letter/{key}/reply"):
        assert alice.get(url).status_code == 404, url


def test_a_record_id_of_another_store_gets_404(station, tmp_path: Path) -> None:
    other = record_key("0" * 64, "a_born_digital.pdf")  # same name, other bytes
    alice = login(station.app, "alice")
    assert alice.get(f"/letter/{other}").status_code == 404
    key = key_of(station, "a_born_digital.pdf")
    assert alice.get(f"/letter/{key}/page/2.jpg").status_code == 404  # no such page
    assert alice.get(f"/letter/{key}/page/0.jpg").status_code == 404


def test_the_words_of_a_page_are_served_with_their_boxes(station) -> None:
    alice = login(station.app, "alice")
    drawn = next(d for d in station.drawn if d.name == "a_born_digital.pdf")
    words = alice.get(f"/letter/{key_of(station, drawn.name)}/page/1/words.json").get_json()
    number = next(w for w in words if w["text"] == drawn.customer)
    box = (number["x0"], number["y0"], number["x1"], number["y1"])
    assert all(abs(a - b) < 0.015 for a, b in zip(box, drawn.box, strict=True)), box
    assert alice.get(f"/letter/{key_of(station, drawn.name)}/page/2/words.json"
                     ).status_code == 404


def test_hostile_values_are_shown_inert(station) -> None:
    alice = login(station.app, "alice")
    queue = alice.get("/queue").text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in queue
    assert "<img src=x" not in queue and FORMULA_NAME in queue
    key = key_of(station, "c_scan_300dpi.tif")
    page = alice.get(f"/letter/{key}").text
    assert "<script>alert" not in page and "<img src=x>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x&gt;" in page
    hostile = alice.get(f"/letter/{key_of(station, HOSTILE_NAME)}")
    assert hostile.status_code == 200 and "<img src=x" not in hostile.text
    # a very long value: kept up to the limit, refused past it (and nothing saved)
    before = decisions_count(station)
    r = alice.post(f"/letter/{key}", data=form_of(page) | {"f_letter_date": "9" * 2001})
    assert r.status_code == 400 and decisions_count(station) == before
    r = alice.post(f"/letter/{key}", data=form_of(page) | {"f_signatory_name": "<b>x</b>" * 250})
    assert r.status_code == 302
    shown = alice.get(f"/letter/{key}").text
    assert "<b>x</b>" not in shown and "&lt;b&gt;x&lt;/b&gt;" * 250 in shown


def test_the_queue_has_counts_filters_and_the_oldest_first(station) -> None:
    alice = login(station.app, "alice")
    page = alice.get("/queue").text
    assert "Not signed" in page and "The file cannot be read" in page
    only_errors = alice.get("/queue?type=error").text
    assert HOSTILE_NAME.replace("<", "&lt;").replace(">", "&gt;") in only_errors
    assert "a_born_digital.pdf" not in only_errors
    no_contract = alice.get("/queue?flag=missing_contract_number").text
    assert "b_scan_200dpi.png" in no_contract and "a_born_digital.pdf" not in no_contract
    assert alice.get("/queue?flag=<script>").status_code == 200  # an unknown filter is no filter
    # a letter opened from a filtered queue goes on within the filter
    first = re.search(r'href="(/letter/[0-9a-f]{24}\?flag=missing_signature)"',
                      alice.get("/queue?flag=missing_signature").text).group(1)
    page = alice.get(first).text
    assert re.search(r'id="next" rel="next" href="/letter/[0-9a-f]{24}\?flag=missing_signature"',
                     page)


def test_the_interface_speaks_the_browser_s_language_and_can_switch(station) -> None:
    alice = login(station.app, "alice", )
    fr = alice.get("/queue", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert "File d&#39;attente" in fr or "File d'attente" in fr
    assert "Non signé" in fr
    page = alice.get("/queue").text
    r = alice.post("/language", data={"lang": "pl", "back": "/queue",
                                      "csrf_token": token(page)})
    assert r.status_code == 302
    assert "Kolejka" in alice.get("/queue", headers={"Accept-Language": "fr"}).text


def test_users_add_asks_the_password_twice_and_stores_an_argon2_hash(station) -> None:
    r = CliRunner().invoke(main, ["users", "add", "erin", "--role", "clerk", "--out",
                                  str(station.out)], input="a fine password\na fine password\n")
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["users", "add", "fred", "--role", "clerk", "--out",
                                  str(station.out)], input="a fine password\nanother one\n"
                                                           "short\nshort\n")
    assert r.exit_code == 1 and "at least 8" in r.output
    db = sqlite3.connect(station.db)
    stored = db.execute("SELECT password_hash FROM users WHERE name = 'erin'").fetchone()[0]
    assert stored.startswith("$argon2id$") and "a fine password" not in stored
    assert db.execute("SELECT count(*) FROM users WHERE name = 'fred'").fetchone()[0] == 0
    db.close()
    r = CliRunner().invoke(main, ["users", "add", "x", "--role", "admin", "--out",
                                  str(station.out)])
    assert r.exit_code == 2


def test_a_letter_s_flags_are_explained_in_the_clerk_s_language(station) -> None:
    alice = login(station.app, "alice")
    key = key_of(station, "c_scan_300dpi.tif")
    said = {lang: unescape(alice.get(f"/letter/{key}", headers={"Accept-Language": lang}).text)
            for lang in ("fr", "pl", "en")}
    assert "Le courrier n'est pas signé à la main." in said["fr"]
    assert "Pismo nie jest podpisane odręcznie." in said["pl"]
    assert "The letter is not signed by hand." in said["en"]
    assert "The letter is not signed by hand." not in said["fr"] + said["pl"]


def test_a_letter_of_a_run_without_a_crm_has_no_crm_column(station) -> None:
    page = login(station.app, "alice").get(f"/letter/{key_of(station, 'a_born_digital.pdf')}")
    assert page.status_code == 200 and 'id="field-contract_number"' in page.text
    assert "with-crm" not in page.text and 'class="crm' not in page.text
    assert "<span>CRM</span>" not in page.text and "matched in the CRM" not in page.text


def test_a_letter_set_aside_leaves_the_clerks_queue_for_the_supervisor_s(station) -> None:
    alice, sam = login(station.app, "alice"), login(station.app, "sam")
    key = key_of(station, "b_scan_200dpi.png")
    page = alice.get(f"/letter/{key}").text
    r = alice.post(f"/letter/{key}", data=form_of(page) | {
        "action": "set_aside", "reason": "mandate to check"})
    assert r.status_code == 302
    assert "b_scan_200dpi.png" not in alice.get("/queue").text
    boss_queue = sam.get("/queue").text
    assert "b_scan_200dpi.png" in boss_queue and "set aside" in boss_queue
    log = sam.get("/supervisor/decisions?who=alice").text
    assert "mandate to check" in log and "set_aside" in log


def test_decisions_reach_the_exports_and_survive_a_rerun(station) -> None:
    alice = login(station.app, "alice")
    key = key_of(station, "a_born_digital.pdf")
    page = alice.get(f"/letter/{key}").text
    r = alice.post(f"/letter/{key}", data=form_of(page) | {
        "f_customer_number": "482915307", "flag_missing_signature": "dismissed",
        "reason": "signed in the margin", "action": "accept"})
    assert r.status_code == 302
    key_d = key_of(station, "d_scan_turned.png")
    page = alice.get(f"/letter/{key_d}").text
    r = alice.post(f"/letter/{key_d}", data=form_of(page) | {"action": "reject"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/letter/{key_d}/reply")
    reply = alice.get(r.headers["Location"]).text
    assert "doit être signé par le titulaire du contrat" in reply
    r = alice.post(f"/letter/{key_d}/reply", data={
        "text": "Madame, Monsieur,\n\nla lettre doit être signée.", "version":
        re.search(r'name="version" value="(\d+)"', reply).group(1), "csrf_token": token(reply)})
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.data[:5] == b"%PDF-"
    assert station.app.extensions["mailroom_exporter"].flush(30)

    def rows() -> dict[str, dict[str, str]]:
        with (station.out / "records.csv").open(encoding="utf-8") as f:
            return {r["source_file"]: r for r in csv.DictReader(f)}

    def check(guarded: bool) -> None:
        got = rows()
        assert got["a_born_digital.pdf"]["customer_number"] == "482915307"
        assert (got["a_born_digital.pdf"]["status"], got["a_born_digital.pdf"]["flags"]) == \
            ("ok", "")
        assert got["d_scan_turned.png"]["status"] == "flagged"  # rejected: still to answer
        assert "missing_signature" in got["d_scan_turned.png"]["flags"]
        if guarded:  # the hostile company name this module wrote into the store
            assert got["c_scan_300dpi.tif"]["company_name"] == "'=cmd|' /C calc'!A0"
        record = next(json.loads(line) for line in (station.out / "records.jsonl").open()
                      if json.loads(line)["source_file"] == "a_born_digital.pdf")
        assert record["customer_number"] == "482915306"  # the machine's, kept
        review = record["review"]
        assert review["corrections"]["customer_number"] == {"machine": "482915306",
                                                            "value": "482915307"}
        assert review["decision"] == "accept" and review["decided_by"] == "alice"
        rejected = next(json.loads(line) for line in (station.out / "records.jsonl").open()
                        if json.loads(line)["source_file"] == "d_scan_turned.png")
        assert rejected["review"]["decision"] == "reject"

    check(guarded=True)
    report = (station.out / "report.html").read_text(encoding="utf-8")
    assert "termination letter" in report and "termination_letter" not in report
    assert f'href="http://127.0.0.1:8000/letter/{key_d}"' in report
    assert "accepted by alice" in report and "rejected by alice" in report
    assert "Sent to: TSA 20001" in report and "<img src=x" not in report
    before = decisions_count(station)
    # reading the same files again rewrites every record, and undoes no clerk's work
    process_inbox(station.inbox, station.out, Context(Settings(workers=1)))
    check(guarded=False)
    assert decisions_count(station) == before
    # a file with other bytes under the same name is another letter: it starts afresh
    with (station.inbox / "a_born_digital.pdf").open("ab") as f:
        f.write(b"\n% rescanned\n")
    process_inbox(station.inbox, station.out, Context(Settings(workers=1)))
    got = {r["source_file"]: r for r in csv.DictReader((station.out / "records.csv").open())}
    assert got["a_born_digital.pdf"]["customer_number"] == "482915306"
    assert got["a_born_digital.pdf"]["status"] == "flagged"
    assert got["d_scan_turned.png"]["status"] == "flagged"
    assert key_of(station, "a_born_digital.pdf") != key


def test_an_export_begun_after_it_was_asked_for_is_not_written_again(station) -> None:
    """The server's processes each ask for the exports after a decision: one export
    that began after a request holds everything it asked for."""
    import time

    from pipeline.review.exporter import Exporter

    exporter, csv_path = Exporter(station.out, station.db), station.out / "records.csv"
    asked = time.time()
    assert exporter.write_unless_done(asked) and csv_path.exists()
    csv_path.unlink()
    assert not exporter.write_unless_done(asked)  # another process's would be skipped
    assert not csv_path.exists()
    assert exporter.write_unless_done(time.time())  # asked after it began: written
    assert csv_path.exists()
