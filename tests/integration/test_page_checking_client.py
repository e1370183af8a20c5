"""The test client fails a test on a status it was not told to expect, naming page and status."""

import pytest

from tests.support.client import NOT_A_SERVER_ERROR


def test_a_page_is_expected_to_answer_200(client):
    with pytest.raises(AssertionError, match=r"GET /en/no-such-page: expected HTTP 200, got 404"):
        client.get("/en/no-such-page")


def test_a_redirect_is_not_a_page(client):
    with pytest.raises(AssertionError, match=r"GET /en/workspace: expected HTTP 200, got 302: /"):
        client.get("/en/workspace")


def test_the_expected_status_passes_and_any_other_fails(client):
    assert client.get("/en/workspace", expect=302).headers["Location"].startswith("/en/login")
    with pytest.raises(AssertionError, match="expected HTTP 404, got 302"):
        client.get("/en/workspace", expect=404)


def test_redirects_followed_are_judged_by_the_last_page(client):
    assert client.get("/en/workspace", follow_redirects=True).request.path == "/en/login"
    with pytest.raises(
        AssertionError, match=r"GET /en/login\?next=\S+: expected HTTP 302, got 200"
    ):
        client.get("/en/workspace", follow_redirects=True, expect=302)


def test_a_set_of_statuses_still_fails_outside_it(client):
    client.get("/en/no-such-page", expect=NOT_A_SERVER_ERROR)
    with pytest.raises(AssertionError, match="expected HTTP range"):
        client.get("/en/no-such-page", expect=range(200, 400))
