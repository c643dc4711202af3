"""Golden text-to-fields tests: each tests/golden/NAME.txt next to its NAME.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import layout_from_text

from pipeline.classify import classify
from pipeline.extract import extract
from pipeline.validate import Facts, validate

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.txt"))
FIELDS = ("customer_number", "contract_number", "subscription_date", "letter_date",
          "contract_type", "recipient", "holder_name", "signatory_name")


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_text_gives_expected_fields(path: Path, lexicon) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    layout = layout_from_text(path.read_text(encoding="utf-8"), ink_after=expected["ink_after"])
    kind = classify(layout, lexicon)
    ext = extract(layout, kind, lexicon)
    assert kind.doc_type == expected["doc_type"]
    assert kind.language == expected["language"]
    for name in FIELDS:
        if name in expected:
            assert ext.get(name) == expected[name], name
    codes = sorted(f.code for f in validate(Facts(kind, ext)))
    assert codes == sorted(expected["flags"])


def test_every_golden_has_its_expectation() -> None:
    assert len(GOLDEN) >= 7
    for path in GOLDEN:
        assert path.with_suffix(".json").exists(), path
