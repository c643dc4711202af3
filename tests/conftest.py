from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pipeline.context import Context, Settings  # noqa: E402
from pipeline.lexicon import Lexicon  # noqa: E402


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="session")
def ctx() -> Context:
    return Context(Settings(workers=1))
