"""The QR code an authenticator app scans, drawn on the server as inline SVG (no script)."""

import segno
from markupsafe import Markup


def qr_svg(uri: str, title: str) -> Markup:
    """`uri` as an SVG QR code; `title` names it for assistive technology."""
    code = segno.make(uri, error="m")
    # A white background keeps it scannable under a dark theme; segno escapes the title.
    svg = code.svg_inline(scale=4, light="#fff", title=title, svgclass="qr-code")
    return Markup(svg)  # noqa: S704 - segno's own SVG; the only text in it is escaped


def grouped(secret: str, size: int = 4) -> str:
    """ "ABCD EFGH …": the secret in groups, for typing it into an app by hand."""
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))
