"""The maintained list of help topics (forms/lists/support-topics.toml). Pure: no Flask."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from outreach.instrument.instrument import OPTION_ID, InstrumentError
from outreach.paths import FORMS

TOPICS_FILE = FORMS / "lists" / "support-topics.toml"


@dataclass(frozen=True)
class Topic:
    id: str
    #: English source text; shown translated (outreach.labels.topic_labels).
    text: str


def load_topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
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
