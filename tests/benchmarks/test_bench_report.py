"""The report benchmark at a tiny size: the journal is made once and reused, the library and
the SQL floor count the same cases (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_report import main, run


def test_the_report_and_the_floor_count_the_same_cases(tmp_path: Path) -> None:
    first = run(300, tmp_path)
    assert first["report_cases"] == first["floor_cases"] == 300
    assert sum(first["channels"].values()) == 300
    assert first["library_seconds"] > 0
    assert first["floor_seconds"] > 0
    again = run(300, tmp_path)
    assert again["journal"] == first["journal"]  # kept between runs
    name = Path(first["journal"]).name  # and its -wal and -shm files, if SQLite keeps them
    assert {p.name.removesuffix("-wal").removesuffix("-shm") for p in tmp_path.iterdir()} == {name}


def test_the_script_prints_both_times_and_the_ratio(tmp_path: Path, capsys: object) -> None:
    assert main(["--cases", "200", "--cache-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "report (library, provider_report):" in out
    assert "floor (plain SQL in SQLite):" in out
    assert "ratio report/floor:" in out


def test_strict_times_the_way_before_and_finds_the_same_figures(tmp_path: Path,
                                                                capsys: object) -> None:
    assert main(["--cases", "200", "--cache-dir", str(tmp_path), "--strict"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "report, strict=True (one by one):" in out
    assert out.rstrip().endswith("the same figures: True")
