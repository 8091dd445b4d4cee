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


def test_classify_warns_of_graphs_an_other_extractor_version_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A graph written before the statement keys (0.2.0) is not classified until rebuilt."""
    from kg.pipeline import build
    from kg.store import open_store

    path = tmp_path / "store"
    store = open_store(path)
    (seed,) = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("002_*"))
    build([seed], store)
    store.update("""PREFIX tkg: <https://w3id.org/trialkg/vocab#>
        DELETE { GRAPH ?g { ?x tkg:extractorVersion ?v } }
        INSERT { GRAPH ?g { ?x tkg:extractorVersion "0.2.0" } }
        WHERE { GRAPH ?g { ?x tkg:extractorVersion ?v } }""")
    store.close()
    code, out, err = _run(capsys, "overlap", "classify", "--store", str(path))
    assert code == 0 and out.splitlines()[0].endswith(f"inferred triple(s) -> {path}")
    # seed 002 gives no arm two drugs on one target: the view holds only its digest marker
    assert out.splitlines()[1] == f"1 redundant-combination triple(s) -> {path}"
    assert err == (
        f"kg overlap classify: warning: 1 document graph(s) in {path} were written by another "
        "extractor version, so some of their mechanism statements are not classified; "
        "`kg build` on their files re-extracts them\n"
    )
    build([seed], store := open_store(path))
    store.close()
    code, _, err = _run(capsys, "overlap", "classify", "--store", str(path))
    assert (code, err) == (0, "")
