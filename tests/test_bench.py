"""The benchmark's pipeline, at a small scale: a correct master, and re-ingest that parses nothing."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench  # noqa: E402


def test_the_benchmark_pipeline_gives_a_correct_master_and_reingest_skips_parsing(tmp_path: Path) -> None:
    result = bench.bench(partners=4, rows=6, supporting=1, keep=tmp_path / "bench", repeat=2)
    assert result["check"] == {"checked": 12, "wrong": 0, "seconds": result["check"]["seconds"],
                               "peak_mb": result["check"]["peak_mb"]}
    stages = result["stages"]
    # Each run of a stage that changes the workspace starts from the same workspace: the second
    # ingest accepts all four again (from a workspace already holding them it would find duplicates).
    assert len(stages["ingest"]["runs"]) == len(stages["generate"]["runs"]) == 2
    assert (stages["ingest"]["accepted"], stages["ingest"]["rejected"]) == (4, 0)
    assert stages["generate"]["files"] == 4
    assert (stages["re-ingest"]["duplicate"], stages["re-ingest"]["accepted"]) == (4, 0)
    assert "re-ingest / ingest" in result["ratios"] and "ingest / calamine floor" in result["ratios"]
    assert stages["report (the meeting paper)"]["bytes"] > 0 and result["ratios"]["report / consolidate"] > 0
    assert "stage" in bench.table(result) and "0 answers differ" in bench.table(result)


def test_the_years_benchmark_builds_workspaces_whose_last_quarter_is_all_in(tmp_path: Path) -> None:
    result = bench.bench_years(years=2, repeat=1, keep=tmp_path / "years", scale=(4, 3, 1))
    assert result["period"] == "2024-25-Q4"
    for label in ("one year", "2 years"):
        # Every partner's return recorded, and every action given a status by its lead.
        assert result[label]["received"] == 4
        assert result[label]["with a status"] == result[label]["actions"] > 0
    assert result["master ratio"] > 0
    assert "master, 2 years against one" in bench.years_table(result)
