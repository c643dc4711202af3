"""On a Dask cluster the store and exports are those of a local run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from distributed import Client, LocalCluster
from mailgen import generate

from pipeline.context import Context, Settings
from pipeline.crm import load_crm
from pipeline.orchestrator import process_inbox


def test_a_two_worker_cluster_writes_what_a_local_run_writes(tmp_path: Path) -> None:
    """... with the CRM's checks, made in this process: no worker loads the extract."""
    gens = generate(tmp_path / "gen", 14, seed=23, difficulty="scan")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    picked = [g for g in gens if g.rendering in ("born_digital", "scan:jpg", "scan:png")
              or g.rendering.startswith("broken")][:8]
    assert {g.rendering for g in picked} & {"scan:jpg", "scan:png"}
    for g in picked:
        shutil.copy(tmp_path / "gen" / g.truth["source_file"], inbox)
    crm = load_crm(tmp_path / "gen" / "crm.csv")
    local = process_inbox(inbox, tmp_path / "local", Context(Settings(workers=2), crm=crm))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = process_inbox(inbox, tmp_path / "cluster",
                               Context(Settings(scheduler=cluster.scheduler_address),
                                       crm=crm))
        with Client(cluster.scheduler_address) as client:
            # a builtin, so that no module of this process is imported by the workers
            loaded = client.run(eval, "'pipeline.crm' in __import__('sys').modules")
            assert loaded and not any(loaded.values())
    assert any(json.loads(line)["crm"] for line in (tmp_path / "cluster" / "records.jsonl")
               .open(encoding="utf-8"))
    assert (local.files, local.ok, local.flagged, local.errors) == \
        (remote.files, remote.ok, remote.flagged, remote.errors)
    assert (tmp_path / "cluster" / "records.csv").read_bytes() == \
        (tmp_path / "local" / "records.csv").read_bytes()
    assert _without_timings(tmp_path / "cluster") == _without_timings(tmp_path / "local")


def _without_timings(out: Path) -> list[dict]:
    """records.jsonl, evidence included, less the seconds each file took to read."""
    rows = [json.loads(line) for line in (out / "records.jsonl").open(encoding="utf-8")]
    for row in rows:
        del row["seconds"]
    return rows
