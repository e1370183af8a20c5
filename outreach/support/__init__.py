"""In-person help: sessions residents can find, logs volunteers keep, follow-ups coordinators run."""

import tomllib
from dataclasses import dataclass

from flask import Flask
from flask_babel import lazy_gettext as _l

from outreach.paths import FORMS
from outreach.survey.instrument import OPTION_ID, InstrumentError

TOPICS_FILE = FORMS / "lists" / "support-topics.toml"


@dataclass(frozen=True)
class Topic:
    id: str
    text: str

    @property
    def label(self):
        return _l(self.text)


def load_topics(path=TOPICS_FILE) -> tuple[Topic, ...]:
    """The maintained topic list; a broken file stops the app, naming the problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8")).get("topics", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(f"{path}: cannot be read: {exc}") from exc
    topics, seen = [], set()
    for number, item in enumerate(raw, start=1):
        tid, text = str(item.get("id", "")), str(item.get("text", "")).strip()
        if not OPTION_ID.fullmatch(tid) or not text or tid in seen:
            raise InstrumentError(
                f"{path}: topic {number} needs a unique id (a-z, 0-9, _) and a text"
            )
        seen.add(tid)
        topics.append(Topic(tid, text))
    if not topics:
        raise InstrumentError(f"{path}: no topics")
    return tuple(topics)


def init_app(app: Flask) -> None:
    from outreach.support.forms import FORMAT_LABELS, OUTCOME_LABELS

    topics = load_topics()
    app.extensions["outreach_topics"] = topics
    labels = {t.id: t.label for t in topics}
    app.jinja_env.globals.update(
        format_name=lambda code: FORMAT_LABELS.get(code, code),
        outcome_name=lambda code: OUTCOME_LABELS.get(code, code),
        topic_name=lambda code: labels.get(code, code),
    )
