"""Dates in the reader's language, and in やさしい日本語 with furigana on 年, 月, 日 and the
weekday: 2026{年|ねん}12{月|がつ}8{日|にち}（{火|か}）."""

import re
from datetime import date, datetime

from flask_babel import format_date, format_datetime
from markupsafe import Markup

from outreach.i18n import current_locale
from outreach.i18n.markup import ruby

_UNITS = {"年": "ねん", "月": "がつ", "日": "にち", "時": "じ", "分": "ふん"}
_WEEKDAYS = {
    "月": "げつ",
    "火": "か",
    "水": "すい",
    "木": "もく",
    "金": "きん",
    "土": "ど",
    "日": "にち",
}
_WEEKDAY_FULL = re.compile(r"([月火水木金土日])曜日")
_WEEKDAY = re.compile(r"([（(])([月火水木金土日])([)）])")
_UNIT = re.compile(r"(\d)([年月日時分])")


def easy(text: str) -> Markup:
    """Furigana on the kanji Babel's Japanese date formats use."""
    text = _WEEKDAY_FULL.sub(lambda m: f"{{{m[1]}曜日|{_WEEKDAYS[m[1]]}ようび}}", text)
    text = _WEEKDAY.sub(lambda m: f"{m[1]}{{{m[2]}|{_WEEKDAYS[m[2]]}}}{m[3]}", text)
    return ruby(_UNIT.sub(lambda m: f"{m[1]}{{{m[2]}|{_UNITS[m[2]]}}}", text))


def for_reader(text: str) -> str | Markup:
    """A date or time Babel wrote for the reader's locale, with furigana in やさしい日本語."""
    return easy(text) if current_locale().babel == "ja@easy" else text


def day(value: date | datetime | None, format: str = "medium") -> str | Markup:
    """A date as the reader's language writes it (Jinja: format_day, dateformat)."""
    return "" if value is None else for_reader(format_date(value, format))


def moment(value: datetime | None, format: str = "medium") -> str | Markup:
    return "" if value is None else for_reader(format_datetime(value, format))
