"""What support pages show: sessions in the reader's language, filters from the query string."""

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from outreach import postal_codes
from outreach.forms_common import grouped
from outreach.i18n import current_locale
from outreach.i18n.markup import plain
from outreach.labels import FORMAT_LABELS, LANGUAGE_NAMES, topic_labels
from outreach.services import areas, nearby
from outreach.services.sessions import Filters
from outreach.session_cards import area_names


def area_choices(empty_label: str) -> list[SelectChoice]:
    return [SelectChoice("", empty_label), *grouped(areas.names(), current_locale())]


#: "Near 〒…" keeps the sessions this close (centroid to centroid), and those by phone or online.
NEAR_KM = 5


class FilterForm(Form):
    """A GET form: filters live in the URL, so a filtered list is a link residents can share."""

    area = SelectField(_l("Neighbourhood"), validate_choice=False)
    topic = SelectField(_l("Topic"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("Until"), validators=[Optional()])
    near = StringField(
        _l("Near postal code"),
        description=_l(
            "For example 573-1191: sessions within %(km)d km, nearest first.", km=NEAR_KM
        ),
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
    )


def filter_form() -> FilterForm:
    form = FilterForm(request.args)
    form.area.choices = area_choices(gettext("All neighbourhoods"))
    form.topic.choices = [SelectChoice("", gettext("All topics"))] + [
        SelectChoice(k, v) for k, v in topic_labels().items()
    ]
    form.language.choices = [SelectChoice("", gettext("All languages"))] + [
        SelectChoice(k, v) for k, v in LANGUAGE_NAMES.items()
    ]
    form.validate()  # only to turn text into dates; a bad date is ignored, not an error page
    for day in (form.date_from, form.date_to):
        if day.errors:  # shown empty, without WTForms' message (English in most languages)
            day.raw_data, day.errors = [], []
    return form


def filters_from(form: FilterForm) -> Filters:
    """Unknown values are ignored rather than refused: a stale shared link still shows sessions."""
    known_areas = areas.known_codes()
    return Filters(
        area=form.area.data if form.area.data in known_areas else "",
        topic=form.topic.data if form.topic.data in topic_labels() else "",
        language=form.language.data if form.language.data in LANGUAGE_NAMES else "",
        date_from=form.date_from.data if isinstance(form.date_from.data, date) else None,
        date_to=form.date_to.data if isinstance(form.date_to.data, date) else None,
    )


def near(form: FilterForm, found: list) -> tuple[list, dict[int, float]]:
    """The sessions near the postal code typed, nearest first, with their distances; all of them
    when none was typed or it cannot be placed (the field then says why, keeping what was typed)."""
    typed = (form.near.data or "").strip()
    if not typed:
        return found, {}
    code = postal_codes.normalise(typed)
    covered = areas.for_postal_code(code) if code else []
    if not covered:
        form.near.errors = [
            gettext(
                "%(code)s is not a postal code of Hirakata City. Check it, or choose your neighbourhood from the list.",
                code=typed,
            )
        ]
        return found, {}
    far = nearby.distances(covered[0].code, {s.id: s.area_code for s in found})
    close = [s for s in found if s.area_code is None or far.get(s.id, NEAR_KM + 1) <= NEAR_KM]
    return sorted(close, key=lambda s: far.get(s.id, NEAR_KM + 1)), far


def describe(session: Any) -> tuple[str, str, str]:
    """Summary, description and location of a session, as plain text in the reader's language."""
    topics, names = topic_labels(), area_names()
    summary = str(FORMAT_LABELS.get(session.format, session.format))
    if session.cancelled:
        summary = gettext("Cancelled: %(name)s", name=summary)
    lines = [
        gettext(
            "Topics: %(topics)s", topics=", ".join(str(topics.get(t, t)) for t in session.topics)
        ),
        gettext(
            "Languages: %(languages)s",
            languages=", ".join(str(LANGUAGE_NAMES.get(x, x)) for x in session.languages),
        ),
    ]
    if session.contact:
        lines.append(gettext("How to book or ask: %(contact)s", contact=session.contact))
    if session.public_note:
        lines.append(session.public_note)
    place = ", ".join(
        p
        for p in (
            plain(session.venue_name),
            session.venue_address,
            plain(names.get(session.area_code or "", "")),
        )
        if p
    )
    return plain(summary), plain("\n".join(lines)), place
