"""Sign-in and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, ValidationError

from outreach.services.passwords import MIN_LENGTH, problem
from outreach.validation import MaxLength

#: The reasons of services.passwords.problem, in the person's language (zxcvbn's own
#: feedback is English only and never shown).
PASSWORD_PROBLEMS = {
    "too_short": _l("Use at least %(n)d characters.", n=MIN_LENGTH),
    "common": _l("This password is among the most commonly used passwords. Choose another one."),
    "personal": _l("Avoid your name or email address in the password."),
    "pattern": _l(
        "Avoid keyboard patterns, sequences and repeated characters: add another word or two instead."
    ),
    "guessable": _l(
        "This password is easy to guess. Add another word or two; uncommon words are better."
    ),
}


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address.")), MaxLength(254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), MaxLength(200)],
        render_kw={"autocomplete": "current-password"},
    )


class NewPasswordMixin:
    #: Set by the route: the person's email and name, which the password must not contain.
    email_hint = ""
    name_hint = ""

    def validate_new_password(self, field) -> None:
        reason = problem(field.data or "", self.email_hint, self.name_hint)
        if reason:
            raise ValidationError(PASSWORD_PROBLEMS[reason])


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password.")), MaxLength(200)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least %(n)d characters. A few unrelated words work well.", n=MIN_LENGTH),
        validators=[DataRequired(_l("Enter a new password.")), MaxLength(200)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Enter the new password again.")),
            EqualTo("new_password", _l("The two new passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
