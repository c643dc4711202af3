"""The generator: deterministic, and its truth agrees with the rules."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pdfplumber
import pytest
from mailgen import TRUTH_COLUMNS, generate
from mailgen.content import KIND_TO_TYPE, TSA_FOR_TYPE

DOMAIN_FLAGS = {"missing_customer_number", "invalid_customer_number", "missing_contract_number",
                "missing_subscription_date", "invalid_subscription_date", "wrong_address",
                "unknown_contract_type", "missing_signature", "not_holder", "porting_request",
                "duplicate", "low_confidence", "unreadable_file"}


@pytest.fixture(scope="session")
def two_hundred(tmp_path_factory):
    out = tmp_path_factory.mktemp("two_hundred")
    return out, generate(out, 200, seed=4242, difficulty="clean")


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 8, seed=99, difficulty="scan")
    generate(tmp_path / "b", 8, seed=99, difficulty="scan")
    generate(tmp_path / "c", 8, seed=100, difficulty="scan")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_truth_has_the_contract_columns(two_hundred) -> None:
    out, _ = two_hundred
    header = (out / "truth.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == TRUTH_COLUMNS


def test_the_mix_is_about_what_a_mailroom_receives(two_hundred) -> None:
    _, gens = two_hundred
    types = [g.truth["doc_type"] for g in gens]
    assert 95 <= types.count("termination_letter") <= 125
    assert 40 <= types.count("invoice") <= 60
    assert 20 <= types.count("other") <= 40
    assert 5 <= types.count("error") <= 15
    assert {g.truth["language"] for g in gens} >= {"fr", "pl", "en"}
    renderings = {g.rendering.split(":")[-1] for g in gens}
    assert {"born_digital", "pdf", "tiff", "png", "jpg"} <= renderings


def test_every_domain_flag_occurs_in_two_hundred(two_hundred) -> None:
    _, gens = two_hundred
    seen = {f for g in gens for f in g.truth["flags"].split(";") if f}
    assert seen == DOMAIN_FLAGS


def test_an_ok_letter_really_is_complete_and_signed_by_its_holder(two_hundred) -> None:
    _, gens = two_hundred
    ok_letters = [g for g in gens if g.spec and g.truth["status"] == "ok"]
    assert len(ok_letters) > 30
    for g in ok_letters:
        s = g.spec
        ctype = KIND_TO_TYPE[s.kind]
        assert len(s.customer) == 9 and s.contract and s.sub_date
        assert s.sub_date <= s.letter_date
        assert ctype in TSA_FOR_TYPE and s.recipient == TSA_FOR_TYPE[ctype]
        assert s.ink and not s.on_behalf and not s.smudge
        assert s.signatory.name == s.holder.name


def test_each_flagged_letter_really_has_its_defect(two_hundred) -> None:
    _, gens = two_hundred
    for g in (g for g in gens if g.spec):
        s, flags = g.spec, set(g.truth["flags"].split(";"))
        assert ("missing_customer_number" in flags) == (not s.customer and not s.smudge)
        assert ("invalid_customer_number" in flags) == (bool(s.customer) and
                                                         len(s.customer) != 9 and not s.smudge)
        assert ("missing_contract_number" in flags) == (not s.contract)
        assert ("missing_signature" in flags) == (not s.ink)
        assert ("not_holder" in flags) == s.on_behalf
        assert ("low_confidence" in flags) == s.smudge
        bad_date = s.sub_impossible or bool(s.sub_date and s.sub_date > s.letter_date)
        assert ("invalid_subscription_date" in flags) == bad_date


def test_born_digital_letters_print_exactly_what_the_truth_says(two_hundred) -> None:
    out, gens = two_hundred
    checked = 0
    for g in gens:
        if g.rendering != "born_digital" or not g.spec:
            continue
        with pdfplumber.open(out / g.truth["source_file"]) as pdf:
            digits = "".join(ch for ch in " ".join(p.extract_text() or "" for p in pdf.pages)
                             if ch.isdigit())
        truth = g.truth
        if truth["customer_number"]:
            assert truth["customer_number"] in digits
        if truth["contract_number"]:
            assert "".join(c for c in truth["contract_number"] if c.isdigit()) in digits
        checked += 1
    assert checked >= 5


def test_broken_files_are_really_broken(two_hundred) -> None:
    out, gens = two_hundred
    for g in gens:
        if g.truth["doc_type"] != "error":
            continue
        data = (out / g.truth["source_file"]).read_bytes()
        kind = g.rendering.split(":")[1]
        if kind == "empty":
            assert data == b""
        elif kind == "text_as_jpg":
            assert not data.startswith(b"\xff\xd8")
        elif kind == "encrypted_pdf":
            assert b"/Encrypt" in data
        else:
            assert data.startswith(b"%PDF") and b"%%EOF" not in data[-64:]
