"""Forms for announcing sessions and logging them (built at run time: topics are a maintained list)."""

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from outreach.forms_common import MultiCheckboxField, no_personal_details
from outreach.labels import FORMAT_LABELS, LANGUAGE_CHOICES, OUTCOME_LABELS
from outreach.recurrence import MAX_DAYS
from outreach.validation import DayField, MaxLength, WholeNumberField
from outreach.vocabulary import Outcome

#: For a value that no list offered (a changed page, or a script).
ONE_SHOWN = _l("Select one of the answers shown.")


def topic_choices() -> list[SelectChoice]:
    return [SelectChoice(t.id, _l(t.text)) for t in current_app.extensions["outreach_topics"]]


def format_choices() -> list[SelectChoice]:
    return [SelectChoice(str(f), label) for f, label in FORMAT_LABELS.items()]


def language_choices() -> list[SelectChoice]:
    return [SelectChoice(v, label) for v, label in LANGUAGE_CHOICES]


def _count(label: Any) -> WholeNumberField:
    return WholeNumberField(
        label,
        default=0,
        validators=[
            InputRequired(_l("Enter a number (0 if none).")),
            NumberRange(0, 500, _l("Enter a number from 0 to 500.")),
        ],
        render_kw={"inputmode": "numeric", "class": "input-count"},
    )


class SessionForm(FlaskForm):
    #: Announcing only: the one-time key that makes a form sent twice publish once.
    submission_key = HiddenField()
    day = DateField(_l("Date"), validators=[DataRequired(_l("Enter the date."))])
    start_time = TimeField(
        _l("Starts at"), validators=[DataRequired(_l("Enter the start time, like 10:00."))]
    )
    end_time = TimeField(
        _l("Ends at"), validators=[DataRequired(_l("Enter the end time, like 12:00."))]
    )
    format = RadioField(
        _l("Format"),
        validators=[DataRequired(_l("Choose a format."))],
        invalid_choice_message=_l("Choose a format."),
    )
    venue_name = StringField(
        _l("Venue"),
        description=_l(
            "For example: Hirakata City Hall, room 3. To give a reading for Easy Japanese, write the word and its reading in curly brackets, with a vertical bar between them."
        ),
        validators=[MaxLength(200)],
    )
    venue_address = StringField(_l("Venue address"), validators=[MaxLength(300)])
    step_free = BooleanField(_l("Step-free access"))
    hearing_loop = BooleanField(_l("Hearing loop"))
    parking = BooleanField(_l("Parking"))
    area_code = SelectField(_l("Neighbourhood"), invalid_choice_message=ONE_SHOWN)
    topics = MultiCheckboxField(
        _l("Topics"),
        validate_choice=True,
        validators=[DataRequired(_l("Choose at least one topic."))],
        invalid_choice_message=_l("Choose at least one topic."),
    )
    languages = MultiCheckboxField(
        _l("Languages offered"),
        validate_choice=True,
        validators=[DataRequired(_l("Choose at least one language."))],
        invalid_choice_message=_l("Choose at least one language."),
    )
    capacity = WholeNumberField(
        _l("Places"),
        description=_l("Leave empty if there is no limit."),
        validators=[Optional(), NumberRange(1, 500, _l("Enter a number from 1 to 500."))],
        render_kw={"inputmode": "numeric"},
    )
    booking_required = BooleanField(_l("Booking needed"))
    contact = StringField(
        _l("How to book or ask"),
        description=_l("A public phone number or office, not a private one."),
        validators=[MaxLength(200)],
    )
    public_note = TextAreaField(
        _l("Note for residents"),
        description=_l("For example: bring your smartphone and your My Number card."),
        validators=[MaxLength(500)],
        render_kw={"rows": 3},
    )

    repeat = RadioField(
        _l("Repeats"),
        choices=[
            SelectChoice("once", _l("Once")),
            SelectChoice("weekly", _l("Every week")),
            SelectChoice("fortnightly", _l("Every two weeks")),
            SelectChoice("monthly", _l("Every month, on the same weekday of the same week")),
        ],
        default="once",
        invalid_choice_message=ONE_SHOWN,
    )
    repeat_until = DayField(
        _l("Repeat until"),
        description=_l("The last date it may happen, at most a year ahead."),
    )
    #: Only asked when changing an occurrence of a series.
    scope = RadioField(
        _l("Which sessions to change"),
        choices=[
            SelectChoice("this", _l("This session only")),
            SelectChoice("following", _l("This session and all that follow")),
        ],
        default="this",
        invalid_choice_message=ONE_SHOWN,
    )

    def validate_end_time(self, field: Any) -> None:
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The end time must be after the start time."))

    def validate_repeat_until(self, field: Any) -> None:
        if self.repeat.data in (None, "once") or self.day.data is None:
            return
        if field.data is None and not field.errors:
            raise ValidationError(_l("Enter the date it repeats until."))
        if field.data is not None and field.data <= self.day.data:
            raise ValidationError(_l("The repeat must end after the first date."))
        if field.data is not None and (field.data - self.day.data).days > MAX_DAYS:
            raise ValidationError(_l("Repeat for at most a year; announce the rest later."))


class CancelForm(FlaskForm):
    """Cancel or reinstate a session. The button says which, rather than flipping whatever the
    session is now: clicked twice, "Cancel session" leaves it cancelled."""

    change = HiddenField(validators=[AnyOf(("cancel", "reinstate"))])


def session_form(area_choices: list, **kwargs: Any) -> SessionForm:
    form = SessionForm(**kwargs)
    form.format.choices = format_choices()
    form.topics.choices = topic_choices()
    form.languages.choices = language_choices()
    form.area_code.choices = area_choices
    return form


class LogFormBase(FlaskForm):
    submission_key = HiddenField()
    session_id = HiddenField()
    held_on = DateField(
        _l("Date"),
        default=date.today,
        validators=[DataRequired(_l("Enter the date of the session."))],
    )
    duration_minutes = WholeNumberField(
        _l("Length in minutes"),
        default=60,
        validators=[
            InputRequired(_l("Enter how long the session took, in minutes.")),
            NumberRange(1, 600, _l("Enter a number of minutes from 1 to 600.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    format = RadioField(
        _l("Format"),
        default="help_desk",
        validators=[DataRequired(_l("Choose a format."))],
        invalid_choice_message=_l("Choose a format."),
    )
    venue = StringField(_l("Venue"), validators=[MaxLength(200)])
    area_code = SelectField(_l("Neighbourhood"), invalid_choice_message=ONE_SHOWN)
    #: Topics are ticked first; each ticked topic then asks how it ended (`topic_<id>`).
    topics = MultiCheckboxField(
        _l("Topics worked on"), validate_choice=True, invalid_choice_message=ONE_SHOWN
    )
    people_under_65 = _count(_l("Under 65"))
    people_65_74 = _count(_l("65 to 74"))
    people_75_plus = _count(_l("75 and over"))
    people_age_unknown = _count(_l("Age not known"))
    languages = MultiCheckboxField(
        _l("Languages used"), validate_choice=True, invalid_choice_message=ONE_SHOWN
    )
    follow_up = BooleanField(_l("Someone needs a follow-up"))
    follow_up_about = StringField(
        _l("What the follow-up is about"),
        description=_l("No names or contact details."),
        validators=[MaxLength(200), no_personal_details],
    )
    note = TextAreaField(
        _l("Note for the team"),
        description=_l("No names, phone numbers, addresses or My Numbers."),
        validators=[MaxLength(1000), no_personal_details],
        render_kw={"rows": 3},
    )

    def validate_people_age_unknown(self, field: Any) -> None:
        counts = [
            self.people_under_65.data,
            self.people_65_74.data,
            self.people_75_plus.data,
            field.data,
        ]
        if all(isinstance(c, int) for c in counts) and sum(counts) == 0:
            raise ValidationError(_l("Count at least one person helped."))

    def topic_fields(self) -> list[Any]:
        return [self[f"topic_{t.id}"] for t in current_app.extensions["outreach_topics"]]

    def outcomes(self) -> list[tuple[str, str]]:
        """(topic, outcome) for each ticked topic; an outcome for an unticked topic is ignored."""
        ticked = set(self.topics.data or [])
        return [(f.topic, f.data) for f in self.topic_fields() if f.topic in ticked]


class TopicOutcomeField(RadioField):
    """How one topic ended. Every topic has one on the page, shown only while its box is ticked
    (site.css), so only a ticked topic's outcome is checked and counted."""

    def __init__(self, label: Any = None, *, topic: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.topic = topic

    def pre_validate(self, form: Any) -> None:
        if self.topic not in (form.topics.data or []):
            raise StopValidation()  # hidden and not counted: whatever it holds is no error
        super().pre_validate(form)


def log_form(area_choices: list, **kwargs: Any) -> LogFormBase:
    """The log form with one outcome choice per maintained topic, "resolved" until changed."""
    outcomes = [SelectChoice(str(o), label) for o, label in OUTCOME_LABELS.items()]
    fields = {
        f"topic_{t.id}": TopicOutcomeField(
            _l(t.text),
            topic=t.id,
            choices=outcomes,
            default=str(Outcome.RESOLVED),
            invalid_choice_message=ONE_SHOWN,
        )
        for t in current_app.extensions["outreach_topics"]
    }
    form = type("LogForm", (LogFormBase,), fields)(**kwargs)
    form.topics.choices = topic_choices()
    form.format.choices = format_choices()
    form.languages.choices = language_choices()
    form.area_code.choices = area_choices
    return form


def phone_number(form: FlaskForm, field: Any) -> None:
    digits = "".join(ch for ch in (field.data or "") if ch.isdigit())
    if not 10 <= len(digits) <= 11:
        raise ValidationError(_l("Enter a phone number of 10 or 11 digits, like 072-841-1221."))


class BookingForm(FlaskForm):
    submission_key = HiddenField()
    name = StringField(
        _l("Your name or initials"),
        description=_l("So the helpers know who to expect."),
        validators=[DataRequired(_l("Enter your name or initials.")), MaxLength(100)],
        render_kw={"autocomplete": "name"},
    )
    phone = StringField(
        _l("Phone number"),
        description=_l("Only to call you if the session changes. Deleted after the session."),
        validators=[DataRequired(_l("Enter a phone number.")), MaxLength(20), phone_number],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )


class FindBookingForm(FlaskForm):
    code = StringField(
        _l("Booking code"),
        description=_l("The 8 letters and numbers you were given, for example ABCD 2345."),
        validators=[DataRequired(_l("Enter your booking code.")), MaxLength(20)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters"},
    )
