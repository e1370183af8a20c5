"""Settings, read from the environment. Each has one documented default.

| variable | default | meaning |
|---|---|---|
| OUTREACH_ENV | development | `production` turns on HSTS, secure cookies and refuses a missing SECRET_KEY |
| DATABASE_URL | sqlite:///<instance>/outreach.db | SQLAlchemy URL; `postgresql+psycopg://user:pass@host/db` in production |
| SECRET_KEY | generated once into <instance>/secret_key | signs sessions and CSRF tokens |
| RATELIMIT_STORAGE_URI | memory:// | shared limiter storage for several instances, e.g. redis://host:6379 |
| LOGIN_MAX_DELAY_SECONDS | 600 | the longest wait between sign-in tries after repeated failures (no lockout) |
| LOGIN_RATE_LIMIT | 10 per minute | login attempts allowed per client address |
| STAFF_SESSION_IDLE_MINUTES | 30 | a signed-in session ends after this long without a request |
| STAFF_SESSION_MAX_HOURS | 8 | a signed-in session ends this long after signing in, however busy |
| SURVEY_RATE_LIMIT | 240 per minute;3000 per hour;20000 per day | the anonymous survey's POSTs (start, answers, save, resume, submit, contact) allowed per client address, all counted together |
| PROXY_FIX_X_FOR | 0 | how many reverse proxies in front of the app to trust for X-Forwarded-For (0: none, use the socket's address) |
| MAX_CONTENT_LENGTH | 1048576 | largest request body in bytes |
| MAX_FORM_PARTS | 500 | most fields in one POST (the largest form, paper entry, has 128 controls) |
| MAX_FORM_MEMORY_SIZE | 65536 | largest single field of a multipart form, in bytes |
| OUTREACH_INSTANCE_PATH | ./instance | where the SQLite file, generated key and compiled catalogs go |
| CONTACT_KEY | generated once into <instance>/contact_key | Fernet key encrypting contact details |
| TWO_STEP_KEY | generated once into <instance>/two_step_key | Fernet key encrypting two-step sign-in secrets |
| CONTACT_RETENTION_DAYS | 90 | contact details are deleted this long after consent |
| SURVEY_DRAFT_DAYS | 30 | unfinished surveys (resume codes) are kept this long |
| SURVEY_INSTRUMENT | digital-access | the id of the instrument in forms/ that residents answer (its highest version) |
| OUTREACH_FORMS | the forms/ folder | where the instrument files are; every version found there is used to count answers given in it |
| PUBLISH_MIN_CELL | 10 | figures built from fewer answers are not shown (suppressed) |
| LOG_EDIT_DAYS | 14 | volunteers may edit their own session logs for this many days |
| HELP_LINE | 072-841-1221 | the phone number residents are given for help (Hirakata City Hall) |
| CITY_CODE | 272108 | the city's 全国地方公共団体コード (open-data metadata and the publisher) |
| CITY_NAME_JA | 枚方市 | the city's name, the open data's publisher |
| CITY_NAME_EN | Hirakata City | the same in English |
| OPEN_DATA_ISSUED | (empty) | the day the open data was first published (ISO 8601, e.g. 2027-04-01), for its catalogue record; empty: not stated |
| OIDC_ISSUER | (empty: off) | the city directory's OpenID Connect issuer URL; staff may then sign in with it |
| OIDC_CLIENT_ID, OIDC_CLIENT_SECRET | (empty) | Outreach's client registration at that directory |
| OIDC_GROUPS_CLAIM | groups | the ID-token claim listing the person's directory groups |
| OIDC_ROLE_GROUPS | (empty) | which group gives which role, e.g. `admin=outreach-admins,staff=seisaku,coordinator=outreach-coord,volunteer=outreach-vol` |
| OIDC_MFA_AMR | mfa,otp,hwk,swk,sms | `amr` values that count as two-step sign-in at the directory (required for admins and coordinators) |
"""

import os
import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from outreach.paths import FORMS


class ConfigError(RuntimeError):
    """Raised when the app must not start with the settings it was given."""


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _iso_date(name: str, overrides: dict[str, Any]) -> str:
    """An optional ISO 8601 date setting, checked at start so a typo never reaches a catalogue."""
    value = str(overrides.get(name, _env(name, ""))).strip()
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ConfigError(f"{name} must be a date like 2027-04-01, not {value!r}.") from None
    return value


def _kept_key(instance: Path, name: str, make: Callable[[], str]) -> str:
    """A development key kept in the instance folder so it survives restarts."""
    key_file = instance / name
    if not key_file.exists():
        key_file.write_text(make())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _required_key(
    name: str, overrides: dict[str, Any], production: bool, instance: Path, make: Callable[[], str]
) -> str:
    value = overrides.get(name) or os.environ.get(name)
    if value:
        return value
    if production:
        raise ConfigError(f"{name} must be set when OUTREACH_ENV=production.")
    return _kept_key(instance, name.lower(), make)


def load(instance: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, then apply explicit overrides (tests)."""
    overrides = overrides or {}
    env = overrides.get("OUTREACH_ENV", _env("OUTREACH_ENV", "development"))
    production = env == "production"
    secret = _required_key(
        "SECRET_KEY", overrides, production, instance, lambda: secrets.token_hex(32)
    )
    contact_key = _required_key(
        "CONTACT_KEY", overrides, production, instance, lambda: Fernet.generate_key().decode()
    )
    two_step_key = _required_key(
        "TWO_STEP_KEY", overrides, production, instance, lambda: Fernet.generate_key().decode()
    )
    config: dict[str, Any] = {
        "OUTREACH_ENV": env,
        "SECRET_KEY": secret,
        "CONTACT_KEY": contact_key,
        # Apart from CONTACT_KEY: either can be replaced without touching the other's data.
        "TWO_STEP_KEY": two_step_key,
        "CONTACT_RETENTION_DAYS": int(_env("CONTACT_RETENTION_DAYS", "90")),
        "SURVEY_DRAFT_DAYS": int(_env("SURVEY_DRAFT_DAYS", "30")),
        "HELP_LINE": _env("HELP_LINE", "072-841-1221"),
        "CITY_CODE": _env("CITY_CODE", "272108"),
        "CITY_NAME_JA": _env("CITY_NAME_JA", "枚方市"),
        "CITY_NAME_EN": _env("CITY_NAME_EN", "Hirakata City"),
        "OPEN_DATA_ISSUED": _iso_date("OPEN_DATA_ISSUED", overrides),
        "OIDC_ISSUER": _env("OIDC_ISSUER", "").rstrip("/"),
        "OIDC_CLIENT_ID": _env("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": _env("OIDC_CLIENT_SECRET", ""),
        "OIDC_GROUPS_CLAIM": _env("OIDC_GROUPS_CLAIM", "groups"),
        "OIDC_ROLE_GROUPS": _env("OIDC_ROLE_GROUPS", ""),
        "OIDC_MFA_AMR": _env("OIDC_MFA_AMR", "mfa,otp,hwk,swk,sms"),
        "SURVEY_INSTRUMENT": _env("SURVEY_INSTRUMENT", "digital-access"),
        "FORMS_FOLDER": Path(_env("OUTREACH_FORMS", str(FORMS))),
        "LOG_EDIT_DAYS": int(_env("LOG_EDIT_DAYS", "14")),
        "PUBLISH_MIN_CELL": int(_env("PUBLISH_MIN_CELL", "10")),
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL", f"sqlite:///{instance / 'outreach.db'}"),
        # Pooled connections idle for a while are tested before use (extensions.watch_connections).
        "RATELIMIT_STORAGE_URI": _env("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        # If Redis is out of reach, count in each worker's memory rather than refuse residents.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "LOGIN_MAX_DELAY_SECONDS": int(_env("LOGIN_MAX_DELAY_SECONDS", "600")),
        "LOGIN_RATE_LIMIT": _env("LOGIN_RATE_LIMIT", "10 per minute"),
        # Shared PCs at help desks: a session left open ends by itself (services.staff_sessions).
        "STAFF_SESSION_IDLE_MINUTES": int(_env("STAFF_SESSION_IDLE_MINUTES", "30")),
        "STAFF_SESSION_MAX_HOURS": int(_env("STAFF_SESSION_MAX_HOURS", "8")),
        # One address can be a whole room: a library's PC corner, or a help desk where twenty
        # residents share one public IP. A survey is about 25 POSTs, one every few seconds at
        # most (~5 a minute, 20 when rushing): twenty residents at once make ~100 a minute and
        # up to ~1,500 an hour, a long day a few hundred surveys (~8,000). The limits leave room
        # above each and still hold a script to 240 a minute, 3,000 an hour and 20,000 a day.
        "SURVEY_RATE_LIMIT": _env(
            "SURVEY_RATE_LIMIT", "240 per minute;3000 per hour;20000 per day"
        ),
        # Behind nginx or a load balancer every request comes from the proxy: trust that many
        # hops of X-Forwarded-For, or every resident shares one rate limit. Never set it higher
        # than the proxies really in front, or clients can pick their own address.
        "PROXY_FIX_X_FOR": int(_env("PROXY_FIX_X_FOR", "0")),
        "MAX_CONTENT_LENGTH": int(_env("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        # A POST of 100,000 tiny fields fits in a megabyte and costs seconds to parse and clean.
        # The largest form (volunteer entry of a paper survey) has 128 controls, the session
        # log 42: 500 leaves room, and a longer post is refused before it is parsed.
        "MAX_FORM_PARTS": int(_env("MAX_FORM_PARTS", "500")),
        "MAX_FORM_MEMORY_SIZE": int(_env("MAX_FORM_MEMORY_SIZE", str(64 * 1024))),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "HSTS": production,
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "COMPRESS_MIMETYPES": [
            "text/html",
            "text/css",
            "text/plain",
            "text/calendar",
            "text/csv",
            "application/javascript",
            "application/json",
            "application/geo+json",
            "image/svg+xml",
        ],
    }
    config.update(overrides)
    return config
