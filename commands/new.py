"""`reglament new standard|regulation ID`: a commented skeleton of a spec to fill in.

The skeleton holds every key the format requires, each text in Kazakh and Russian (Kazakh
first) as a placeholder to replace, and a comment on what each key takes and where the
law says it (docs/authoring.md explains every key). It loads as it is, without errors
(`tests/commands/test_new.py` checks it), so an author starts from a file `reglament check`
accepts and changes it piece by piece. A standard and a regulation made with the same id
(`reglament new regulation ID --standard ID`) check clean together.

Without `--out` the skeleton is printed; `--out FILE` writes it, `--out DIR` (one that exists
or ends in `/`) writes `DIR/ID.yaml`, creating missing directories, and the path is printed
(`commands.output.write_output`). An existing file is never replaced. Exit codes: 0 written,
2 a bad id or an existing file, 1 a file that cannot be written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TextIO

from commands.output import names_directory, write_output
from commands.workspace import EXIT_OK, EXIT_USAGE, CommandError
from engine.verify import today

__all__ = ["KINDS", "run_new", "skeleton"]

_ID = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")

_HEAD = """\
# A skeleton made by `reglament new {kind} {id}`: replace every ТОЛТЫРЫҢЫЗ / ЗАПОЛНИТЕ text and
# every "FILL IN" source with what the act says, Kazakh first, and cite the act, its article and
# date in each `source` (docs/authoring.md lists every key). Then: reglament check <this file>.
# Editors complete and check the keys with the JSON Schema: reglament schema > reglament.schema.json
"""

_STANDARD = _HEAD + """\
kind: standard
id: {id}
# register_code: "000000"         # the six-digit code in the register of public services
# The list of what a standard holds: Law of the Republic of Kazakhstan No. 88-V "On public
# services" of 15 April 2013, Art. 14.
title:
  kk: ТОЛТЫРЫҢЫЗ — мемлекеттік көрсетілетін қызметтің атауы
  ru: ЗАПОЛНИТЕ — наименование государственной услуги
legal_basis:                      # the act approving the standard (the ministry's order)
  - title:
      kk: ТОЛТЫРЫҢЫЗ — стандартты бекіткен бұйрықтың атауы
      ru: ЗАПОЛНИТЕ — наименование приказа, утвердившего стандарт
    number: "0"                   # FILL IN: the order's number
    date: {today}                # FILL IN: the order's date
    source: "FILL IN: the order, its number and date"
valid_from: {today}              # first day the standard applies
source: "FILL IN: the act this spec is written from (title, number, date)"
provider:
  title:
    kk: ТОЛТЫРЫҢЫЗ — көрсетілетін қызметті беруші
    ru: ЗАПОЛНИТЕ — услугодатель
  source: "FILL IN: the standard's paragraph naming the provider"
recipients: [individuals]         # individuals, legal_entities
cost:
  kind: free                      # or paid, with its amount
  source: "FILL IN: the standard's paragraph on the fee"
forms: [paper]                    # electronic_full, electronic_partial, paper
channels:                         # each channel's term of service (Art. 14 of Law No. 88-V)
  provider_office:
    term: 5 wd                    # FILL IN: "15 min", "2 h", "5 wd", "30 cd"
    schedule: provider            # a schedule of the calendar (docs/calendar.md)
    source: "FILL IN: the standard's paragraph on the term"
documents:                        # what the applicant submits
  - id: application
    title:
      kk: ТОЛТЫРЫҢЫЗ — өтініш
      ru: ЗАПОЛНИТЕ — заявление
    channels: [provider_office]
    source: "FILL IN: the standard's list of documents"
results:                          # what the service issues
  - id: result
    title:
      kk: ТОЛТЫРЫҢЫЗ — мемлекеттік қызмет көрсетудің нәтижесі
      ru: ЗАПОЛНИТЕ — результат оказания государственной услуги
    source: "FILL IN: the standard's paragraph on the result"
refusal_grounds:                  # grounds for refusal established by law (Art. 19-1 of Law No. 88-V)
  - statutory: unreliable_documents
"""

_REGULATION = _HEAD + """\
kind: regulation
id: {id}
standard: {standard}             # the id of the standard this regulation implements
title:
  kk: ТОЛТЫРЫҢЫЗ — мемлекеттік көрсетілетін қызмет регламентінің атауы
  ru: ЗАПОЛНИТЕ — наименование регламента государственной услуги
region:                           # the akimat's region (a regional regulation)
  kk: ТОЛТЫРЫҢЫЗ — облыс
  ru: ЗАПОЛНИТЕ — область
approved_by:                      # the akimat's resolution approving the regulation
  title:
    kk: ТОЛТЫРЫҢЫЗ — әкімдік қаулысының атауы
    ru: ЗАПОЛНИТЕ — наименование постановления акимата
  number: "0"                     # FILL IN: the resolution's number
  date: {today}                  # FILL IN: the resolution's date
  source: "FILL IN: the resolution, its number and date"
valid_from: {today}              # first day the regulation applies
source: "FILL IN: the act this spec is written from (title, number, date)"
actors:                           # the structural-functional units, one swimlane each
  - id: clerk
    kind: person
    title:
      kk: ТОЛТЫРЫҢЫЗ — кеңсе қызметкері
      ru: ЗАПОЛНИТЕ — сотрудник канцелярии
  - id: executor
    kind: person
    title:
      kk: ТОЛТЫРЫҢЫЗ — жауапты орындаушы
      ru: ЗАПОЛНИТЕ — ответственный исполнитель
processes:                        # per channel of the standard, its steps in order
  provider_office:
    - id: register
      actor: clerk
      action:
        kk: ТОЛТЫРЫҢЫЗ — құжаттарды қабылдайды және тіркейді
        ru: ЗАПОЛНИТЕ — принимает и регистрирует документы
      duration: 15 min            # each step's limit; together within the standard's term
      source: "FILL IN: the regulation's paragraph of this step"
    - id: review
      kind: decision
      actor: executor
      action:
        kk: ТОЛТЫРЫҢЫЗ — құжаттарды қарайды
        ru: ЗАПОЛНИТЕ — рассматривает документы
      duration: 3 wd
      outcomes:
        - id: accept
          label: {{kk: ТОЛТЫРЫҢЫЗ — нәтиже ресімделеді, ru: ЗАПОЛНИТЕ — оформляется результат}}
          next: issue_result
        - id: refuse
          label: {{kk: ТОЛТЫРЫҢЫЗ — бас тарту ресімделеді, ru: ЗАПОЛНИТЕ — оформляется отказ}}
          next: issue_refusal
      source: "FILL IN: the regulation's paragraph of this step"
    - id: issue_result
      actor: clerk
      action:
        kk: ТОЛТЫРЫҢЫЗ — нәтижені береді
        ru: ЗАПОЛНИТЕ — выдает результат
      duration: 15 min
      results: [result]
      ends: result
      source: "FILL IN: the regulation's paragraph of this step"
    - id: issue_refusal
      actor: clerk
      action:
        kk: ТОЛТЫРЫҢЫЗ — дәлелді бас тартуды береді
        ru: ЗАПОЛНИТЕ — выдает мотивированный отказ
      duration: 15 min
      ends: refusal
      refusal_grounds: [unreliable_documents]
      source: "FILL IN: the regulation's paragraph of this step"
"""

#: The kinds `new` makes, and their skeletons.
KINDS = {"standard": _STANDARD, "regulation": _REGULATION}


def skeleton(kind: str, spec_id: str, *, standard: str | None = None) -> str:
    """The skeleton of a `kind` spec with id `spec_id` (a regulation names `standard`,
    by default the same id), valid from today (`$REGLAMENT_TODAY` in the tests)."""
    return KINDS[kind].format(kind=kind, id=spec_id, standard=standard or spec_id,
                              today=today().isoformat())


def run_new(kind: str, spec_id: str, *, out: str | None, standard: str | None,
            stdout: TextIO, err: TextIO) -> int:
    """Print or write the skeleton; return the exit code."""
    try:
        for option, value in (("ID", spec_id), ("--standard", standard)):
            if value is not None and not _ID.match(value):
                raise CommandError(f'{option}: "{value}" is not an id (hint: lower-case letters, '
                                   'digits and single "-", "_" or "." between them, e.g. '
                                   '"aktobe-school-admission")', EXIT_USAGE)
        text = skeleton(kind, spec_id, standard=standard)
        if out is None:
            stdout.write(text)
            return EXIT_OK
        target = Path(out) / f"{spec_id}.yaml" if names_directory(out) else Path(out)
        if target.exists():
            raise CommandError(f"--out: {target} exists; a skeleton never replaces a spec "
                               "(hint: give another path)", EXIT_USAGE)
        write_output(target, text, stdout)
    except CommandError as error:
        return error.report("new", err)
    return EXIT_OK
