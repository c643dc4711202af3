"""Reading on a Dask cluster: the same per-file work as the local workers, sent to a
scheduler's workers; this process keeps the store and writes the exports.

The inbox must be on a path that every worker sees (a shared folder). Each Dask
worker process keeps one Context, as a local worker does, so that spaCy is loaded
at most once per worker. The local limits (timeout, memory cap) are the cluster's
business here: Dask's nanny restarts a worker that exceeds its memory limit, and the
file it was reading gets an error record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .context import Settings
from .errors import EnvironmentProblem
from .ingest import Entry
from .records import Analysis

# one reader (a Context, so at most one spaCy model) per Dask worker process, made on
# its first file: Dask gives a task no other place to keep a model between files
_readers: dict[Settings, Callable[[tuple[Entry, str]], Analysis]] = {}


def analyse_remote(entry: Entry, sha: str, settings: Settings) -> Analysis:
    """The local workers' reader, set up once per Dask worker process."""
    from .orchestrator import make_reader

    reader = _readers.get(settings)
    if reader is None:
        reader = _readers[settings] = make_reader(settings)
    return reader((entry, sha))


def analyse_on_cluster(todo: list[tuple[Entry, str]], settings: Settings) -> Iterator[Analysis]:
    """Each file read by a worker of the Dask scheduler at ``settings.scheduler``."""
    if not todo:
        return
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise EnvironmentProblem("Dask is not installed: run `make run`, or "
                                 "`pip install 'mailroom[cluster]'`") from exc
    try:
        client = Client(settings.scheduler, timeout=10)
    except OSError as exc:
        raise EnvironmentProblem(f"no Dask scheduler answers at {settings.scheduler}: start "
                                 "one with `dask scheduler` (see the README)") from exc
    with client:
        items: dict[Any, tuple[Entry, str]] = {}
        for entry, sha in todo:
            future = client.submit(analyse_remote, entry, sha, settings, pure=False)
            items[future] = (entry, sha)
        for future in as_completed(list(items)):
            entry, sha = items[future]
            try:
                yield future.result()
            except Exception as exc:  # a worker lost, a task failed: one record, not the batch
                yield Analysis(entry.source, sha,
                               error=f"the cluster could not read this file ({exc})")
