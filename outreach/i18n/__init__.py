"""Locale from the URL, remembered in a cookie, guessed from Accept-Language, else Japanese."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, current_app, g, request, url_for
from flask_babel import get_translations, gettext
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from outreach.extensions import babel
from outreach.i18n.catalogs import compiled
from outreach.i18n.locales import BY_URL_CODE, DEFAULT, SiteLocale, from_accept_language
from outreach.i18n.markup import plain, reading, ruby
from outreach.paths import TRANSLATIONS

COOKIE = "outreach_lang"


def preferred_locale() -> SiteLocale:
    """For requests without a language in the URL: cookie, then browser, then Japanese."""
    remembered = BY_URL_CODE.get(request.cookies.get(COOKIE, ""))
    return remembered or from_accept_language(request.accept_languages.values()) or DEFAULT


def current_locale() -> SiteLocale:
    return g.get("site_locale") or preferred_locale()


def unruby(text: str) -> str:
    """Text for where ruby cannot go, readable in the reader's language: in やさしい日本語 the
    readings (kana), elsewhere the words without furigana."""
    return reading(text) if current_locale().babel == "ja@easy" else plain(text)


def furigana(text: str) -> str | Markup:
    """Text written with readings ({漢字|かんじ}), as the reader's language wants it: furigana in
    やさしい日本語, the plain words elsewhere (Japanese readers do not need readings of names)."""
    return ruby(text) if current_locale().babel == "ja@easy" else plain(text)


def said(message: str, **variables: Any) -> str:
    """gettext for text drawn where ruby cannot go (charts): readings in やさしい日本語."""
    return unruby(gettext(message, **variables))


def _select_babel_locale() -> str:
    return current_locale().babel


def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    if values is None or "lang" not in values:
        return
    site_locale = BY_URL_CODE.get(values.pop("lang"))
    if site_locale is None:
        abort(404)
    g.site_locale = site_locale


def _add_lang(endpoint: str, values: dict[str, Any]) -> None:
    if "lang" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = current_locale().url_code


def _remember(response: Response) -> Response:
    chosen = g.get("site_locale")
    if chosen and request.cookies.get(COOKIE) != chosen.url_code:
        response.set_cookie(
            COOKIE,
            chosen.url_code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response


def _this_page_for_language_page() -> str | None:
    """This page's path and query, when it can be shown in another language (a GET page)."""
    endpoint = request.endpoint
    if request.method != "GET" or not endpoint:
        return None
    if not current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        return None
    query = urlencode(list(request.args.items(multi=True)))
    return f"{request.path}?{query}" if query else request.path


def language_page_url() -> str:
    """The header's one-line language link: the page listing every language, which returns here."""
    if request.endpoint == "public.languages":
        here = request.args.get("next")
    else:
        here = _this_page_for_language_page()
    return url_for("public.languages", next=here) if here else url_for("public.languages")


def switch_path(path: str | None, site_locale: SiteLocale) -> str:
    """`path` (a page of this site, with its query) in another language, else that language's
    home page. Only paths this app routes are followed, so the link never leaves the site."""
    home = url_for("public.home", lang=site_locale.url_code)
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return home
    route, _, query = path.partition("?")
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(route, method="GET")
    except HTTPException:  # not found, not a GET page, or a redirect (RequestRedirect)
        return home
    if "lang" not in values or values["lang"] not in BY_URL_CODE:
        return home
    there = url_for(endpoint, **{**values, "lang": site_locale.url_code})
    return f"{there}?{query}" if query else there


def template_gettext(message: str, **variables: Any) -> Markup:
    """Jinja's gettext: the translation is escaped (never trusted as HTML), then furigana."""
    translated = ruby(get_translations().ugettext(message))
    # As in Python's gettext convention, "%" is only special when there are variables.
    return translated % variables if variables else translated


def template_ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
    translated = ruby(get_translations().ungettext(singular, plural, num))
    return translated % {"num": num, **variables}


def init_app(app: Flask, compiled_dir: Path) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled(TRANSLATIONS, compiled_dir))
    babel.init_app(app, locale_selector=_select_babel_locale, default_locale=DEFAULT.babel)
    app.url_value_preprocessor(_pull_lang)
    app.url_defaults(_add_lang)
    app.after_request(_remember)
    # Flask-Babel's template callables trust translations as HTML: outreach.ui replaces them
    # (template_gettext, template_ngettext) with the rest of the templates' globals.
