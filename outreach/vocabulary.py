"""The codes the app stores and shares between its layers: roles, channels, session formats and
outcomes, population figures, age bands. Pure: no Flask, no database.

Models store these values and routes, forms and presenters compare with them, so they live here
rather than in outreach.models (which routes may not import). Their names in the reader's
language are in outreach.labels.
"""

from enum import StrEnum


class Role(StrEnum):
    """Staff and volunteer accounts' roles. Residents never have an account."""

    ADMIN = "admin"
    STAFF = "staff"  # policy staff: aggregates and publishing
    COORDINATOR = "coordinator"  # runs volunteers and follow-ups
    VOLUNTEER = "volunteer"


#: Roles that must use two-step sign-in: they can read residents' contact details (coordinators)
#: or give themselves any access (administrators). Others may turn it on for themselves.
TWO_STEP_REQUIRED = frozenset({Role.ADMIN, Role.COORDINATOR})


class Channel(StrEnum):
    """How a survey response came in."""

    WEB = "web"  # the resident alone, on the web
    ASSISTED = "assisted"  # a volunteer helps in person
    PAPER = "paper"  # keyed in from a paper form
    PHONE = "phone"  # answered by phone with a volunteer
    OFFLINE = (
        "offline"  # collected door to door in ODK Collect or KoboCollect, loaded from its export
    )


#: Every channel, in the order figures and open data list them.
CHANNELS: tuple[str, ...] = tuple(Channel)


class Format(StrEnum):
    """What kind of help a support session offers."""

    HELP_DESK = "help_desk"
    CLASS = "class"
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    ONLINE = "online"


class Outcome(StrEnum):
    """What became of one topic in a logged session."""

    RESOLVED = "resolved"
    PARTLY = "partly"
    REFERRED = "referred"


class CaseStatus(StrEnum):
    """Where a follow-up stands. DONE and NO_CONTACT are closed."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NO_CONTACT = "no_contact"  # closed: the person could not be reached


class CaseOutcome(StrEnum):
    """How a follow-up ended, recorded when it is closed."""

    RESOLVED = "resolved"
    REFERRED = "referred"
    DECLINED = "declined"
    NO_CONTACT = "no_contact"


class CaseSource(StrEnum):
    """Where a follow-up came from."""

    LOG = "log"  # a volunteer flagged it after a session
    SURVEY = "survey"  # a resident asked to be contacted in the survey


class Measure(StrEnum):
    """The population figures kept per area; each is a CSV column in `areas import`."""

    POP_0_14 = "pop_0_14"
    POP_15_64 = "pop_15_64"
    POP_65_74 = "pop_65_74"
    POP_75_PLUS = "pop_75_plus"
    HOUSEHOLDS = "households"
    ONE_PERSON_65_PLUS = "one_person_households_65_plus"
    FOREIGN_RESIDENTS = "foreign_residents"
