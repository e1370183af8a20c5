"""One-time form keys: exactly once for forms that make something.

A form page carries a random key in a hidden field; what the form makes is stored with the key's
hash in a unique column. The same form sent twice (a double click, the back button and "Save"
again, a retried request) finds what the first sending made instead of making a copy, and two
sendings racing each other meet at the unique constraint.
"""

import hashlib


def key_for(form_key: str) -> str:
    """The stored form of a key (64 hex characters): the key itself is never kept."""
    return hashlib.sha256(form_key.encode()).hexdigest()
