"""Free text in session logs must not hold personal details. Pure: no Flask."""

import re

# Japanese phone numbers: 0 then 9–10 more digits, with optional hyphens, spaces or brackets.
_PHONE = re.compile(r"(?<!\d)0\d{1,4}[-\s()（）ー－]*\d{1,4}[-\s()（）ー－]*\d{3,4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# My Number: 12 digits, possibly in groups of four.
_MY_NUMBER = re.compile(r"(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
# Full-width digits and the many dashes a Japanese keyboard or a copied text may contain.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＠．－−‐‑–—ー（）", "0123456789@.-------()")


def personal_detail(text: str) -> str | None:
    """'my_number', 'phone' or 'email' when the text seems to contain one, else None."""
    plain = (text or "").translate(_FULL_WIDTH)
    if _MY_NUMBER.search(plain):
        return "my_number"
    if _PHONE.search(plain):
        return "phone"
    if _EMAIL.search(plain):
        return "email"
    return None
