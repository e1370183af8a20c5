"""The steps of a follow-up case: a note, a due date, closing with an outcome, another follow-up
on a log. Notes are read by the team: no personal details (as in a session log's note)."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from outreach.forms_common import no_personal_details
from outreach.labels import CASE_OUTCOME_LABELS
from outreach.validation import DayField, MaxLength

NOTE_HINT = _l("What was done or agreed. No names, phone numbers, addresses or My Numbers.")


def not_in_the_past(form: FlaskForm, field: Any) -> None:
    if field.data and field.data < date.today():
        raise ValidationError(_l("Choose a date from today on."))


def _due(label: Any) -> DayField:
    return DayField(
        label,
        validators=[Optional(), not_in_the_past],
        format="%Y-%m-%d",
        render_kw={"class": "input input-short"},
    )


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Note on this follow-up"),
        description=NOTE_HINT,
        validators=[
            DataRequired(_l("Write the note.")),
            MaxLength(1000),
            no_personal_details,
        ],
        render_kw={"rows": 3},
    )


class DueForm(FlaskForm):
    due = _due(_l("Due date"))


class CloseForm(FlaskForm):
    outcome = RadioField(
        _l("How did it end?"),
        choices=[SelectChoice(code, label) for code, label in CASE_OUTCOME_LABELS.items()],
        validators=[InputRequired(_l("Choose how the follow-up ended."))],
        invalid_choice_message=_l("Choose how the follow-up ended."),
    )
    closing_note = TextAreaField(
        _l("Closing note"),
        description=NOTE_HINT,
        validators=[MaxLength(1000), no_personal_details],
        render_kw={"rows": 2},
    )


class FlagForm(FlaskForm):
    summary = StringField(
        _l("What the follow-up is about"),
        description=_l("No names or contact details."),
        validators=[
            DataRequired(_l("Say what the follow-up is about.")),
            MaxLength(200),
            no_personal_details,
        ],
    )
    due = _due(_l("Due date"))
