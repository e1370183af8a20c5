"""Pieces every form shares, so that every message is ours: in the reader's language, saying what
to do. WTForms' own messages ("Field cannot be longer than 100 characters.", "Not a valid integer
value.") are English in Vietnamese and Nepali, and name neither the field nor the way out.

Choice fields take their message through WTForms' `invalid_choice_message`, in each form.
"""

from typing import Any

from flask_babel import gettext
from wtforms import DateField, IntegerField
from wtforms.validators import Length, ValidationError


class MaxLength(Length):
    """At most `max` characters; the browser is told too (the `maxlength` attribute)."""

    def __init__(self, max: int) -> None:
        super().__init__(max=max)

    def __call__(self, form: Any, field: Any) -> None:
        count = len(field.data or "")
        if count > self.max:
            raise ValidationError(
                gettext(
                    "Use %(max)d characters or fewer (you have %(count)d).",
                    max=self.max,
                    count=count,
                )
            )


class WholeNumberField(IntegerField):
    """A whole number whose unreadable input is left to the field's NumberRange message.

    IntegerField would add "Not a valid integer value." beside it: English, and twice the
    same news. The text typed stays in the field, to be corrected.
    """

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


class DayField(DateField):
    """A date whose unreadable input gets our message, in the reader's language, instead of
    WTForms' English "Not a valid date value."; the text typed stays in the field."""

    unreadable = False

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not "".join(valuelist).strip():
            self.data = None  # nothing typed: for the field's own validators to judge
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data, self.unreadable = None, True

    def pre_validate(self, form: Any) -> None:
        if self.unreadable:
            raise ValidationError(gettext("Enter the date as year-month-day, like 2026-12-24."))
