"""The survey's forms: one question per page, all questions for volunteer entry, resume, consent."""

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional, ValidationError

from outreach.instrument.instrument import Instrument, Question
from outreach.labels import LANGUAGE_CHOICES, WHEN_CHOICES
from outreach.survey.fields import answer_field, postal_code_field
from outreach.survey.spam import honeypot_field
from outreach.validation import MaxLength
from outreach.vocabulary import Channel

POSTAL_PREFIX = "postal:"


def question_form(question: Question, area_choices: list | None = None, **kwargs: Any) -> FlaskForm:
    """A form with one field, `answer` (and `postal_code` for a neighbourhood question)."""
    fields: dict[str, Any] = {"answer": answer_field(question, area_choices)}
    if question.type == "area":
        fields["postal_code"] = postal_code_field()
    return type("QuestionForm", (FlaskForm,), fields)(**kwargs)


def values_from(question: Question, answer: Any, postal_code: str = "") -> list[str]:
    """What a filled-in field means as stored answer values."""
    if isinstance(answer, list):
        return [v for v in answer if v]
    text = (answer or "").strip() if isinstance(answer, str) else answer
    if question.type == "area" and not text and postal_code:
        return [POSTAL_PREFIX + postal_code]
    return [text] if text else []


def data_for(question: Question, values: list[str]) -> dict[str, Any]:
    """Form data from stored values, to show earlier answers again."""
    if question.type == "multiple":
        return {"answer": values}
    first = values[0] if values else None
    if first and first.startswith(POSTAL_PREFIX):
        return {"answer": "", "postal_code": first.removeprefix(POSTAL_PREFIX)}
    return {"answer": first}


#: How a volunteer's entry was answered, in the volunteer's words.
ENTRY_CHANNELS = {
    Channel.PAPER: _l("Paper form, keyed in by me"),
    Channel.ASSISTED: _l("In person: I helped the resident answer"),
    Channel.PHONE: _l("By phone: the resident answered me"),
}


def entry_form(survey: Instrument, area_choices: list, **kwargs: Any) -> FlaskForm:
    """All questions on one page, for volunteers keying in paper forms or assisting."""
    fields: dict[str, Any] = {
        "channel": RadioField(
            _l("How was this survey answered?"),
            choices=[SelectChoice(c.value, label) for c, label in ENTRY_CHANNELS.items()],
            validators=[DataRequired(_l("Select how the survey was answered."))],
            invalid_choice_message=_l("Select how the survey was answered."),
        ),
        "paper_sheet": StringField(
            _l("Sheet number"),
            description=_l("The number printed at the top of the paper form."),
            # No Optional(): validate_paper_sheet must see an empty number on a paper entry.
            validators=[MaxLength(20)],
            render_kw={"autocomplete": "off"},
        ),
        "confirm_duplicate": BooleanField(
            _l("This sheet number was entered before. Enter it again anyway.")
        ),
        "submission_key": HiddenField(),
        "validate_paper_sheet": _sheet_required,
    }
    for question in survey.questions:
        # A paper form may leave any question blank: key in what is there, require nothing.
        fields[f"q_{question.id}"] = answer_field(question, area_choices, enforce_required=False)
        if question.type == "area":
            fields[f"q_{question.id}_postal"] = postal_code_field()
    return type("EntryForm", (FlaskForm,), fields)(**kwargs)


def _sheet_required(form: FlaskForm, field: Any) -> None:
    if form.channel.data == Channel.PAPER and not (field.data or "").strip():
        raise ValidationError(_l("Enter the sheet number printed on the paper form."))


class ResumeForm(FlaskForm):
    code = StringField(
        _l("Your code"),
        description=_l("8 letters and numbers, for example ABCD-2345."),
        validators=[DataRequired(_l("Enter the code you were given.")), MaxLength(20)],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class SubmitForm(FlaskForm):
    """The final button; its CSRF token and the session's draft make the submission unique."""


class StartForm(FlaskForm):
    """The start button, with a honeypot: a filled one starts no draft (outreach/survey/spam.py)."""

    website = honeypot_field()


class ContactForm(FlaskForm):
    consent = BooleanField(
        _l("I agree that the city may contact me to offer help."),
        validators=[DataRequired(_l("Tick the box to agree, or leave this page without sending."))],
    )
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name.")), MaxLength(100)],
        render_kw={"autocomplete": "name"},
    )
    phone = StringField(
        _l("Phone number"),
        # No Optional(): validate_phone must run when the phone is empty, to ask for an address.
        validators=[MaxLength(30)],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    address = TextAreaField(
        _l("Address"),
        description=_l("Only if you would like a visit or a letter."),
        validators=[Optional(), MaxLength(300)],
        render_kw={"autocomplete": "street-address", "rows": 3},
    )
    language = RadioField(
        _l("Language for the call or visit"),
        choices=[SelectChoice(v, label) for v, label in LANGUAGE_CHOICES],
        validators=[DataRequired(_l("Choose a language."))],
        invalid_choice_message=_l("Choose a language."),
    )
    when_to_call = RadioField(
        _l("When is a good time?"),
        choices=[SelectChoice(v, label) for v, label in WHEN_CHOICES],
        validators=[Optional()],
        invalid_choice_message=_l("Select one of the answers shown."),
    )
    website = honeypot_field()

    def validate_phone(self, field: Any) -> None:
        if not (field.data or "").strip() and not (self.address.data or "").strip():
            raise ValidationError(_l("Enter a phone number or an address, so we can reach you."))
        digits = [c for c in field.data or "" if c.isdigit()]
        if field.data and len(digits) < 10:
            raise ValidationError(_l("Enter a phone number with its area code, like 072-841-1221."))
