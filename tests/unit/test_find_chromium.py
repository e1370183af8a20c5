"""The browser tests find Chromium wherever it is (tests/support/browser/find_chromium.py)."""

from pathlib import Path

import pytest

from tests.support.browser.find_chromium import find_chromium, where_we_looked


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def nowhere(tmp_path, monkeypatch) -> Path:
    """No browser on PATH, none named, an empty Playwright folder."""
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv("OUTREACH_CHROMIUM", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "playwright"))
    return tmp_path


def test_none_found_says_where_it_looked(nowhere):
    assert find_chromium() is None
    assert "chromium-browser" in where_we_looked()
    assert str(nowhere / "playwright") in where_we_looked()


def test_a_browser_on_path_by_any_of_its_names(nowhere):
    found = executable(nowhere / "bin" / "chromium-browser")
    assert find_chromium() == str(found)


def test_playwrights_own_browser_newest_first(nowhere):
    executable(nowhere / "playwright" / "chromium-1100" / "chrome-linux" / "chrome")
    newest = executable(nowhere / "playwright" / "chromium-1200" / "chrome-linux64" / "chrome")
    assert find_chromium() == str(newest)


def test_the_named_browser_wins_and_a_wrong_name_is_said(nowhere, monkeypatch):
    executable(nowhere / "bin" / "chromium")
    named = executable(nowhere / "elsewhere" / "my-chrome")
    monkeypatch.setenv("OUTREACH_CHROMIUM", str(named))
    assert find_chromium() == str(named)
    monkeypatch.setenv("OUTREACH_CHROMIUM", str(nowhere / "missing"))
    assert find_chromium() is None
    assert "is not an executable" in where_we_looked()
