"""Sign-in and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, ValidationError

from outreach.services.passwords import MIN_LENGTH, problem
from outreach.validation import MaxLength

PASSWORD_PROBLEMS = {
    "too_short": _l("Use at least %(n)d characters.", n=MIN_LENGTH),
    "too_common": _l("This password is too easy to guess. Choose a longer, less common one."),
    "contains_email": _l("Do not use your email name in the password."),
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
    def validate_new_password(self, field) -> None:
        reason = problem(field.data or "", getattr(self, "email_hint", ""))
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
