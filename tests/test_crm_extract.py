"""Reading a CRM extract: the formats real exports come in, and faults refused."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.crm import load_crm, parse_column_map
from pipeline.errors import CrmError

HEADER = "customer_number,company,holder,contract,type,offer,subscription_date,state\n"
ROWS = ("012345678,SARL Dupont,Jean Dupont,CTR-2019-001234,internet,Open Pro,2019-03-04,"
        "active\n"
        "012345678,SARL Dupont,Jean Dupont,VO12345678,mobile,Forfait mobile,2020-01-02,"
        "terminated\n"
        "987654321,,Anna Nowak,PRO123456A,fixed,,2018-11-30,active\n")


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_customer_numbers_keep_their_leading_zeros(tmp_path: Path) -> None:
    crm = load_crm(_write(tmp_path / "crm.csv", HEADER + ROWS))
    assert len(crm) == 3
    assert crm.has_customer("012345678") and not crm.has_customer("12345678")
    first = crm.customer("012345678")
    assert first is not None and first.holder_name == "Jean Dupont"
    assert [c.contract_number for c in crm.contracts_of("012345678")] == [
        "CTR-2019-001234", "VO12345678"]
    contract = crm.contract("vo 12345678")
    assert contract is not None and contract.state == "terminated"
    assert contract.contract_type == "mobile" and contract.subscription_date == "2020-01-02"


def test_a_semicolon_latin1_export_with_french_headers_is_read(tmp_path: Path) -> None:
    text = ("Numéro client;Société;Titulaire;N° contrat;Type de contrat;Offre;"
            "Date de souscription;Statut\r\n"
            "004400440;Boulangerie Lefèvre;Hélène Lefèvre;FT 1234 5678 90;ligne fixe;;"
            "04/03/2019;résilié\r\n")
    crm = load_crm(_write(tmp_path / "export.csv", text, "latin-1"))
    c = crm.contract("FT1234567890")
    assert c is not None
    assert (c.customer_number, c.company_name, c.holder_name) == (
        "004400440", "Boulangerie Lefèvre", "Hélène Lefèvre")
    assert (c.contract_type, c.subscription_date, c.state) == ("fixed_line", "2019-03-04",
                                                               "terminated")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "latin-1"])
def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path: Path,
                                                          encoding: str) -> None:
    text = "Client;Contrat;Titulaire;Date début\n001234567;CTR-1;Zoé Müller;01.02.2015\n"
    data = text.encode(encoding)
    if encoding == "latin-1":  # a BOM put before Latin-1 text by some export tools
        data = b"\xef\xbb\xbf" + data
    (tmp_path / "crm.csv").write_bytes(data)
    crm = load_crm(tmp_path / "crm.csv")
    c = crm.contract("CTR-1")
    assert c is not None and c.customer_number == "001234567"
    assert c.holder_name == "Zoé Müller" and c.subscription_date == "2015-02-01"


def test_excel_and_parquet_extracts_are_read_as_text(tmp_path: Path) -> None:
    table = pd.DataFrame({"Client": ["012345678", "987654321"],
                          "Contrat": ["CTR-2019-001234", "PRO123456A"],
                          "Titulaire": ["Jean Dupont", "Anna Nowak"],
                          "Date de souscription": ["2019-03-04", "2018-11-30"],
                          "Etat": ["actif", "résilié"]})
    table.to_excel(tmp_path / "crm.xlsx", index=False)
    table.to_parquet(tmp_path / "crm.parquet")
    for name in ("crm.xlsx", "crm.parquet"):
        crm = load_crm(tmp_path / name)
        c = crm.contract("PRO123456A")
        assert c is not None, name
        assert (c.customer_number, c.state, c.subscription_date) == (
            "987654321", "terminated", "2018-11-30"), name
        assert crm.has_customer("012345678"), name


def test_excel_dates_stored_as_dates_are_read(tmp_path: Path) -> None:
    table = pd.DataFrame({"customer": ["012345678"], "contract": ["A-1"],
                          "subscription_date": [pd.Timestamp("2017-06-05")]})
    table.to_excel(tmp_path / "crm.xlsx", index=False)
    c = load_crm(tmp_path / "crm.xlsx").contract("A-1")
    assert c is not None and c.subscription_date == "2017-06-05"


def test_crm_columns_name_columns_the_table_does_not_know(tmp_path: Path) -> None:
    text = "Ref cli,Ref abo,Porteur\n123456789,X-1,Paul Martin\n"
    path = _write(tmp_path / "crm.csv", text)
    with pytest.raises(CrmError, match="line 1: no column for customer_number"):
        load_crm(path)
    mapping = parse_column_map("customer_number=Ref cli, contract_number=Ref abo,"
                               "holder_name=Porteur")
    c = load_crm(path, mapping).contract("X-1")
    assert c is not None and c.holder_name == "Paul Martin"
    with pytest.raises(CrmError, match="no column 'Nope'"):
        load_crm(path, {**mapping, "offer": "Nope"})
    with pytest.raises(CrmError, match="FIELD=COLUMN"):
        parse_column_map("customer=Ref cli")


@pytest.mark.parametrize("row, line, reason", [
    ("12345678,A-9,,,,,,active", 4, "does not have 9 digits"),
    (",A-9,,,,,,active", 4, "no customer number"),
    ("123456789,A-9,,,,,31/02/2020,active", 4, "is not a date"),
    ("123456789,A-9,,,,,,maybe", 4, "neither active nor terminated"),
    ("123456789,A-9,,,satellite,,,active", 4, "not fixed line, internet or mobile"),
    ("123456789,CTR-2019-001234,,,,,,active", 4, "listed twice"),
    ("123456789,A-9,,,,,,active,extra", 4, "9 cells where the header has 8"),
])
def test_a_broken_extract_is_refused_with_its_line(tmp_path: Path, row: str, line: int,
                                                   reason: str) -> None:
    header = "customer,contract,company,holder,type,offer,subscription_date,state\n"
    good = ("012345678,CTR-2019-001234,,,,,,active\n"
            "\n"  # a blank line still counts as a line of the file
            )
    path = _write(tmp_path / "crm.csv", header + good + row + "\n")
    with pytest.raises(CrmError) as err:
        load_crm(path)
    assert f"line {line}:" in str(err.value) and reason in str(err.value)
    assert err.value.exit_code == 5


def test_an_empty_or_missing_extract_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CrmError, match="is empty"):
        load_crm(_write(tmp_path / "empty.csv", ""))
    with pytest.raises(CrmError, match="does not exist"):
        load_crm(tmp_path / "nowhere.csv")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(CrmError, match="cannot be read as .xlsx"):
        load_crm(tmp_path / "bad.xlsx")
