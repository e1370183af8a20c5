"""The app as the tests build it: one database, an instance folder, the page-checking client."""

import os
from pathlib import Path

from flask import Flask

from outreach import create_app
from tests.support.client import PageCheckingClient


def make_app(url: str, instance: Path, **overrides) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key",
        "TESTING": True,
        "RATELIMIT_ENABLED": False,
        **overrides,
    }
    os.environ["OUTREACH_INSTANCE_PATH"] = str(instance)
    application = create_app(config)
    application.test_client_class = PageCheckingClient
    return application
