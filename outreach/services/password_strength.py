"""How guessable a new password is, with zxcvbn (a strength estimator that knows about 30,000
of the most used passwords, common words and names, keyboard patterns, sequences and dates).

zxcvbn's own feedback is English only, so the reasons here are short codes that the forms turn
into sentences in the person's language.
"""

import re
from collections.abc import Sequence
from typing import Any

from zxcvbn import zxcvbn

#: zxcvbn scores 0-4. 3 is "safely unguessable" (about 10^8 guesses or more): enough against an
#: attacker who is slowed down by sign-in delays, and what a few unrelated words reach.
MIN_SCORE = 3
#: zxcvbn refuses longer input (its work grows with length); the first 72 characters decide.
_ESTIMATE_CHARACTERS = 72
#: Words anyone guessing a password for this site tries first.
_SITE_WORDS = ("hirakata", "hirakatashi", "outreach", "枚方", "枚方市")
#: Parts of a name or email shorter than this are too common inside ordinary words to refuse.
_PERSONAL_MIN = 4
_PATTERNS = {"spatial", "sequence", "repeat"}


def personal_words(email: str = "", name: str = "") -> list[str]:
    """The person's email, its local part and the pieces of it and of their name."""
    local = email.split("@")[0]
    pieces = re.split(r"[\W_\d]+", f"{local} {name}")
    return [word.lower() for word in (email, local, *pieces) if len(word) >= _PERSONAL_MIN]


def weakness(password: str, email: str = "", name: str = "") -> str | None:
    """Why zxcvbn finds `password` guessable: "common" (one of the most used passwords),
    "personal" (the person's name or email), "pattern" (keyboard rows, sequences, repeats) or
    "guessable" (anything else scoring under MIN_SCORE); None when it is strong enough."""
    personal = personal_words(email, name)
    if any(word in password.lower() for word in personal):
        return "personal"  # zxcvbn can still score "hanako.yamada2024" as strong
    result = zxcvbn(password[:_ESTIMATE_CHARACTERS], user_inputs=[*personal, *_SITE_WORDS])
    sequence = result["sequence"]
    if _is_common(sequence):
        return "common"
    if result["score"] >= MIN_SCORE:
        return None
    if any(match.get("matched_word") in personal for match in sequence):
        return "personal"
    if any(match["pattern"] in _PATTERNS for match in sequence):
        return "pattern"
    return "guessable"


def _is_common(sequence: Sequence[Any]) -> bool:
    """The whole password is on zxcvbn's list of commonly used passwords."""
    return len(sequence) == 1 and sequence[0].get("dictionary_name") == "passwords"
