"""mailroom eval: perfect against itself, and it catches each kind of damage."""

from __future__ import annotations

import copy
from pathlib import Path

from pipeline.evaluate import evaluate, score
from pipeline.normalise import normalise_name

TRUTH = {
    "a.pdf": {"source_file": "a.pdf", "doc_type": "termination_letter", "language": "fr",
              "customer_number": "482915306", "contract_number": "CTR-2019-004512",
              "subscription_date": "2019-03-12", "letter_date": "2024-05-02",
              "contract_type": "fixed_line", "recipient": "tsa_20001",
              "holder_name": "Jean Dupont", "signatory_name": "Jean Dupont",
              "status": "ok", "flags": ""},
    "b.jpg": {"source_file": "b.jpg", "doc_type": "termination_letter", "language": "fr",
              "customer_number": "", "contract_number": "VO12345678",
              "subscription_date": "2018-01-02", "letter_date": "2024-05-03",
              "contract_type": "internet", "recipient": "tsa_10018",
              "holder_name": "Anna Kowalska", "signatory_name": "Anna Kowalska",
              "status": "flagged", "flags": "missing_customer_number"},
    "c.png": {"source_file": "c.png", "doc_type": "invoice", "language": "fr",
              "customer_number": "111222333", "contract_number": "", "subscription_date": "",
              "letter_date": "", "contract_type": "", "recipient": "",
              "holder_name": "Luc Petit", "signatory_name": "", "status": "ok", "flags": ""},
    "d.pdf": {"source_file": "d.pdf", "doc_type": "error", "language": "",
              "customer_number": "", "contract_number": "", "subscription_date": "",
              "letter_date": "", "contract_type": "", "recipient": "", "holder_name": "",
              "signatory_name": "", "status": "error", "flags": "unreadable_file"},
}


def test_truth_against_itself_is_perfect() -> None:
    s = score(TRUTH, TRUTH)
    assert all(f["accuracy"] == 1.0 and f["false_positives"] == 0 for f in s.fields.values())
    assert s.status_accuracy == 1.0 and s.false_ok == 0 and s.lost == 0
    assert all(f["precision"] == 1.0 and f["recall"] == 1.0 for f in s.flags.values())


def test_a_wrong_digit_is_caught() -> None:
    pred = copy.deepcopy(TRUTH)
    pred["a.pdf"]["customer_number"] = "482915307"
    assert score(TRUTH, pred).fields["customer_number"]["accuracy"] == 0.5


def test_grouping_and_case_are_normalised_but_content_is_not() -> None:
    pred = copy.deepcopy(TRUTH)
    pred["a.pdf"]["customer_number"] = "482 915 306"
    pred["a.pdf"]["holder_name"] = "M. JEAN DUPONT"
    pred["b.jpg"]["contract_number"] = "vo 1234 5678"
    s = score(TRUTH, pred)
    assert s.fields["customer_number"]["accuracy"] == 1.0
    assert s.fields["holder_name"]["accuracy"] == 1.0
    assert s.fields["contract_number"]["accuracy"] == 1.0
    assert normalise_name("Jean Dupont") != normalise_name("Jean Dupond")


def test_a_lost_file_is_counted() -> None:
    pred = copy.deepcopy(TRUTH)
    del pred["d.pdf"]
    assert score(TRUTH, pred).lost == 1


def test_a_missed_flag_lowers_recall_and_passes_a_defective_letter() -> None:
    pred = copy.deepcopy(TRUTH)
    pred["b.jpg"]["flags"] = ""
    pred["b.jpg"]["status"] = "ok"
    s = score(TRUTH, pred)
    assert s.flags["missing_customer_number"]["recall"] == 0.0
    assert s.false_ok == 1
    assert s.status_accuracy == 0.75


def test_a_value_where_the_truth_is_empty_is_a_false_positive() -> None:
    pred = copy.deepcopy(TRUTH)
    pred["c.png"]["contract_number"] = "X12345"
    s = score(TRUTH, pred)
    assert s.fields["contract_number"]["false_positives"] == 1


def test_a_spurious_flag_lowers_precision() -> None:
    pred = copy.deepcopy(TRUTH)
    pred["a.pdf"]["flags"] = "missing_signature"
    pred["a.pdf"]["status"] = "flagged"
    assert score(TRUTH, pred).flags["missing_signature"]["precision"] == 0.0


def test_a_truth_written_without_a_reader_is_scored_as_it_states_things(tmp_path: Path) -> None:
    """expected_status says flagged for an unreadable file and leaves out reader flags;
    a termination letter passed as ok under another type is a missed letter."""
    truth = tmp_path / "truth.csv"
    truth.write_text(
        "source_file,doc_type,customer_number,contract_type,recipient,expected_status,"
        "expected_flags\n"
        "a.pdf,termination_letter,482915306,internet,tsa_10018,ok,\n"
        "b.pdf,error,,unknown,none,flagged,\n"
        "c.pdf,termination_letter,111222333,fixed_line,tsa_20001,flagged,missing_signature\n",
        encoding="utf-8")
    pred = tmp_path / "records.csv"
    pred.write_text(
        "source_file,doc_type,customer_number,contract_type,recipient,status,flags\n"
        "a.pdf,termination_letter,482915306,internet,tsa_10018,flagged,low_confidence\n"
        "b.pdf,error,,,,error,unreadable_file\n"
        "c.pdf,other,,,,ok,\n", encoding="utf-8")
    s = evaluate(truth, pred)
    assert s.missed == ["c.pdf"] and s.false_ok == 1
    # error is flagged there; a letter sent to a clerk for low confidence is still not ok
    assert s.status_accuracy == 1 / 3
    assert s.flags["missing_signature"]["recall"] == 0.0
    assert "low_confidence" not in s.flags and "unreadable_file" not in s.flags
    assert s.fields["contract_type"]["accuracy"] == 2 / 3  # '' is 'unknown' for b.pdf


def test_a_file_without_flags_adds_no_flag_code() -> None:
    assert "" not in score(TRUTH, TRUTH).flags
