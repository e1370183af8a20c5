"""Japanese postal codes as residents type them, and the town names Japan Post gives each one.

Pure: no Flask, no database. The table is `outreach/demo/data/hirakata-postal-codes.csv`
(derived from Japan Post's data by scripts/derive_postal_codes.py); matching town names to the
imported neighbourhoods is outreach.services.areas.for_postal_code.
"""

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "demo" / "data" / "hirakata-postal-codes.csv"
#: 573-1191, 5731191, 〒573-1191, ５７３－１１９１ (NFKC makes full-width digits plain).
_CODE = re.compile(r"^〒?(\d{3})-?(\d{4})$")
#: Hyphens and dashes typed between the two parts: ‐ ‑ ‒ – — ― − ー ｰ and the plain one.
_DASHES = re.compile("[\u2010-\u2015\u2212\u30fc\uff70-]")


def normalise(text: str) -> str | None:
    """The 7 digits of a postal code as typed (full width, a hyphen, 〒 in front), else None."""
    plain = unicodedata.normalize("NFKC", text or "")
    plain = _DASHES.sub("-", re.sub(r"\s+", "", plain))
    found = _CODE.match(plain)
    return found.group(1) + found.group(2) if found else None


@cache
def _towns(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            table.setdefault(row["postal_code"], []).append(row["town_ja"])
    return {code: tuple(towns) for code, towns in table.items()}


def table(path: Path = TABLE) -> dict[str, tuple[str, ...]]:
    """Every code of the table with its town names."""
    return dict(_towns(path))


def known(path: Path = TABLE) -> bool:
    """Whether a postal-code table is installed (other cities may have none)."""
    return bool(_towns(path))


def towns(code: str, path: Path = TABLE) -> tuple[str, ...]:
    """The town names of a 7-digit code; empty for an unknown code or one of another city."""
    return _towns(path).get(code, ())
