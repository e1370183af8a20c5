"""In-person help: sessions residents can find, logs volunteers keep, follow-ups coordinators run."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from outreach.instrument.topics import load_topics


def init_app(app: Flask) -> None:
    from outreach.support.forms import FORMAT_LABELS, OUTCOME_LABELS

    topics = load_topics()
    app.extensions["outreach_topics"] = topics
    labels = {t.id: _l(t.text) for t in topics}
    app.jinja_env.globals.update(
        format_name=lambda code: FORMAT_LABELS.get(code, code),
        outcome_name=lambda code: OUTCOME_LABELS.get(code, code),
        topic_name=lambda code: labels.get(code, code),
    )
