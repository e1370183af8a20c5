"""Forms an administrator uses to manage accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email

from outreach.validation import MaxLength
from outreach.vocabulary import Role

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator: manages accounts"),
    Role.STAFF: _l("Policy staff: sees figures and publishes them"),
    Role.COORDINATOR: _l("Coordinator: runs volunteers and follow-ups"),
    Role.VOLUNTEER: _l("Volunteer: helps residents and logs sessions"),
}


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()]


class UserForm(FlaskForm):
    display_name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter the person's name.")), MaxLength(100)],
    )
    role = RadioField(
        _l("Role"),
        choices=role_choices(),
        validators=[DataRequired(_l("Choose a role."))],
        invalid_choice_message=_l("Choose a role."),
    )


class NewUserForm(UserForm):
    email = EmailField(
        _l("Email address"),
        description=_l("The person signs in with this address."),
        validators=[
            DataRequired(_l("Enter an email address.")),
            Email(_l("Enter an email address like name@example.jp.")),
            MaxLength(254),
        ],
    )


class EditUserForm(UserForm):
    active = BooleanField(_l("Account is active (the person can sign in)"))
