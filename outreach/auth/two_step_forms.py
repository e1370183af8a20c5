"""Forms of two-step sign-in: the app's code, a recovery code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Regexp

from outreach.validation import MaxLength


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("The 6 digits the app shows now for Outreach."),
        validators=[
            DataRequired(_l("Enter the 6-digit code from your authenticator app.")),
            MaxLength(20),
            # Spaces are allowed: some apps show "123 456".
            Regexp(r"^\s*(\d\s*){6}$", message=_l("Enter the code as 6 digits, like 123456.")),
        ],
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
        },
    )


class RecoveryForm(FlaskForm):
    recovery_code = StringField(
        _l("Recovery code"),
        description=_l(
            "One of the codes you kept when you turned on two-step sign-in, like ABCDE-FGH23. Each works once."
        ),
        validators=[DataRequired(_l("Enter one of your recovery codes.")), MaxLength(40)],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
