"""WTForms forms built from instrument questions: one question per form, or all on one page."""

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from outreach import postal_codes
from outreach.forms_common import MultiCheckboxField
from outreach.instrument.instrument import PREFER_NOT, Question
from outreach.labels import option_labels

# i18n: full-width digits and hyphens, as typed on Japanese keyboards
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－ー", "0123456789--")


def _choices(question: Question) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in option_labels(question).items()]


def _required_message(question: Question) -> str:
    return (
        gettext(question.error) if question.error else gettext("Answer this question to continue.")
    )


def _check_required(question: Question, enforce: bool = True):
    def check(form: FlaskForm, field: Field) -> None:
        if enforce and question.required and not field.data:
            raise ValidationError(_required_message(question))

    return check


def _check_choice(allowed: set[str]):
    def check(form: FlaskForm, field: Field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data] if field.data else []
        if any(value not in allowed for value in values):
            raise ValidationError(gettext("Select one of the answers shown."))

    return check


def _check_exclusive(question: Question):
    def check(form: FlaskForm, field: Field) -> None:
        chosen = set(field.data or [])
        exclusive = chosen & question.exclusive_ids()
        if exclusive and len(chosen) > 1:
            label = option_labels(question)[sorted(exclusive)[0]]
            raise ValidationError(
                gettext(
                    "“%(option)s” cannot be combined with other answers. Choose one or the other.",
                    option=label,
                )
            )

    return check


def _check_number(question: Question, enforce: bool = True):
    low, high = question.min, question.max
    if low is None or high is None:  # load_instrument refuses such a number question
        raise ValueError(f"{question.id}: a number question needs min and max")

    def check(form: FlaskForm, field: Field) -> None:
        text = (field.data or "").translate(_FULL_WIDTH).strip()
        if not text:
            if enforce and question.required:
                raise ValidationError(_required_message(question))
            return
        if text == PREFER_NOT:
            return
        # isdecimal, not isdigit: int() refuses '²'; and no number here needs 10 digits.
        if not (text.isdecimal() and len(text) < 10) or not low <= int(text) <= high:
            raise ValidationError(
                gettext(question.error)
                if question.error
                else gettext(
                    "Enter a whole number from %(min)d to %(max)d.",
                    min=low,
                    max=high,
                )
            )
        field.data = str(int(text))

    return check


def _check_text(question: Question):
    def check(form: FlaskForm, field: Field) -> None:
        if len(field.data or "") > question.max_length:
            raise ValidationError(
                gettext(
                    "Use %(max)d characters or fewer (you have %(count)d).",
                    max=question.max_length,
                    count=len(field.data),
                )
            )

    return check


def answer_field(
    question: Question,
    area_choices: list | None = None,
    enforce_required: bool = True,
    **kwargs: Any,
) -> Field:
    """The WTForms field for one question (unbound), labelled with its text."""
    label = _l(question.text)
    description = _l(question.hint) if question.hint else ""
    common = {"label": label, "description": description, **kwargs}
    if question.type == "multiple":
        checks = [
            _check_required(question, enforce_required),
            _check_choice(set(question.option_ids())),
            _check_exclusive(question),
        ]
        return MultiCheckboxField(
            choices=_choices(question), validate_choice=False, validators=checks, **common
        )
    if question.type == "number":
        return StringField(
            validators=[_check_number(question, enforce_required)],
            render_kw={"inputmode": "numeric", "autocomplete": "off"},
            **common,
        )
    if question.type == "text":
        return TextAreaField(validators=[_check_text(question)], render_kw={"rows": 4}, **common)
    if question.type == "area":
        allowed = {c.value for c in area_choices or []}
        checks = [
            _check_required(question, enforce_required),
            _check_choice(allowed | {"", PREFER_NOT}),
        ]
        return SelectField(
            choices=area_choices or [], validators=checks, validate_choice=False, **common
        )
    checks = [
        _check_required(question, enforce_required),
        _check_choice(set(question.option_ids())),
    ]
    return RadioField(
        choices=_choices(question), validators=checks, validate_choice=False, **common
    )


def postal_code_field(**kwargs: Any) -> Field:
    def check(form: FlaskForm, field: Field) -> None:
        text = (field.data or "").strip()
        code = postal_codes.normalise(text)  # full-width digits, a hyphen, 〒 in front
        if text and code is None:
            raise ValidationError(gettext("Enter a postal code like 573-1191."))
        field.data = code or ""

    return StringField(
        _l("Or your postal code"),
        description=_l("7 digits, for example 573-1191."),
        validators=[check],
        render_kw={"inputmode": "numeric", "autocomplete": "postal-code"},
        **kwargs,
    )
