"""Names in the reader's language for everything the app stores as a code: roles, channels, age
bands, session formats and outcomes, languages, population figures, help topics, instrument
options, and neighbourhoods. One place, so a channel or a neighbourhood is called the same on
every page, chart and download.

Class-level strings are lazy (translated when shown). The codes themselves are in
outreach.vocabulary.
"""

from typing import Any, Protocol

from flask import current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from outreach.i18n import current_locale
from outreach.i18n.locales import SiteLocale
from outreach.instrument.instrument import PREFER_NOT, Instrument, Question
from outreach.vocabulary import CaseOutcome, CaseStatus, Channel, Format, Measure, Outcome, Role

# Keyed by the stored string: the codes are StrEnums, so Role.ADMIN and "admin" find the same
# entry.
ROLE_NAMES: dict[str, LazyString] = {
    Role.ADMIN: _l("Administrator"),
    Role.STAFF: _l("Policy staff"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.VOLUNTEER: _l("Volunteer"),
}

MEASURE_NAMES: dict[str, LazyString] = {
    Measure.POP_0_14: _l("Residents aged 0–14"),
    Measure.POP_15_64: _l("Residents aged 15–64"),
    Measure.POP_65_74: _l("Residents aged 65–74"),
    Measure.POP_75_PLUS: _l("Residents aged 75 and over"),
    Measure.HOUSEHOLDS: _l("Households"),
    Measure.ONE_PERSON_65_PLUS: _l("One-person households aged 65 and over"),
    Measure.FOREIGN_RESIDENTS: _l("Foreign residents"),
}

CHANNEL_LABELS: dict[str, LazyString] = {
    Channel.WEB: _l("Web, alone"),
    Channel.ASSISTED: _l("With a volunteer"),
    Channel.PAPER: _l("Paper"),
    Channel.PHONE: _l("Phone"),
    Channel.OFFLINE: _l("Form app, door to door"),
}

NOT_GIVEN = _l("Not given")


FORMAT_LABELS: dict[str, LazyString] = {
    Format.HELP_DESK: _l("Help desk"),
    Format.CLASS: _l("Group class"),
    Format.HOME_VISIT: _l("Home visit"),
    Format.PHONE: _l("Phone help"),
    Format.ONLINE: _l("Online"),
}
OUTCOME_LABELS: dict[str, LazyString] = {
    Outcome.RESOLVED: _l("Resolved"),
    Outcome.PARTLY: _l("Partly"),
    Outcome.REFERRED: _l("Referred elsewhere"),
}

CASE_STATUS_LABELS: dict[str, LazyString] = {
    CaseStatus.NEW: _l("New"),
    CaseStatus.ASSIGNED: _l("Assigned"),
    CaseStatus.IN_PROGRESS: _l("In progress"),
    CaseStatus.DONE: _l("Done"),
    CaseStatus.NO_CONTACT: _l("Could not reach"),
}
CASE_OUTCOME_LABELS: dict[str, LazyString] = {
    CaseOutcome.RESOLVED: _l("Resolved"),
    CaseOutcome.REFERRED: _l("Referred elsewhere"),
    CaseOutcome.DECLINED: _l("The person declined help"),
    CaseOutcome.NO_CONTACT: _l("Could not reach the person"),
}

#: Languages residents ask for help in (contact form, sessions, logs), in the order offered.
LANGUAGE_CHOICES: list[tuple[str, LazyString]] = [
    ("ja", _l("Japanese")),
    ("ja_easy", _l("Easy Japanese")),
    ("en", _l("English")),
    ("zh", _l("Chinese")),
    ("ko", _l("Korean")),
    ("vi", _l("Vietnamese")),
    ("ne", _l("Nepali")),
    ("pt", _l("Portuguese")),
    ("other", _l("Another language")),
]
LANGUAGE_NAMES: dict[str, LazyString] = dict(LANGUAGE_CHOICES)
#: When a resident would like to be called.
WHEN_CHOICES: list[tuple[str, LazyString]] = [
    ("weekday_morning", _l("Weekday mornings")),
    ("weekday_afternoon", _l("Weekday afternoons")),
    ("weekday_evening", _l("Weekday evenings")),
    ("weekend", _l("Weekends")),
    ("any", _l("Any time")),
]
WHEN_NAMES: dict[str, LazyString] = dict(WHEN_CHOICES)

#: The built-in options of instrument questions of type "scale" and "yesno".
SCALE_LABELS: dict[str, LazyString] = {
    "5": _l("Strongly agree"),
    "4": _l("Agree"),
    "3": _l("Neither agree nor disagree"),
    "2": _l("Disagree"),
    "1": _l("Strongly disagree"),
}
YES_NO: dict[str, LazyString] = {"yes": _l("Yes"), "no": _l("No")}
PREFER_NOT_LABEL = _l("Prefer not to say")


def role_name(role: str) -> str | LazyString:
    return ROLE_NAMES.get(role, role)


def measure_name(measure: str) -> str | LazyString:
    return MEASURE_NAMES.get(measure, measure)


def format_name(code: str) -> str | LazyString:
    return FORMAT_LABELS.get(code, code)


def outcome_name(code: str) -> str | LazyString:
    return OUTCOME_LABELS.get(code, code)


def case_status_name(code: str) -> str | LazyString:
    return CASE_STATUS_LABELS.get(code, code)


def case_outcome_name(code: str) -> str | LazyString:
    return CASE_OUTCOME_LABELS.get(code, code)


def language_name(code: str) -> str | LazyString:
    return LANGUAGE_NAMES.get(code, code)


def when_name(code: str) -> str | LazyString:
    return WHEN_NAMES.get(code, "—")


def topic_labels() -> dict[str, Any]:
    """Help topic id -> label, from the maintained list (outreach.instrument.topics)."""
    return {t.id: _l(t.text) for t in current_app.extensions["outreach_topics"]}


def topic_name(code: str) -> Any:
    return topic_labels().get(code, code)


def age_labels(instrument: Instrument) -> dict[str | None, Any]:
    """The survey's age bands, youngest first, named as the instrument names them (the options
    of the question playing the `age_band` role), and None: the resident did not say."""
    found: dict[str | None, Any] = {None: NOT_GIVEN}
    return dict(option_labels(instrument.role("age_band")).items()) | found


def option_labels(question: Question | None) -> dict[str, Any]:
    """Option id -> label (lazy, translated when shown), including built-in scales; none for a
    question this survey version does not have."""
    if question is None:
        return {}
    if question.type == "scale":
        labels: dict[str, Any] = dict(SCALE_LABELS)
    elif question.type == "yesno":
        labels = dict(YES_NO)
    else:
        labels = {o.id: _l(o.text) for o in question.options}
    if question.prefer_not:
        labels[PREFER_NOT] = PREFER_NOT_LABEL
    return labels


class HasJapaneseName(Protocol):
    @property
    def name_ja(self) -> str: ...


def area_name(area: HasJapaneseName, site_locale: SiteLocale | None = None) -> Markup:
    """A neighbourhood's name in the reader's language, as safe HTML (Markup.format escapes
    each value): Japanese as it is; easy Japanese with furigana (<ruby>) when the reading is
    known; other languages the romanised name with the Japanese one beside it, marked lang="ja".

    The one way to name a neighbourhood. Where HTML cannot go (charts, <option>, calendar
    feeds, titles) use `plain(area_name(area))` from outreach.i18n.markup: the same words,
    without the furigana.
    """
    site_locale = site_locale or current_locale()
    name_ja = area.name_ja
    kana = getattr(area, "name_kana", "") or ""
    romaji = getattr(area, "name_romaji", "") or ""
    if site_locale.babel == "ja" or (site_locale.babel == "ja@easy" and not kana):
        return Markup("{}").format(name_ja)
    if site_locale.babel == "ja@easy":
        return Markup("<ruby>{}<rt>{}</rt></ruby>").format(name_ja, kana)
    if not romaji:
        return Markup('<span lang="ja">{}</span>').format(name_ja)
    return Markup('{} (<span lang="ja">{}</span>)').format(romaji, name_ja)
