"""Read every HTML response the way an assistive technology would, and fail on what would trip it."""

import re

from bs4 import BeautifulSoup

LABELLED_BY_ATTRIBUTE = ("aria-label", "aria-labelledby")
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def text_without_ruby(element) -> str:
    """Visible text with furigana readings (<rt>) left out, whitespace folded."""
    clone = BeautifulSoup(str(element), "html.parser")
    for rt in clone.find_all("rt"):
        rt.decompose()
    return " ".join(clone.get_text().split())


def _has_label(label_targets: set[str], control) -> bool:
    if any(control.get(attr) for attr in LABELLED_BY_ATTRIBUTE):
        return True
    if control.find_parent("label"):
        return True
    control_id = control.get("id")
    return bool(control_id and control_id in label_targets)


RAW_FURIGANA = re.compile(r"\{[^{}|]+\|[^{}|]+\}")


def problems(html: str, csrf: bool = True) -> list[str]:
    """Everything wrong with a page that every page must get right."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    raw = RAW_FURIGANA.search(soup.get_text())
    if raw:
        found.append(f"furigana markup shown as text: {raw.group(0)!r}")
    if not (soup.html and soup.html.get("lang")):
        found.append("<html> has no lang")
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        found.append(f"expected one h1, found {len(h1s)}")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    if h1s and not _title_starts_with(title, text_without_ruby(h1s[0])):
        found.append(f"<title> {title!r} does not start with the h1 {text_without_ruby(h1s[0])!r}")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        found.append(f"duplicate ids: {sorted(duplicates)}")
    # Collected once: looking each control's label up in the whole page is slow on long forms.
    label_targets = {label.get("for") for label in soup.find_all("label") if label.get("for")}
    for control in soup.select("input, select, textarea"):
        if control.name == "input" and control.get("type", "text") in UNLABELLED_TYPES:
            continue
        if not _has_label(label_targets, control):
            found.append(f"unlabelled control: {control}")
    for form in soup.find_all("form") if csrf else []:
        if form.get("method", "get").lower() == "post" and not form.find(
            "input", attrs={"name": "csrf_token"}
        ):
            found.append(f"POST form without CSRF token: action={form.get('action')!r}")
    return found


def _title_starts_with(title: str, h1: str) -> bool:
    """True when the title starts with the h1, after at most a translated "Error:" word."""
    without_prefix = title.split(" ", 1)[1] if " " in title else ""
    return title.startswith(h1) or without_prefix.startswith(h1)
