"""What arrives from browsers, cleaned once, before any form, view or query reads it.

People paste names and notes from e-mails, PDFs and chat apps, and scripts send anything. So every
form value and query-string value is cleaned here, for every field at once:

- control characters (C0 and C1: NUL, escape sequences …) are removed, except tab and newline;
  CR LF and a lone CR become a newline (browsers send CR LF from text areas). PostgreSQL refuses
  NUL in text, and none of these characters means anything to a reader.
- bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed.
  None of our languages is written right to left, and in a name or a note they make text read
  differently from what is stored ("Trojan Source"). The plain marks U+200E/U+200F stay.

Raw bytes in a query string (browsers percent-encode them; scripts may not) are percent-encoded
before anything reads it.

Three kinds of request are refused with a page in the reader's language: a URL whose path values
hold a control character ("Page not found"), and a POST whose body is not a browser form (JSON,
plain text …: "The request could not be understood"), and one with more fields than
MAX_FORM_PARTS (413, as Werkzeug answers a multipart body with too many parts). Ids in URLs are bounded, so that an id
larger than the database can hold is "Page not found" rather than an error.
"""

import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, Request, abort, current_app, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RAW_BYTE = re.compile(rb"[\x80-\xff]")
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
#: The largest value of an INTEGER column (PostgreSQL and SQLite agree on 32 bits being safe).
MAX_ID = 2**31 - 1


def clean_text(value: str) -> str:
    """Text without control characters (tab and newline kept) or bidirectional overrides."""
    return UNWANTED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def positive_int(text: str) -> int:
    """An id or a page number sent in a form or query: ASCII digits, at most MAX_ID.

    ValueError otherwise, so `request.args.get(name, type=positive_int)` gives the default.
    """
    if not (text.isascii() and text.isdecimal() and len(text) < 11) or not 0 < int(text) <= MAX_ID:
        raise ValueError(f"not an id: {text!r}")
    return int(text)


def _cleaned(pairs: Any) -> Iterable[tuple[Any, Any]]:
    if pairs is None:
        return []
    items = pairs.items(multi=True) if hasattr(pairs, "items") else pairs
    return [
        (clean_text(k) if isinstance(k, str) else k, clean_text(v) if isinstance(v, str) else v)
        for k, v in items
    ]


class CleanedMultiDict(ImmutableMultiDict):
    """Query and form values, cleaned as they are parsed (uploaded files are left alone)."""

    def __init__(self, mapping: Any = None) -> None:
        super().__init__(_cleaned(mapping))


class CleanedRequest(Request):
    """Flask's request, with query and form values cleaned as they are parsed."""

    parameter_storage_class = CleanedMultiDict

    def __init__(self, environ: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(environ, *args, **kwargs)
        # Browsers percent-encode the query; scripts may send raw bytes, which Werkzeug then
        # fails to decode on every page (the language links read the query string).
        self.query_string = RAW_BYTE.sub(lambda m: b"%%%02X" % m.group()[0], self.query_string)


class DatabaseId(IntegerConverter):
    """`<int:…>` in URLs: a number no row can have is "not found", not a database error."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def _refuse_what_cannot_be_read() -> None:
    # After the URL's language is known (url_value_preprocessor), so the page is in it.
    values = (request.view_args or {}).values()
    if any(isinstance(v, str) and UNWANTED.search(v) for v in values):
        abort(404)
    if request.method == "POST" and request.mimetype and request.mimetype not in FORM_TYPES:
        abort(415)
    if request.mimetype == "application/x-www-form-urlencoded" and _too_many_fields():
        abort(413)


def _too_many_fields() -> bool:
    """Werkzeug counts MAX_FORM_PARTS in multipart bodies only. A URL-encoded body is counted
    here, by its separators, before anything parses it: 100,000 fields cost a parse, a clean
    and a CSRF check each, seconds of a worker's time. (The body is already at most
    MAX_CONTENT_LENGTH, and is kept for the form parser.)"""
    body = request.get_data(cache=True)
    return body.count(b"&") >= current_app.config["MAX_FORM_PARTS"]


def init_app(app: Flask) -> None:
    """Call before routes are registered (the id converter) and before CSRF (its check)."""
    app.request_class = CleanedRequest
    app.url_map.converters["int"] = DatabaseId
    app.before_request(_refuse_what_cannot_be_read)
