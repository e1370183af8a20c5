"""Single sign-on with the city's directory (OpenID Connect, Authlib): who may sign in, with which
role, and whether the directory already did two-step sign-in.

Roles follow the directory at every sign-in: a person moved out of the coordinators' group signs
in as what they are now. A person in no mapped group is refused, naming their groups.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

from outreach.vocabulary import Role

#: Strongest first: someone in two groups gets the stronger role.
_ORDER = (Role.ADMIN, Role.COORDINATOR, Role.STAFF, Role.VOLUNTEER)


class DirectoryError(ValueError):
    """Why the directory's answer cannot sign anyone in: "no_group", "no_email", "no_mfa"."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def role_groups(setting: str) -> dict[str, str]:
    """`admin=g1,staff=g2` → {"g1": "admin", "g2": "staff"}; an unknown role stops the app."""
    found = {}
    for pair in filter(None, (p.strip() for p in setting.split(","))):
        role, _, group = pair.partition("=")
        if role.strip() not in {r.value for r in Role} or not group.strip():
            raise ValueError(
                f"OIDC_ROLE_GROUPS: {pair!r} is not role=group (roles: admin, staff, coordinator, volunteer)"
            )
        found[group.strip()] = role.strip()
    return found


def role_for(groups: Iterable[str], mapping: Mapping[str, str]) -> str | None:
    roles = {mapping[g] for g in groups if g in mapping}
    return next((r.value for r in _ORDER if r.value in roles), None)


def groups_of(claims: Mapping[str, Any], claim: str) -> list[str]:
    value = claims.get(claim) or []
    return [value] if isinstance(value, str) else [str(g) for g in value]


def used_two_step(claims: Mapping[str, Any], accepted: str) -> bool:
    """The ID token's `amr` (RFC 8176) names a second factor the city accepts."""
    wanted = {v.strip() for v in accepted.split(",") if v.strip()}
    amr = claims.get("amr") or []
    return bool(wanted & set([amr] if isinstance(amr, str) else amr))


def enabled(app: Flask) -> bool:
    return bool(app.config.get("OIDC_ISSUER"))


def init_app(app: Flask) -> None:
    """Register the directory when OIDC_ISSUER is set; check the group mapping at start-up."""
    if not enabled(app):
        return
    app.extensions["outreach_role_groups"] = role_groups(app.config["OIDC_ROLE_GROUPS"])
    # One registry per app: Authlib keeps the clients it made, so a shared one would hold on
    # to the first app's directory.
    oauth = OAuth(app)
    oauth.register(
        "directory",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{app.config['OIDC_ISSUER']}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile"},
    )
    app.extensions["outreach_directory"] = oauth.create_client("directory")


def client() -> Any:
    """This app's client of the city's directory (only when `enabled`)."""
    return current_app.extensions["outreach_directory"]
