"""The Kostanay example: seed 000's year 2016 as a journal, and the figures of its report.

Run from anywhere:

    python examples/kostanay_report.py [OUT_DIR]

It writes OUT_DIR/kostanay-2016.db (a new journal: 15,900 cases through the cohort API,
examples/kostanay/cohorts.py) and OUT_DIR/kostanay-2016-figures.json (every figure of
`engine.report.figures.provider_report`), then the report itself as `reglament report` writes
it (`REPORTS`: the same options, through `commands.report.run_report`, with the texts of its
sections 2-5 from examples/kostanay/report-input.yaml, the seed's own): HTML in Kazakh, in
Russian, and a PDF of both; then prints the figures seed 000 gives beside the report's.
OUT_DIR defaults to out/kostanay. examples/kostanay/README.md says what is assumed.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from commands.report import run_report  # noqa: E402
from engine.calendar import default_calendar  # noqa: E402
from engine.cases import Executor, Journal  # noqa: E402
from engine.corpus import load_corpus  # noqa: E402
from engine.report.figures import provider_report  # noqa: E402
from engine.report.model import ProviderReport  # noqa: E402
from engine.report.period import parse_period  # noqa: E402
from examples.kostanay.cohorts import build_journal  # noqa: E402

SPECS = (ROOT / "specs", ROOT / "examples" / "kostanay" / "specs")
PROVIDER = "kostanay-district-education-2016"
#: The texts of sections 2-5 seed 000 gives (kk and ru), for the report's HTML.
INPUT = ROOT / "examples" / "kostanay" / "report-input.yaml"
#: What seed 000 says (its sections 1 2)-3) and 4 2)); the catalogue's form counts differ,
#: as specs/README.md explains ("The catalogue of seed 000").
SEED_000 = {
    "cases": 15_900,
    "channels": {"provider": 14_462, "portal": 1_247, "state_corporation": 191},
    "top": [(9, 10_582), (7, 1_705), (5, 1_288), (6, 1_285)],
    "counts": {"services": 23, "free": 23, "paper_only": 9, "alternative": 10,
               "state_corporation_and_portal": 4},
}


#: The reports written, file name -> (--lang, --format): what `reglament report --db
#: OUT_DIR/kostanay-2016.db --provider kostanay-district-education-2016 --period 2016
#: --specs specs --specs examples/kostanay/specs --input examples/kostanay/report-input.yaml
#: --lang L --format F --out OUT_DIR/NAME` writes.
REPORTS = {"kostanay-2016-kk.html": ("kk", "html"), "kostanay-2016-ru.html": ("ru", "html"),
           "kostanay-2016.pdf": ("kk,ru", "pdf")}


def write_reports(journal_path: Path, out: Path) -> list[Path]:
    """The example's reports (`REPORTS`) into `out`, as the command line writes them.

    Raises:
        RuntimeError: `reglament report` did not exit 0 (its message).
    """
    written = []
    for name, (langs, fmt) in REPORTS.items():
        said, errors = io.StringIO(), io.StringIO()
        code = run_report(str(journal_path), PROVIDER, "2016", langs=langs, fmt=fmt,
                          out=str(out / name), specs=[str(s) for s in SPECS], top=4,
                          stdout=said, err=errors, input_file=str(INPUT))
        if code != 0:
            raise RuntimeError(f"reglament report --format {fmt} --lang {langs}: exit {code}: "
                               f"{errors.getvalue().strip()}")
        written.append(out / name)
    return written


def report_of(journal_path: Path) -> ProviderReport:
    """The report of 2016 of the example's journal."""
    executor = Executor(load_corpus(SPECS), default_calendar())
    with Journal(journal_path, readonly=True) as journal:
        return provider_report(journal, executor, PROVIDER, parse_period("2016"))


def figures(report: ProviderReport) -> dict[str, Any]:
    """The figures seed 000 gives, as the report has them."""
    return {"cases": report.cases, "channels": dict(report.channels),
            "top": [(s.number, s.cases) for s in report.top], "counts": dict(report.counts)}


def plain(value: Any) -> Any:
    """A report as JSON values (named tuples as objects, in their field order)."""
    if hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    journal_path = out / "kostanay-2016.db"
    for old in out.glob("kostanay-2016.db*"):
        old.unlink()
    executor = Executor(load_corpus(SPECS), default_calendar())
    build_journal(journal_path, executor)
    print(journal_path)
    report = report_of(journal_path)
    written = out / "kostanay-2016-figures.json"
    written.write_text(json.dumps(plain(report), ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                       encoding="utf-8")
    print(written)
    for path in write_reports(journal_path, out):
        print(path)
    found = figures(report)
    for key, seed in SEED_000.items():
        mark = "=" if found[key] == seed else "differs (see examples/kostanay/README.md)"
        print(f"{key}: report {found[key]}; seed 000 {seed}: {mark}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/kostanay"))
