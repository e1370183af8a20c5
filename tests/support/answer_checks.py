"""What a kind answer to bad input looks like: the answers given are shown again, messages are
in the reader's language, error pages are pages, and markup sent comes back as text."""

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from wtforms.i18n import messages_path

from outreach.i18n.locales import BY_URL_CODE
from outreach.paths import TRANSLATIONS
from outreach.request_input import clean_text
from tests.support.fuzz import Control, FormSpec, controls_of

TEXT_KINDS = {"text", "email", "number", "tel", "search", "url", "date", "time", "textarea"}
CHOICE_KINDS = {"radio", "select", "checkboxes"}


#: The markup probes as they would appear if a page echoed them unescaped.
LIVE_MARKUP = (b"<script>alert(1)", b"<img src=x onerror")


def live_markup(response) -> list[str]:
    """Markup sent in a field or query that came back as markup, not as text."""
    if response.mimetype != "text/html":
        return []
    return [f"live markup: {m!r}" for m in LIVE_MARKUP if m in response.data]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FULL_WIDTH = str.maketrans("０１２３４５６７８９－ー", "0123456789--")


def _understood(text: str) -> str:
    """A number or postal code as the app normalises it once it is valid."""
    plain = text.translate(_FULL_WIDTH).strip().replace("-", "")
    return str(int(plain)) if plain.isdecimal() and len(plain) < 30 else plain


def _shown(element) -> str:
    if element.name == "textarea":
        return element.get_text().removeprefix("\r\n").removeprefix("\n")
    return element.get("value", "")


def _same_form(spec: FormSpec, page: BeautifulSoup):
    names = {n for n, c in spec.controls.items() if c.kind in TEXT_KINDS | CHOICE_KINDS}
    for form in page.find_all("form"):
        if (form.get("method") or "get").lower() == "post" and names <= set(controls_of(form)):
            return form
    return None


def kept_problems(spec: FormSpec, sent: dict[str, list[str]], page: BeautifulSoup) -> list[str]:
    """Answers given that the re-shown form lost (passwords are never shown again, by design)."""
    form = _same_form(spec, page)
    if form is None:
        return [f"the form is not shown again with its errors: {spec}"]
    problems = []
    for name, control in spec.controls.items():
        values = [clean_text(v) for v in sent.get(name, [])]
        if not values or control.unseen:
            continue
        if control.kind in TEXT_KINDS:
            element = form.find(attrs={"name": name})
            # A date or time is read from all its values joined (WTForms: split inputs).
            joined = " ".join(values) if control.kind in {"date", "time"} else values[0]
            shown, wanted = _newlines(_shown(element)), _newlines(joined)
            if shown != wanted and shown != _understood(wanted):
                problems.append(f"{name}: sent {wanted[:80]!r}, shown {shown[:80]!r}")
        elif control.kind in CHOICE_KINDS:
            problems += _choice_kept(form, control, values)
    return problems


def _choice_kept(form, control: Control, values: list[str]) -> list[str]:
    if not set(values) <= set(control.options):
        return []  # an unknown option cannot be shown as chosen
    if control.kind == "select":
        chosen = [
            o.get("value")
            for o in form.select(f'select[name="{control.name}"] option')
            if o.has_attr("selected")
        ]
    else:
        chosen = [
            i.get("value")
            for i in form.find_all("input", attrs={"name": control.name})
            if i.has_attr("checked")
        ]
    wanted = set(values) if control.kind == "checkboxes" else {values[0]}
    if set(chosen) != wanted:
        return [f"{control.name}: chose {sorted(wanted)}, shown {sorted(chosen)}"]
    return []


def _pattern(msgid: str) -> re.Pattern | None:
    """A message as a regular expression; None when too short to tell a language apart."""
    literal = re.sub(r"%\(\w+\)[sd]|%[sd]", "", msgid)
    if len(re.findall(r"[A-Za-z]", literal)) < 8:
        return None
    parts = re.split(r"(%\(\w+\)[sd]|%[sd])", msgid)
    body = "".join(".+?" if p.startswith("%") else re.escape(p) for p in parts)
    return re.compile(body, re.S)


@cache
def english_messages(babel_locale: str) -> tuple[re.Pattern, ...]:
    """English sentences that must not show in this locale: ours (unless kept the same on
    purpose, like a brand name) and the built-in messages of WTForms."""
    ours = _catalog(TRANSLATIONS / "messages.pot")
    translated = _catalog(TRANSLATIONS / babel_locale / "LC_MESSAGES" / "messages.po")
    english = [m for m in ours if translated.get(m) != m]
    english += list(_catalog(Path(messages_path()) / "wtforms.pot"))
    return tuple(p for p in map(_pattern, english) if p)


def _catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for msgid, msgstr in zip(ids, strings, strict=False):
            entries[msgid] = msgstr
    return entries


def _messages(page: BeautifulSoup) -> list[str]:
    found = page.select(".error-summary li, .error-message, .error-summary h2")
    texts = []
    for element in found:
        for hidden in element.select(".visually-hidden"):
            hidden.decompose()
        texts.append(" ".join(element.get_text().split()))
    return texts


def english_problems(page: BeautifulSoup, lang: str) -> list[str]:
    """Error messages of a page that are still in English although the reader chose `lang`."""
    site_locale = BY_URL_CODE[lang]
    if site_locale.babel == "en":
        return []
    problems = []
    if page.html is None or page.html.get("lang") != site_locale.html_lang:
        problems.append(f"<html lang> is not {site_locale.html_lang}")
    patterns = english_messages(site_locale.babel)
    for text in _messages(page):
        if any(p.fullmatch(text) for p in patterns):
            problems.append(f"English message in {lang}: {text!r}")
    return problems


def error_page_problems(response, lang: str) -> list[str]:
    """An error page (4xx) is a page in the reader's language, with its heading translated."""
    if response.mimetype != "text/html":
        return [f"{response.status_code} answered with {response.mimetype}, not a page"]
    page = soup(response)
    site_locale = BY_URL_CODE[lang]
    if site_locale.babel == "en" or page.h1 is None:
        return [] if page.h1 else ["error page without a heading"]
    heading = " ".join(page.h1.get_text().split())
    if any(p.fullmatch(heading) for p in english_messages(site_locale.babel)):
        return [f"error page heading in English for {lang}: {heading!r}"]
    return []
