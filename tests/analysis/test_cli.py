"""``kg overlap`` end to end on the hand-made store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_overlap_drugs_csv(capsys: pytest.CaptureFixture[str], fixture_path: Path) -> None:
    code, out, _ = _run(capsys, "overlap", "--drug", "AK105", "--format", "csv",
                        "--store", str(fixture_path))  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("drug_a,drug_b,shared_targets,jaccard,shared_families")
    assert "penpulimab,sintilimab,PDCD1,1,PD-1/PD-L1 axis,1,immune checkpoint,1" in lines
    assert "penpulimab,benmelstobart,,0,PD-1/PD-L1 axis,1,immune checkpoint,1" in lines


def test_overlap_trials_and_communities(
    capsys: pytest.CaptureFixture[str], fixture_path: Path
) -> None:
    code, out, _ = _run(
        capsys, "overlap", "trials", "--format", "csv", "--store", str(fixture_path)
    )
    assert code == 0
    assert "NCT05001971,NCT07022301,1" in out.splitlines()
    code, out, _ = _run(capsys, "overlap", "communities", "--format", "csv",
                        "--store", str(fixture_path))  # fmt: skip
    assert code == 0 and out.splitlines()[1].startswith("1,4,")


def test_overlap_user_errors(
    capsys: pytest.CaptureFixture[str], fixture_path: Path, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "overlap", "--drug", "notadrugatall", "--store", str(fixture_path))
    assert code == 2 and "unknown drug" in err
    code, _, err = _run(capsys, "overlap", "--store", str(tmp_path / "none"))
    assert code == 2 and "no store" in err
