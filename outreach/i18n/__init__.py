"""Locale from the URL, remembered in a cookie, guessed from Accept-Language, else Japanese."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, abort, current_app, g, request, url_for
from flask_babel import get_translations
from markupsafe import Markup

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


def said(message: str, **variables: Any) -> str:
    """gettext for text drawn where ruby cannot go (charts): readings in やさしい日本語."""
    return unruby(
        get_translations().ugettext(message) % variables
        if variables
        else get_translations().ugettext(message)
    )


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


def switch_url(site_locale: SiteLocale) -> str:
    """The current page in another language (a plain link, so no JavaScript is needed)."""
    endpoint = request.endpoint
    if (
        request.method == "GET"
        and endpoint
        and current_app.url_map.is_endpoint_expecting(endpoint, "lang")
    ):
        # The query string is copied, not passed to url_for: names like `endpoint` or `_scheme`
        # in a visitor's URL must stay query values, not become url_for's own arguments.
        here = url_for(endpoint, **{**(request.view_args or {}), "lang": site_locale.url_code})
        query = urlencode(list(request.args.items(multi=True)))
        return f"{here}?{query}" if query else here
    return url_for("public.home", lang=site_locale.url_code)


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
