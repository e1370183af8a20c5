"""The `outreach` command: Flask's CLI (run, routes, shell, db …) plus our own commands."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from werkzeug.serving import run_simple

from outreach.vocabulary import Role

if TYPE_CHECKING:
    from outreach.services.backup import Copy


def _create_app() -> Flask:
    from outreach import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Outreach: digital inclusion survey, support sessions and insights."""


#: How often `outreach demo` counts new responses (a production server runs
#: `outreach insights refresh` from a timer instead: docs/deployment.md).
COUNT_EVERY_SECONDS = 60


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the database and exit.")
@with_appcontext
def demo_command(host: str, port: int, no_serve: bool) -> None:
    """Upgrade the database, load the Hirakata demo if it is empty, and serve the site."""
    from flask import current_app
    from flask_migrate import upgrade

    from outreach.services import demo

    upgrade()
    if demo.is_empty():
        demo.load()
        click.echo(
            "Loaded the Hirakata demo data: neighbourhoods, synthetic population figures, "
            "synthetic survey answers, demo help sessions and logs."
        )
    for line in demo.account_lines():
        click.echo(line)
    if not no_serve:
        # Flask types current_app as the app itself, so mypy cannot see the proxy's method.
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        demo.count_every(COUNT_EVERY_SECONDS, app)
        click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C stops)")
        # Flask refuses app.run() inside its own CLI; serve with Werkzeug directly.
        run_simple(host, port, app, threaded=True)


user_cli = click.Group("user", help="Manage accounts.")


@user_cli.command("add")
@click.argument("email")
@click.option("--name", required=True, help="Display name.")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.password_option(help="Prompted for when not given; use at least 12 characters.")
@with_appcontext
def user_add(email: str, name: str, role: str, password: str) -> None:
    """Create an account."""
    from outreach.services import users
    from outreach.services.passwords import problem

    reason = problem(password, email, name)
    if reason:
        raise click.BadParameter(f"password refused ({reason.replace('_', ' ')})")
    try:
        users.create_user(email, name, role, password)
    except users.DuplicateEmail as exc:
        raise click.ClickException(f"an account for {email} exists already") from exc
    users.commit()
    click.echo(f"Created {role} account {email}.")


areas_cli = click.Group("areas", help="Neighbourhood boundaries and statistics.")


@areas_cli.command("import")
@click.argument("geojson", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("statistics", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--synthetic", is_flag=True, help="Label these figures as synthetic demo data.")
@with_appcontext
def areas_import(geojson: Path, statistics: Path, synthetic: bool) -> None:
    """Import boundaries (GeoJSON) and population figures (CSV); all or nothing."""
    from outreach.services.area_import import ImportProblem, import_files

    try:
        counts = import_files(geojson, statistics, synthetic=synthetic)
    except ImportProblem as exc:
        click.echo("Nothing was imported. Fix these problems and run the command again:", err=True)
        for problem in exc.problems[:50]:
            click.echo(f"  - {problem}", err=True)
        if len(exc.problems) > 50:
            click.echo(f"  … and {len(exc.problems) - 50} more", err=True)
        sys.exit(1)
    click.echo(f"Imported {counts['areas']} areas and {counts['figures']} figures.")


@click.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete contact details and unfinished surveys past their retention (run daily from cron)."""
    from outreach.services import (
        bookings,
        contacts,
        kept_forms,
        sign_in_throttle,
        staff_sessions,
        survey,
    )

    click.echo(f"Deleted {contacts.purge_expired()} contact request(s) past retention.")
    click.echo(f"Deleted {bookings.purge_past()} booking(s) of sessions that are over.")
    click.echo(f"Deleted {staff_sessions.purge_ended()} sign-in session(s) ended long ago.")
    click.echo(f"Deleted {sign_in_throttle.purge_old()} sign-in attempt(s) past 30 days.")
    click.echo(f"Deleted {kept_forms.purge_old()} form(s) kept after a sign-out, past a day.")
    click.echo(
        f"Deleted {survey.purge_expired_drafts()} unfinished survey(s) past their code's expiry."
    )


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file: Path) -> None:
    """Write a consistent copy of the database to FILE; the site can keep running."""
    from outreach.services import backup

    try:
        copy = backup.backup_database(file)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {backup.database_label()} to {copy.path} ({_copy_facts(copy)}).")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace everything in the database with the backup in FILE, once FILE has been checked."""
    from outreach.services import backup

    try:
        copy = backup.check_database(file)
        if not yes:
            click.confirm(
                f"Replace everything in {backup.database_label()} with {copy.path} "
                f"({_copy_facts(copy)})?",
                abort=True,
            )
        copy = backup.restore_database(file)
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored {backup.database_label()} from {copy.path} ({_copy_facts(copy)}).")


def _copy_facts(copy: "Copy") -> str:
    return f"{copy.size:,} bytes, schema revision {copy.revision}"


i18n_cli = click.Group("i18n", help="Translation catalogs.")


@i18n_cli.command("update")
def i18n_update() -> None:
    """Extract messages to translations/messages.pot and merge them into every catalog."""
    from outreach.i18n.tooling import update
    from outreach.paths import TRANSLATIONS

    for locale, missing in update(TRANSLATIONS).items():
        click.echo(f"{locale:<8} {missing} untranslated")


insights_cli = click.Group("insights", help="Figures for staff and the public.")


@insights_cli.command("refresh")
@click.option("--rebuild", is_flag=True, help="Count every response again from its answers.")
@with_appcontext
def insights_refresh(rebuild: bool) -> None:
    """Count new survey responses into the tallies the figures are read from.

    Pages never count. Each submission counts itself once the resident has their page; run this
    every minute or few from a timer or cron (docs/deployment.md) so that anything left over,
    and responses loaded in bulk, are in the figures soon.
    """
    from outreach.services import survey, tallies

    counted = (tallies.rebuild if rebuild else tallies.refresh)(survey.instruments())
    click.echo(f"Counted {counted} responses.")


survey_cli = click.Group("survey", help="Survey responses.")


@survey_cli.command("find-incomplete")
@click.option("--exclude", is_flag=True, help="Leave them out of every figure (kept, marked).")
@with_appcontext
def survey_find_incomplete(exclude: bool) -> None:
    """Report responses stored without an answer they need (empty ones included)."""
    from outreach.services import survey_quality

    found = survey_quality.find_incomplete()
    click.echo(f"Found {len(found)} incomplete response(s) counted in the figures.")
    if exclude and found:
        survey_quality.exclude(found)
        click.echo(f"Excluded {len(found)} response(s); the figures were counted again.")


@survey_cli.command("map-postal-codes")
@with_appcontext
def survey_map_postal_codes() -> None:
    """Turn neighbourhood answers given as a postal code into the neighbourhood it covers."""
    from outreach.services import postal_answers

    mapped, left = postal_answers.map_postal_codes()
    click.echo(f"Mapped {mapped} response(s) to their neighbourhood; {left} left as postal codes.")


instrument_cli = click.Group("instrument", help="The survey instrument and other tools.")


@instrument_cli.command("export-xlsform")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def instrument_export_xlsform(file: Path) -> None:
    """Write the current survey as an XLSForm (.xlsx) for ODK Central, ODK Collect or Kobo."""
    from outreach.services import survey, xlsform_export

    current = survey.instrument()
    count = xlsform_export.export(current, file)
    click.echo(f"Wrote {current.id} version {current.version} ({count} questions) to {file}.")


@instrument_cli.command("import-xlsform")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the instrument (default: forms/<form_id>-v<version>.toml).",
)
@with_appcontext
def instrument_import_xlsform(file: Path, output: Path | None) -> None:
    """Turn an XLSForm into the survey's next version and catalog entries for its languages."""
    from outreach.instrument.xlsform_import import XLSFormError
    from outreach.services import survey, xlsform_import

    try:
        report = xlsform_import.import_form(file, survey.instrument(), output)
    except XLSFormError as exc:
        for problem in exc.problems:
            click.echo(f"{file}: {problem}", err=True)
        raise click.ClickException(
            f"{file}: nothing was written ({len(exc.problems)} problem(s))."
        ) from exc
    new = report.instrument
    click.echo(
        f"Wrote {new.id} version {new.version} ({len(new.questions)} questions) to {report.path}."
    )
    for catalog, added in sorted(report.translated.items()):
        click.echo(f"  {catalog}: {added} translation(s) added")
    for note in report.notes:
        click.echo(f"  note: {note}")
    # The site answers the highest version of SURVEY_INSTRUMENT: a new version is live at restart.
    click.echo("Next: `outreach i18n update`, translate what is new, and restart the site.")


@survey_cli.command("import-submissions")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def survey_import_submissions(file: Path) -> None:
    """Load the CSV export of ODK Central or KoboToolbox (all or nothing, each submission once)."""
    from outreach.services import submissions_import

    report = submissions_import.load(file.read_text(encoding="utf-8-sig"))
    for error in report.errors:
        click.echo(error, err=True)
    if report.errors:
        raise click.ClickException(f"{file}: nothing was loaded ({len(report.errors)} problem(s)).")
    click.echo(f"Added {report.added} response(s); {report.already} were already loaded.")


def register(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(user_cli)
    app.cli.add_command(areas_cli)
    app.cli.add_command(i18n_cli)
    app.cli.add_command(purge_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(insights_cli)
    app.cli.add_command(survey_cli)
    app.cli.add_command(instrument_cli)
