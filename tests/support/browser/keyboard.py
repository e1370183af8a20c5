"""Moving focus with the keyboard alone, failing with where focus went instead."""

import pytest
from playwright.sync_api import Page

MAX_TABS = 60
_FOCUSED = """([selector, text]) => {
  const el = document.activeElement;
  return el.matches(selector) && (text === null || el.textContent.trim() === text);
}"""
_DESCRIBE = "() => document.activeElement.outerHTML.slice(0, 80)"


def focused(page: Page, selector: str, text: str | None = None) -> bool:
    return page.evaluate(_FOCUSED, [selector, text])


def describe_focus(page: Page) -> str:
    return page.evaluate(_DESCRIBE)


def tab_to(
    page: Page, selector: str, text: str | None = None, key: str = "Tab", limit: int = MAX_TABS
) -> None:
    """Press `key` (Tab or Shift+Tab) until the focused element matches; else fail."""
    visited = []
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, selector, text):
            return
        visited.append(describe_focus(page))
    pytest.fail(
        f"{key} never reached {selector} {text or ''}; focus went to:\n" + "\n".join(visited)
    )
