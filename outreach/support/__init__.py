"""In-person help: sessions residents can find, logs volunteers keep, follow-ups coordinators run."""

from flask import Flask

from outreach.instrument.topics import load_topics


def init_app(app: Flask) -> None:
    app.extensions["outreach_topics"] = load_topics()
