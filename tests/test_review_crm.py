"""The CRM's values beside the letter's, on the letter page (Flask's test client), on a
store the real pipeline made with a CRM extract (`mailroom process --crm`)."""

from __future__ import annotations

import html
import re
import sqlite3
from types import SimpleNamespace

import pytest
from review_store import build
from test_review_http import login

from pipeline.review.app import create_app

HOSTILE_COMPANY = "<script>alert('crm')</script>"
HOSTILE_OFFER = "<img src=x onerror=alert(2)>"
# the four letters of review_store, all signed by Jean Dupont, subscribed 2019-04-12:
# a: its contract read with one slip (…948, the CRM's …949), settled by the CRM;
# b: a customer the CRM does not know;
# c: a contract read between two of the customer's, equally close: not settled;
# d: a contract terminated, subscribed on another date, of a hostile company.
CRM = "\n".join(";".join(row) for row in (
    ("client", "contrat", "societe", "titulaire", "type", "offre", "souscription", "statut"),
    ("482915306", "CTR-2019-505949", "SARL Dupont Plomberie", "Jean Dupont", "fixe",
     "Ligne fixe Pro", "2019-04-12", "actif"),
    ("630118274", "CTR-2018-774410", "SARL Dupont Plomberie", "Jean Dupont", "fixe",
     "Ligne fixe Pro", "2019-04-12", "actif"),
    ("630118274", "CTR-2018-774412", "SARL Dupont Plomberie", "Jean Dupont", "internet",
     "Open Pro", "2019-04-12", "actif"),
    ("771355902", "CTR-2017-300512", f'"{HOSTILE_COMPANY}"', "Jean Dupont", "fixe",
     HOSTILE_OFFER, "02/05/2017", "résilié"))) + "\n"


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    root = tmp_path_factory.mktemp("review-crm")
    _, out, _ = build(root, crm=CRM)
    return SimpleNamespace(app=create_app(out), db=out / "mailroom.sqlite")


def page_of(station, source: str, lang: str = "en") -> str:  # noqa: ANN001
    db = sqlite3.connect(station.db)
    key = db.execute("SELECT record_key FROM documents WHERE source_file = ?",
                     (source,)).fetchone()[0]
    db.close()
    r = login(station.app, "alice").get(f"/letter/{key}", headers={"Accept-Language": lang})
    assert r.status_code == 200
    return r.text


def field(page: str, name: str) -> str:
    """The HTML of one field's row on the letter page."""
    found = re.search(rf'<div class="field" id="field-{name}">(.*?)\n    </div>', page, re.S)
    assert found, name
    return found.group(1)


def crm_cell(page: str, name: str) -> tuple[str, str]:
    """The CRM's cell of a field: its classes and its text."""
    found = re.search(r'<span class="(crm[^"]*)"[^>]*>(.*?)</span>', field(page, name), re.S)
    assert found, name
    return found.group(1), html.unescape(found.group(2)).strip()


def test_the_crm_s_values_stand_beside_the_letter_s(station) -> None:
    page = page_of(station, "a_born_digital.pdf")
    assert 'class="fields with-crm"' in page and "<span>CRM</span>" in page
    assert crm_cell(page, "customer_number") == ("crm", "482915306")
    assert crm_cell(page, "contract_number") == ("crm", "CTR-2019-505949")
    assert crm_cell(page, "subscription_date") == ("crm", "2019-04-12")
    assert crm_cell(page, "contract_type") == ("crm", "fixed line")
    assert crm_cell(page, "company_name") == ("crm", "SARL Dupont Plomberie")
    assert crm_cell(page, "holder_name") == ("crm", "Jean Dupont")
    assert crm_cell(page, "letter_date") == ("crm", "")  # the CRM has no letter date
    # the contract number the CRM settled says what was read
    assert "matched in the CRM; read as CTR-2019-505948" in field(page, "contract_number")
    assert "matched in the CRM" not in field(page, "customer_number")
    assert "contract active</span> · offer: Ligne fixe Pro" in page


def test_a_value_the_crm_holds_otherwise_is_marked(station) -> None:
    page = page_of(station, "d_scan_turned.png")
    assert crm_cell(page, "subscription_date") == ("crm differs", "≠ 2017-05-02")
    assert crm_cell(page, "contract_number") == ("crm", "CTR-2017-300512")
    assert crm_cell(page, "holder_name") == ("crm", "Jean Dupont")
    assert '<span class="state terminated">contract terminated</span>' in page


def test_tied_contracts_and_an_unknown_customer_are_said(station) -> None:
    tied = page_of(station, "c_scan_300dpi.tif")
    assert ("equally close in the CRM: CTR-2018-774410 or CTR-2018-774412"
            in field(tied, "contract_number"))
    assert "This contract is not among the customer's in the CRM" in tied
    assert crm_cell(tied, "contract_number") == ("crm", "—")  # no contract: nothing to say
    assert crm_cell(tied, "customer_number") == ("crm", "630118274")
    unknown = page_of(station, "b_scan_200dpi.png")
    assert '<span class="differs">Customer not in the CRM</span>' in unknown
    assert crm_cell(unknown, "customer_number") == ("crm", "—")


def test_hostile_text_from_the_crm_is_shown_inert(station) -> None:
    page = page_of(station, "d_scan_turned.png")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert crm_cell(page, "company_name") == ("crm differs", f"≠ {HOSTILE_COMPANY}")
    assert "offer: &lt;img src=x onerror=alert(2)&gt;" in page


def test_the_crm_s_side_is_said_in_the_clerk_s_language(station) -> None:
    said = {lang: html.unescape(page_of(station, "a_born_digital.pdf", lang))
            for lang in ("fr", "pl")}
    assert "rapproché dans le CRM ; lu comme CTR-2019-505948" in said["fr"]
    assert "contrat actif" in said["fr"] and "offre : Ligne fixe Pro" in said["fr"]
    assert "dopasowane w CRM; odczytano jako CTR-2019-505948" in said["pl"]
    assert "umowa aktywna" in said["pl"] and "oferta: Ligne fixe Pro" in said["pl"]
    tied = html.unescape(page_of(station, "c_scan_300dpi.tif", "fr"))
    assert "aussi proches dans le CRM : CTR-2018-774410 ou CTR-2018-774412" in tied
    for text in said.values():
        assert "matched in the CRM" not in text and "contract active" not in text
