"""Survey answers collected door to door in ODK Collect or KoboCollect, loaded from the CSV that
ODK Central or KoboToolbox exports for the form `outreach instrument export-xlsform` wrote.

Each submission is stored once (its instanceID is the response's submission key, so loading the
same file again adds nothing), under the channel "offline", entered by the volunteer whose name
or email the collector signed in with. A file loads all or nothing: any line that cannot be read,
names an option the survey does not have, misses an answer the web would require, or names an
unknown collector stops the load with every such line listed.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from outreach.extensions import db
from outreach.instrument.instrument import Instrument, Question
from outreach.models import Area, Channel, SurveyResponse, User
from outreach.services import survey, tallies

#: Where ODK Central and KoboToolbox put what every submission has (first found wins).
INSTANCE = ("meta-instanceID", "meta/instanceID", "instanceID", "_uuid", "KEY")
COLLECTOR = ("SubmitterName", "_submitted_by", "username")
WHEN = ("end", "SubmissionDate", "_submission_time")
VERSION = ("FormVersion", "__version__", "_version_")
KEY_PREFIX = "odk:"


@dataclass
class Submission:
    line: int
    key: str
    #: The survey version the form was exported from (the export's `version`).
    form: Instrument
    answers: dict[str, list[str]]
    collector: int | None
    given_on: date


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    errors: list[str] = field(default_factory=list)


def load(text: str) -> ImportReport:
    """Read every line, then store all of them in one transaction, or none when any is wrong."""
    report = ImportReport()
    found = _once(list(_read(text, report)), report)
    if report.errors:
        return report
    stored = found_before(found)
    for item in found:
        if item.key in stored:
            report.already += 1
            continue
        survey.store_collected(item.form, item.answers, item.key, item.collector, item.given_on)
        report.added += 1
    db.session.commit()
    if report.added:
        tallies.refresh(survey.instruments(), wait=False)
    return report


def _once(found: list[Submission], report: ImportReport) -> list[Submission]:
    """Each instanceID once. The same submission twice (a re-sent form, an export that overlaps
    the last one) is one response; the same instanceID with other answers is an error, in the
    file or against what was loaded before."""
    first: dict[str, Submission] = {}
    stored = found_before(found)
    for item in found:
        pairs = _pairs(item)
        earlier = first.setdefault(item.key, item)
        if earlier is not item and _pairs(earlier) != pairs:
            report.errors.append(
                f"line {item.line}: instanceID {item.key[len(KEY_PREFIX) :]} is on line "
                f"{earlier.line} with other answers"
            )
        if item.key in stored and stored[item.key] != pairs:
            report.errors.append(
                f"line {item.line}: instanceID {item.key[len(KEY_PREFIX) :]} was loaded before "
                "with other answers"
            )
    return list(first.values())


def _pairs(item: Submission) -> list:
    return survey.prepare(item.form, item.answers)["pairs"]


def found_before(found: list[Submission]) -> dict[str, list]:
    """submission key -> stored (question, value) pairs, for the keys of this file."""
    keys = [item.key for item in found]
    rows = db.session.execute(
        select(SurveyResponse.submission_key, SurveyResponse.answers).where(
            SurveyResponse.submission_key.in_(keys)
        )
    ).all()
    return {key: [list(pair) for pair in answers] for key, answers in rows}


def _read(text: str, report: ImportReport) -> Iterator[Submission]:
    text = text.lstrip("\ufeff")
    rows = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    known = Known(_collectors(), {str(i.version): i for i in survey.instruments()}, _areas())
    for line, row in enumerate(rows, start=2):
        problems: list[str] = []
        item = _submission(line, row, known, problems)
        report.errors += [f"line {line}: {p}" for p in problems]
        if item is not None and not problems:
            yield item


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma (ODK Central) or semicolon (KoboToolbox's default)."""
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


@dataclass(frozen=True)
class Known:
    #: A collector's name or email, without case -> the user's id.
    people: dict[str, int]
    versions: dict[str, Instrument]
    areas: frozenset[str]


def _submission(line: int, row: dict, known: Known, problems: list) -> Submission | None:
    instance = _first(row, INSTANCE)
    if not instance:
        problems.append("no instanceID (meta-instanceID)")
        return None
    version = _first(row, VERSION)
    form = known.versions.get(version) if version else survey.instrument()
    if form is None:
        problems.append(
            f"form version {version} is not a version of this survey "
            f"({', '.join(known.versions)}): export the form again and collect with it"
        )
        return None
    answers = {}
    for question in form.questions:
        values = _values(question, _column(row, question.id), known.areas, problems)
        if values:
            answers[question.id] = values
    missing = survey.missing_question(form, answers, Channel.OFFLINE)
    if missing:
        problems.append(f"{missing}: needs an answer")
    collector = _first(row, COLLECTOR)
    person = known.people.get(collector.casefold()) if collector else None
    if collector and person is None:
        problems.append(f"collector {collector!r} is no volunteer's name or email here")
    given_on = _day(_first(row, WHEN), problems)
    key = f"{KEY_PREFIX}{instance}"
    return Submission(line, key, form, answers, person, given_on or date.today())


def _first(row: dict, names: tuple[str, ...]) -> str:
    return next(((row.get(n) or "").strip() for n in names if (row.get(n) or "").strip()), "")


def _column(row: dict, question: str) -> str:
    """A question's cell; ODK Central writes grouped fields as group-name, Kobo as group/name."""
    if question in row:
        return (row[question] or "").strip()
    for name, value in row.items():
        if name and name.rsplit("-", 1)[-1].rsplit("/", 1)[-1] == question:
            return (value or "").strip()
    return ""


def _values(question: Question, cell: str, areas: frozenset[str], problems: list) -> list[str]:
    if not cell:
        return []
    if question.type == "number":
        _check_number(question, cell, problems)
    if question.type == "area" and cell not in areas and cell not in question.option_ids():
        problems.append(f"{question.id}: {cell} is no neighbourhood here")
    if question.type in ("number", "text", "area"):
        return [cell]
    values = cell.split() if question.type == "multiple" else [cell]
    unknown = [v for v in values if v not in question.option_ids()]
    if unknown:
        problems.append(f"{question.id}: {', '.join(unknown)} is not an option")
    return values


def _check_number(question: Question, cell: str, problems: list) -> None:
    try:
        number = int(cell)
    except ValueError:
        problems.append(f"{question.id}: {cell!r} is not a whole number")
        return
    low = question.min if question.min is not None else number
    high = question.max if question.max is not None else number
    if not low <= number <= high:
        problems.append(f"{question.id}: {number} is outside {low} to {high}")


def _day(value: str, problems: list) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        problems.append(f"{value!r} is not a date")
        return None


def _areas() -> frozenset[str]:
    return frozenset(db.session.scalars(select(Area.code)))


def _collectors() -> dict[str, int]:
    """A collector's name or email, compared without case -> the user's id."""
    rows = db.session.execute(select(User.id, User.display_name, User.email)).all()
    found: dict[str, int] = {}
    for user_id, name, email in rows:
        found[name.casefold()] = user_id
        found[email.casefold()] = user_id
    return found
