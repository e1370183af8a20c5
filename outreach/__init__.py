"""Outreach: make sure no resident is left behind when a city moves its services online."""

from pathlib import Path
from typing import Any

from flask import Flask

import outreach.auth  # noqa: F401 - registers the session loader
from outreach import (
    access,
    cli,
    errors,
    i18n,
    insights,
    request_input,
    security,
    session_cookie,
    static_files,
    support,
    survey,
    ui,
    unavailable,
)
from outreach import config as settings
from outreach.auth import directory
from outreach.extensions import (
    compress,
    csrf,
    db,
    limiter,
    login_manager,
    migrate,
    watch_connections,
)
from outreach.paths import PACKAGE_DIR, TEMPLATES


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application. Settings in `config` win over the environment (used by tests)."""
    app = Flask(__name__, template_folder=str(TEMPLATES), instance_path=_instance_path())
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.load(Path(app.instance_path), config))
    _init_extensions(app)
    _register_blueprints(app)
    cli.register(app)
    return app


def _instance_path() -> str:
    import os

    return os.path.abspath(os.environ.get("OUTREACH_INSTANCE_PATH", "instance"))


def _init_extensions(app: Flask) -> None:
    request_input.init_app(app)
    db.init_app(app)
    watch_connections(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    directory.init_app(app)
    i18n.init_app(app, Path(app.instance_path) / "translations")
    access.init_app(app)
    security.init_app(app)
    session_cookie.init_app(app)
    static_files.init_app(app)
    errors.init_app(app)
    unavailable.init_app(app)
    ui.init_app(app)
    survey.init_app(app)
    support.init_app(app)
    insights.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from outreach.admin.routes import bp as admin_bp
    from outreach.areas.routes import bp as areas_bp
    from outreach.auth.routes import bp as auth_bp
    from outreach.followups.routes import bp as followups_bp
    from outreach.insights.api_routes import bp as api_bp
    from outreach.insights.public_routes import bp as transparency_bp
    from outreach.insights.routes import bp as insights_bp
    from outreach.public.routes import bp as public_bp
    from outreach.support.booking_routes import bp as bookings_bp
    from outreach.support.log_routes import bp as logs_bp
    from outreach.support.public_routes import bp as help_sessions_bp
    from outreach.support.session_routes import bp as sessions_bp
    from outreach.survey.contact_routes import bp as contact_bp
    from outreach.survey.entry_routes import bp as entry_bp
    from outreach.survey.routes import bp as survey_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp, url_prefix="/<lang>")
    app.register_blueprint(admin_bp, url_prefix="/<lang>/admin")
    app.register_blueprint(areas_bp, url_prefix="/<lang>/areas")
    app.register_blueprint(survey_bp, url_prefix="/<lang>/survey")
    app.register_blueprint(contact_bp, url_prefix="/<lang>")
    app.register_blueprint(entry_bp, url_prefix="/<lang>/entry")
    app.register_blueprint(followups_bp, url_prefix="/<lang>/followups")
    app.register_blueprint(help_sessions_bp, url_prefix="/<lang>/help-sessions")
    app.register_blueprint(bookings_bp, url_prefix="/<lang>/help-sessions")
    app.register_blueprint(sessions_bp, url_prefix="/<lang>/volunteer/sessions")
    app.register_blueprint(logs_bp, url_prefix="/<lang>/volunteer/logs")
    app.register_blueprint(insights_bp, url_prefix="/<lang>/insights")
    app.register_blueprint(transparency_bp, url_prefix="/<lang>/transparency")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
