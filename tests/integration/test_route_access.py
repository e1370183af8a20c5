"""Every registered endpoint × every role: the expected allow or deny.

The table below is the decision; a new route without a row here fails `test_every_route_has_a_decision`.
"""

import pytest

from outreach.access import allowed_roles
from tests.support.client import NOT_A_SERVER_ERROR
from tests.support.route_access import ANON, EXPECTED, ROLES


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
        "booking_code": "ABCD2345",
    }
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **{arg: samples[arg] for arg in rule.arguments})


@pytest.fixture
def target(make_user, app):
    from outreach.services.area_import import apply_import, plan_import
    from tests.support.areas import tiny_files

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
        data = {} if method == "POST" else None
        # Allowed routes answer 200, redirect or refuse empty input; the loop judges each status.
        response = client.open(url, method=method, data=data, expect=NOT_A_SERVER_ERROR)
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
    response = client.post("/en/logout", expect=302)
    expected = "/en/" if role != ANON else "/login"
    assert expected in response.headers["Location"]


#: What a page may write while it is read: the audit log of who looked at residents' details
#: (an access record the city must keep, not a change to the data), and a staff session's last
#: activity (at most once a minute: the idle sign-out needs it).
READ_RECORDS = ("audit_events", "staff_sessions")


@pytest.mark.parametrize("role", ROLES)
def test_pages_only_read(app, client, login, target, role):
    """Every GET, in every role, writes nothing to the database but the access record."""
    from sqlalchemy import event

    from outreach.extensions import db

    if role != ANON:
        login(role)
    written: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        words = statement.split()
        if words[0].upper() in {"INSERT", "UPDATE", "DELETE"} and not any(
            table in statement.split("(")[0] for table in READ_RECORDS
        ):
            written.append(f"{url}: {' '.join(words[:4])}")

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for endpoint, (method, _allowed) in EXPECTED.items():
            if method == "GET":
                url = _url(app, endpoint, target.id)
                client.get(url, expect=NOT_A_SERVER_ERROR).close()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert written == []
