"""Synthetic incoming mail with exact ground truth (see samples/README.md)."""

from .generate import TRUTH_COLUMNS, Generated, generate

__all__ = ["TRUTH_COLUMNS", "Generated", "generate"]
