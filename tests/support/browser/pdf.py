"""Pages printed to PDF by Chromium."""

import re

#: A4 at 96 dpi: 210 mm wide, 297 mm high.
A4_VIEWPORT = {"width": 794, "height": 1123}
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """Page objects in the PDF (`/Type /Page`, not the `/Type /Pages` tree nodes)."""
    return len(_PAGE_OBJECT.findall(pdf))
