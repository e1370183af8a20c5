"""Neighbourhood choices grouped so 200 names can be browsed without JavaScript: by kana row in
Japanese, by first letter elsewhere. Pure: takes names, returns WTForms choices."""

from collections.abc import Iterable
from typing import Protocol

from wtforms.fields.choices import SelectChoice

# The first kana of each gojūon row; a reading belongs to the last row start at or before it.
_ROW_START = "あかさたなはまやらわ"


class Named(Protocol):
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str


def _kana_row(kana: str) -> str:
    first = kana[:1] or "ん"
    for start in reversed(_ROW_START):
        if first >= start:
            return f"{start}行"
    return "あ行"


def _label(area: Named, japanese: bool) -> str:
    if japanese:
        return f"{area.name_ja}（{area.name_kana}）" if area.name_kana else area.name_ja
    return f"{area.name_romaji} ({area.name_ja})" if area.name_romaji else area.name_ja


def grouped(areas: Iterable[Named], japanese: bool) -> list[SelectChoice]:
    """Choices in <optgroup>s, in reading (Japanese) or alphabetical (other languages) order."""
    ordered = sorted(areas, key=(lambda a: a.name_kana) if japanese else (lambda a: a.name_romaji))
    return [
        SelectChoice(
            area.code,
            _label(area, japanese),
            optgroup=_kana_row(area.name_kana)
            if japanese
            else (area.name_romaji[:1].upper() or "#"),
        )
        for area in ordered
    ]
