"""The torture run of `make torture`, smaller: bad inputs, then kill -9 and resume."""

from __future__ import annotations

from pathlib import Path

from torture import bad_inputs, kill_and_resume


def test_no_bad_input_crashes_the_batch_or_ends_wrong(tmp_path: Path) -> None:
    result = bad_inputs(tmp_path)
    assert result.wrong == []
    assert result.tried == result.errors + result.read and result.errors >= 12


def test_killed_runs_resume_with_every_file_recorded_exactly_once(tmp_path: Path) -> None:
    result = kill_and_resume(tmp_path, resumes=3)
    assert result.resumes >= 2  # the kills really hit running processes
    assert (result.lost, result.duplicated) == (0, 0)
