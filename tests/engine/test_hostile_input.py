"""Issue 15, "Hostile input": one test per defect, each named for it.

1. unbounded reads: `/dev/zero` and named pipes as specs, calendars and scenario files;
2. control, noncharacter, surrogate and bidirectional characters written as YAML escapes;
3. the hint of a duration over the largest amount; `--cache-dir` empty or a file.

The grammar-aware fuzz of the loader (defect 4) is in `test_fuzz.py`. The tests use only
what the engine had before the fix, so that each fails there rather than erroring.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from commands.check import EXIT_USAGE, run_check
from engine.spec import DurationError, parse_duration, read_document_bytes
from tests.specdata import ROOT, VALID_STANDARD

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")

#: What each target is read as, in a child process that is given 60 s and 3 GB: the code
#: before the fix blocked forever on a pipe and read /dev/zero until memory ran out.
_CHILD = textwrap.dedent("""
    import io, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    what, target = sys.argv[1], sys.argv[2]
    if what == "check":
        from commands.check import run_check
        out = io.StringIO()
        print(run_check([target], "text", out, out, jobs=1), out.getvalue())
    elif what == "calendar":
        from engine.calendar import load_calendar
        from engine.spec import SpecErrors
        try:
            load_calendar(target)
        except SpecErrors as exc:
            print(exc)
    else:
        from engine.scenarios.files import read_scenario_file
        print(*read_scenario_file(target).errors, sep="\\n")
""")


def _read_in_a_child(what: str, target: Path | str) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, what, str(target)], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {target} as a {what} did not end in 60 s")
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout


@posix_only
def test_unbounded_reads_end_in_a_located_error(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    inside = tmp_path / "specs"
    inside.mkdir()
    os.mkfifo(inside / "hidden.yaml")
    device = "a character device: it is not read (hint: give the path of a YAML file"
    fifo = "a named pipe (FIFO): it is not read (hint: give the path of a YAML file"
    for what, target, expected in [
        ("check", "/dev/zero", f"/dev/zero:1:1: not a regular file but {device}"),
        ("check", pipe, f"{pipe}:1:1: not a regular file but {fifo}"),
        ("check", inside, f"{inside / 'hidden.yaml'}:1:1: not a regular file but {fifo}"),
        ("calendar", "/dev/zero", f"/dev/zero:1:1: not a regular file but {device}"),
        ("calendar", pipe, f"{pipe}:1:1: not a regular file but {fifo}"),
        ("scenarios", pipe, f"{pipe}:1:1: not a regular file but {fifo}"),
    ]:
        output = _read_in_a_child(what, target)
        assert expected in output, (what, target, output)
        if what == "check":
            assert output.startswith("1 "), output  # findings, not a usage error or a crash


_BASE = VALID_STANDARD.read_text(encoding="utf-8")
_RU = "ru: Постановка на очередь детей"


@pytest.mark.parametrize(("written", "found"), [
    ("\\x01", "title.ru: control character \\x01, written as the escape \\x01, at character 22"),
    ("\\0", "title.ru: control character \\x00, written as the escape \\0, at character 22"),
    ("\\e[31m", "title.ru: control character \\x1b, written as the escape \\e, at character 22"),
    ("\\uFFFE", "title.ru: noncharacter U+FFFE, written as the escape \\uFFFE, at character 22"),
    ("\\u202E", "title.ru: bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE), written as the "
                "escape \\u202E, at character 22"),
    ("\\u2066", "title.ru: bidirectional control U+2066 (LEFT-TO-RIGHT ISOLATE), written as the "
                "escape \\u2066, at character 22"),
    ("\u202e", "bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"),  # as it is
])
def test_escaped_control_and_bidi_characters_are_refused(written: str, found: str) -> None:
    # the Russian title, double-quoted, with the character after "очередь" (line 9, column 29)
    line = next(t for t in _BASE.splitlines() if t.strip().startswith(_RU))
    quoted = line.replace("ru: ", 'ru: "').replace("очередь", "очередь" + written) + '"'
    document = read_document_bytes(_BASE.replace(line, quoted).encode(), "f.yaml")
    assert [e.code for e in document.errors] == ["character"], document.errors
    error = document.errors[0]
    assert str(error).startswith(f"f.yaml:9:29: {found}")
    assert "(hint: remove it; " in error.message
    assert "\u202e" not in str(error)
    assert "\x1b" not in str(error)


def test_duration_over_the_largest_amount_names_the_bound() -> None:
    with pytest.raises(DurationError) as raised:
        parse_duration("1000000 wd")
    assert str(raised.value) == (
        'expected an amount of at most 999999, got 1000000 in "1000000 wd" (hint: a duration '
        "takes at most 6 digits; check the amount: no term of a public service comes near it)")
    with pytest.raises(DurationError) as raised:  # int() of so many digits would itself fail
        parse_duration("9" * 5000 + " wd")
    assert "got a number of 5000 digits" in str(raised.value)
    assert len(str(raised.value)) < 300


def _check(cache_dir: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_check([str(VALID_STANDARD)], "text", out, err, jobs=1, cache_dir=cache_dir)
    return code, err.getvalue()


def test_empty_cache_dir_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = _check("")
    assert code == EXIT_USAGE
    assert err == ("reglament check: --cache-dir '' names no directory (hint: give a directory "
                   "to keep the cache in, e.g. --cache-dir .reglament_cache)\n")
    assert list(tmp_path.iterdir()) == []  # nothing written into the working directory


def test_a_file_as_cache_dir_is_a_usage_error(tmp_path: Path) -> None:
    taken = tmp_path / "cache.txt"
    taken.write_text("not a directory\n", encoding="utf-8")
    code, err = _check(str(taken))
    assert code == EXIT_USAGE
    assert err == (f"reglament check: --cache-dir {str(taken)!r} is a file, not a directory "
                   "(hint: give a directory to keep the cache in, e.g. --cache-dir "
                   ".reglament_cache)\n")
    code, err = _check(str(taken / "below"))
    assert code == EXIT_USAGE
    assert f"lies below {str(taken)!r}, which is a file" in err
    assert err.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_among_scenario_files_is_reported_not_skipped(tmp_path: Path) -> None:
    """Scenario discovery took regular files only, so a FIFO named like a scenario file was
    skipped without a word; it is now handed to the one reader, which refuses it."""
    from engine.scenarios import find_scenario_files, run_paths

    scenarios = tmp_path / "specs" / "scenarios"
    scenarios.mkdir(parents=True)
    os.mkfifo(scenarios / "pipe.yaml")
    assert list(find_scenario_files([tmp_path / "specs"])) == [scenarios / "pipe.yaml"]
    report = run_paths([tmp_path / "specs"], specs=ROOT / "specs")
    (result,) = report.files
    assert "not a regular file but a named pipe (FIFO)" in str(result.errors[0])
