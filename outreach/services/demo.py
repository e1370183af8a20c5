"""The Hirakata demo: neighbourhoods, synthetic population figures and one account per role."""

import json
import threading
import time
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from outreach.extensions import db
from outreach.models import Role
from outreach.paths import PACKAGE_DIR
from outreach.services import areas, demo_support, survey, synthetic, tallies, two_step, users
from outreach.services.area_import import apply_import, plan_import
from outreach.services.passwords import temporary_password
from outreach.vocabulary import TWO_STEP_REQUIRED

DATA = PACKAGE_DIR / "demo" / "data"
GEOJSON = DATA / "hirakata-neighbourhoods.geojson"
STATISTICS = DATA / "hirakata-statistics.csv"
#: Synthetic survey answers, enough for most neighbourhoods to pass the publication minimum.
DEMO_RESPONSES = 5000
ACCOUNTS = {
    Role.ADMIN: ("admin@hirakata.example.jp", "Demo Administrator"),
    Role.STAFF: ("staff@hirakata.example.jp", "Demo Policy Staff"),
    Role.COORDINATOR: ("coordinator@hirakata.example.jp", "Demo Coordinator"),
    Role.VOLUNTEER: ("volunteer@hirakata.example.jp", "Demo Volunteer"),
}


def _accounts_file() -> Path:
    return Path(current_app.instance_path) / "demo-accounts.json"


def _two_step_file() -> Path:
    """The demo administrator's and coordinator's authenticator keys (their roles require it)."""
    return Path(current_app.instance_path) / "demo-two-step.json"


def is_empty() -> bool:
    return areas.count() == 0 and not users.all_users()


def load() -> None:
    """Load everything or nothing (into an empty database); passwords go to the instance folder."""
    plan = plan_import(GEOJSON.read_text(encoding="utf-8"), STATISTICS.read_text(encoding="utf-8"))
    passwords, accounts, keys = {}, {}, {}
    try:
        apply_import(plan, synthetic=True)
        for role, (email, name) in ACCOUNTS.items():
            # Generated like an administrator's one-time password, so it meets the rules.
            passwords[email] = temporary_password()
            accounts[role] = users.create_user(email, name, role, passwords[email])
            if role in TWO_STEP_REQUIRED:
                keys[email] = two_step.new_secret()
                two_step.turn_on(accounts[role], keys[email])
        db.session.flush()
        demo_support.load(
            accounts[Role.VOLUNTEER], accounts[Role.COORDINATOR], [a.code for a in plan.areas]
        )
        synthetic.generate(DEMO_RESPONSES, commit=False)
        db.session.commit()
    except Exception:
        _empty_again()
        raise
    # Counted now, so that the first look at the figures does not wait for it.
    tallies.refresh(survey.instruments())
    for path, content in ((_accounts_file(), passwords), (_two_step_file(), keys)):
        path.write_text(json.dumps(content, indent=1))
        path.chmod(0o600)


def _empty_again() -> None:
    """Undo a demo that failed part-way. The help-session services commit as they go (they are
    the app's own), so instead of one transaction the demo relies on its precondition: it only
    loads into an empty database, so emptying it again restores exactly what was there."""
    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def count_every(seconds: float, app: Flask) -> threading.Thread:
    """What a timer does in production (`outreach insights refresh`), for the demo server: a
    daemon thread counting new responses every `seconds`."""

    def loop() -> None:
        while True:
            time.sleep(seconds)
            with app.app_context():
                try:
                    tallies.refresh(survey.instruments())
                except SQLAlchemyError:  # the next round tries again; the site is unaffected
                    app.logger.exception("Counting new responses failed")
                finally:
                    db.session.remove()

    thread = threading.Thread(target=loop, name="outreach-count", daemon=True)
    thread.start()
    return thread


def account_lines() -> list[str]:
    """What `outreach demo` prints so a newcomer can sign in as each role."""
    path = _accounts_file()
    if not path.exists():
        return ["Demo accounts: not created by this instance (the database had data already)."]
    passwords = json.loads(path.read_text())
    keys_file = _two_step_file()
    keys = json.loads(keys_file.read_text()) if keys_file.exists() else {}
    lines = ["Demo accounts (email / password / two-step key for an authenticator app):"]
    for role, (email, _name) in ACCOUNTS.items():
        if email in passwords:
            key = keys.get(email, "")
            lines.append(f"  {role.value:<12} {email:<34} {passwords[email]}  {key}".rstrip())
    return lines
