"""An XLSForm made into the next version of the survey: an instrument file in forms/ and catalog
entries for the languages it carries (outreach.instrument.xlsform_import does the reading).

Nothing is written unless the new file passes the same validation the site applies when it
starts, so an import never leaves a survey the site refuses to run.
"""

import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog
from openpyxl import load_workbook
from sqlalchemy import select

from outreach.extensions import db
from outreach.i18n import tooling
from outreach.i18n.locales import LOCALES, SiteLocale
from outreach.instrument import load_all
from outreach.instrument.instrument import Instrument, InstrumentError, load
from outreach.instrument.toml_writer import dumps
from outreach.instrument.xlsform_import import (
    Imported,
    XLSFormError,
    language_code,
    read,
    ruby_from_readings,
)
from outreach.models import Area
from outreach.paths import FORMS, TRANSLATIONS
from outreach.services.xlsform_export import column


@dataclass
class ImportReport:
    path: Path
    instrument: Instrument
    #: catalog -> entries added or filled in
    translated: dict[str, int] = field(default_factory=dict)
    #: What the form had that the instrument leaves out, or kept from the catalogs instead.
    notes: list[str] = field(default_factory=list)


def import_form(
    source: Path,
    current: Instrument,
    output: Path | None = None,
    forms: Path = FORMS,
    translations: Path = TRANSLATIONS,
) -> ImportReport:
    """Read `source`, write the instrument and the catalog entries; raise XLSFormError."""
    imported = _read(source, current)
    document = imported.document
    target = output or forms / f"{document['id']}-v{document['version']}.toml"
    _check_version(document, target, forms)
    text = dumps(document, header=_header(source))
    instrument = _validated(text, target)
    target.write_text(text, encoding="utf-8")
    report = ImportReport(target, instrument, notes=list(imported.notes))
    _add_translations(imported, translations, report)
    return report


def _read(source: Path, current: Instrument) -> Imported:
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise XLSFormError([f"{source} is not an .xlsx workbook: {exc}"]) from exc
    template = tomllib.loads(current.path.read_text(encoding="utf-8"))
    codes = db.session.scalars(select(Area.code)).all()
    return read(book, template, codes)


def _header(source: Path) -> str:
    return (
        f"Imported from the XLSForm {source.name} on {date.today().isoformat()}.\n"
        "Sources, help-topic suggestions, roles, strata and measures were kept from the version\n"
        "it replaces. Run `outreach i18n update` and translate any new entries."
    )


def _check_version(document: dict, target: Path, forms: Path) -> None:
    """A version is never replaced: answers given in it are judged by its own declarations."""
    for existing in load_all(forms):
        if (existing.id, existing.version) == (document["id"], document["version"]):
            raise XLSFormError(
                [
                    f"{existing.path.name} already holds {existing.id} version "
                    f"{existing.version}: give the form a higher version in its settings sheet"
                ]
            )
    if target.exists():
        raise XLSFormError([f"{target} exists: choose another file with --output"])


def _validated(text: str, target: Path) -> Instrument:
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / target.name
        trial.write_text(text, encoding="utf-8")
        try:
            return load(trial)
        except InstrumentError as exc:
            raise XLSFormError([str(exc).replace(str(trial), target.name)]) from exc


def _add_translations(imported: Imported, translations: Path, report: ImportReport) -> None:
    for column_name, texts in imported.translations.items():
        loc = _locale(column_name)
        if loc is None:
            report.notes.append(f"language {column_name!r} is not one the site speaks: left out")
            continue
        if loc.babel == "en":
            continue
        path = translations / loc.babel / "LC_MESSAGES" / "messages.po"
        catalog = tooling.read(path, loc.babel) if path.exists() else Catalog(locale=loc.babel)
        easy = loc.babel == "ja@easy"
        added = sum(
            _merge(catalog, english, ruby_from_readings(text) if easy else text, loc, report)
            for english, text in texts.items()
        )
        tooling.write(catalog, path)
        report.translated[loc.babel] = added


def _locale(column_name: str) -> SiteLocale | None:
    exact = next((loc for loc in LOCALES if column(loc) == column_name), None)
    if exact:
        return exact
    code = language_code(column_name)
    if code == "ja":
        easy = "やさしい" in column_name or "easy" in column_name.lower()
        return next(loc for loc in LOCALES if loc.babel == ("ja@easy" if easy else "ja"))
    return next((loc for loc in LOCALES if loc.html_lang.split("-")[0].lower() == code), None)


def _merge(catalog: Catalog, english: str, text: str, loc: SiteLocale, report: ImportReport) -> int:
    """Add or fill in one entry; a different translation already there is kept."""
    existing = catalog.get(english)
    if existing is not None and existing.string:
        if existing.string != text:
            report.notes.append(
                f"{loc.babel}: kept the catalog's translation of {english[:40]!r} "
                f"(the form has {text[:40]!r})"
            )
        return 0
    catalog.add(english, text)
    return 1
