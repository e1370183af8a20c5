"""Every registered endpoint × every role: the expected allow or deny.

The table below is the decision; a new route without a row here fails `test_every_route_has_a_decision`.
"""

import pytest

from outreach.access import allowed_roles

ANON, ADMIN, STAFF, COORD, VOL = "anonymous", "admin", "staff", "coordinator", "volunteer"
EVERYONE = {ANON, ADMIN, STAFF, COORD, VOL}
SIGNED_IN = {ADMIN, STAFF, COORD, VOL}

#: endpoint -> (method, roles allowed)
EXPECTED = {
    "static": ("GET", EVERYONE),
    "favicon": ("GET", EVERYONE),
    "public.root": ("GET", EVERYONE),
    "public.home": ("GET", EVERYONE),
    "public.accessibility": ("GET", EVERYONE),
    "public.healthz": ("GET", EVERYONE),
    "public.workspace": ("GET", SIGNED_IN),
    "auth.login": ("GET", EVERYONE),
    "auth.logout": ("POST", SIGNED_IN),
    "auth.change_password": ("GET", SIGNED_IN),
    "admin.user_list": ("GET", {ADMIN}),
    "admin.user_new": ("GET", {ADMIN}),
    "admin.user_edit": ("GET", {ADMIN}),
    "admin.user_reset_password": ("POST", {ADMIN}),
    "admin.audit_log": ("GET", {ADMIN}),
    "areas.area_list": ("GET", {ADMIN, STAFF, COORD}),
    "areas.area_detail": ("GET", {ADMIN, STAFF, COORD}),
    "survey.start": ("GET", EVERYONE),
    "survey.begin": ("POST", EVERYONE),
    "survey.question": ("GET", EVERYONE),
    "survey.resume": ("GET", EVERYONE),
    "survey.check": ("GET", EVERYONE),
    "survey.submit": ("POST", EVERYONE),
    "survey.thanks": ("GET", EVERYONE),
    "survey.help_page": ("GET", EVERYONE),
    "survey.paper": ("GET", EVERYONE),
    "survey.assist": ("GET", {VOL, COORD, ADMIN}),
    "contact.contact": ("GET", EVERYONE),
    "entry.new": ("GET", {VOL, COORD, ADMIN}),
    "followups.queue": ("GET", {COORD, VOL}),
    "followups.assign": ("POST", {COORD}),
    "followups.close": ("POST", {COORD, VOL}),
    "help_sessions.listing": ("GET", EVERYONE),
    "help_sessions.ical": ("GET", EVERYONE),
    "sessions.manage": ("GET", {COORD, VOL}),
    "sessions.new": ("GET", {COORD, VOL}),
    "sessions.edit": ("GET", {COORD, VOL}),
    "sessions.cancel": ("POST", {COORD, VOL}),
    "logs.new": ("GET", {COORD, VOL}),
    "logs.saved": ("GET", {COORD, VOL}),
    "logs.listing": ("GET", {COORD, VOL}),
    "logs.edit": ("GET", {COORD, VOL}),
    "logs.export": ("GET", {COORD}),
    "logs.summary": ("GET", {ADMIN, STAFF, COORD}),
    "plotly_js": ("GET", EVERYONE),
    "insights.dashboard": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_csv": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_xlsx": ("GET", {ADMIN, STAFF, COORD}),
    "insights.export_geojson": ("GET", {ADMIN, STAFF, COORD}),
    "insights.priorities_csv": ("GET", {ADMIN, STAFF, COORD}),
    "transparency.page": ("GET", EVERYONE),
    "transparency.report": ("GET", EVERYONE),
    "transparency.method": ("GET", EVERYONE),
    "transparency.open_data_csv": ("GET", EVERYONE),
    "transparency.data_dictionary": ("GET", EVERYONE),
}
ROLES = sorted(EVERYONE)


def test_every_route_has_a_decision(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(EXPECTED), "add new routes to EXPECTED (and decide their roles)"


def test_code_matches_the_table(app):
    for endpoint, (_method, roles) in EXPECTED.items():
        assert allowed_roles(app, endpoint) == roles, endpoint


def _url(app, endpoint: str, target_user_id: int) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    samples = {
        "lang": "en",
        "user_id": target_user_id,
        "code": "T001",
        "filename": "css/site.css",
        "question_id": "internet_use",
        "follow_up_id": 1,
        "session_id": 1,
        "log_id": 1,
    }
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{arg: samples[arg] for arg in rule.arguments})


@pytest.fixture
def target(make_user, app):
    from outreach.services.area_import import apply_import, plan_import
    from tests.integration.test_area_import import tiny_files

    apply_import(plan_import(*tiny_files()), synthetic=True)
    from outreach.extensions import db

    db.session.commit()
    return make_user("volunteer", email="target@test.example.jp")


@pytest.mark.parametrize("role", ROLES)
def test_route_matrix(app, client, login, target, role):
    if role != ANON:
        login(role)
    failures = []
    for endpoint, (method, allowed) in EXPECTED.items():
        if endpoint == "auth.logout":
            continue  # signing out would end the session for the rest of the loop
        url = _url(app, endpoint, target.id)
        response = client.open(url, method=method, data={} if method == "POST" else None)
        denied = response.status_code == 403 or (
            response.status_code == 302 and "/login" in response.headers["Location"]
        )
        response.close()
        if (role in allowed) == denied:
            failures.append(f"{method} {url}: {response.status_code} for {role}")
    assert not failures


@pytest.mark.parametrize("role", ROLES)
def test_logout_access(client, login, role):
    if role != ANON:
        login(role)
    response = client.post("/en/logout")
    expected = "/en/" if role != ANON else "/login"
    assert response.status_code == 302
    assert expected in response.headers["Location"]
