"""All models, imported here so Alembic and the app see the whole schema."""

from outreach.models.area import Area, AreaStatistic
from outreach.models.audit import AuditEvent
from outreach.models.base import Base
from outreach.models.contact import ContactRequest
from outreach.models.kept_form import KeptForm
from outreach.models.sign_in import SignInAttempt
from outreach.models.staff_session import StaffSession
from outreach.models.support import (
    Booking,
    CaseEvent,
    FollowUp,
    LogOutcome,
    SessionHelper,
    SessionLog,
    SupportSession,
)
from outreach.models.survey import SurveyDraft, SurveyResponse
from outreach.models.tally import SurveyTally, SurveyUncounted
from outreach.models.two_step import RecoveryCode
from outreach.models.user import User
from outreach.models.versions import DataVersion

# The stored codes live in outreach.vocabulary (importable by routes); re-exported for services.
from outreach.vocabulary import Channel, Format, Measure, Outcome, Role

__all__ = [
    "Area",
    "AreaStatistic",
    "AuditEvent",
    "Base",
    "Booking",
    "CaseEvent",
    "Channel",
    "ContactRequest",
    "DataVersion",
    "FollowUp",
    "Format",
    "KeptForm",
    "LogOutcome",
    "Measure",
    "Outcome",
    "RecoveryCode",
    "Role",
    "SessionHelper",
    "SessionLog",
    "SignInAttempt",
    "StaffSession",
    "SupportSession",
    "SurveyDraft",
    "SurveyResponse",
    "SurveyTally",
    "SurveyUncounted",
    "User",
]
