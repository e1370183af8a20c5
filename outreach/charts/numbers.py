"""Numbers on charts in the reader's language (Babel's patterns, not Python's), and axis ticks
at round values."""

import math

from babel import Locale
from babel.numbers import format_decimal, format_percent


def locale_of(name: str | Locale) -> Locale:
    """A Babel locale from a catalog name: "ja@easy" formats numbers as Japanese does."""
    return name if isinstance(name, Locale) else Locale.parse(name)


def number(value: float, locale: str | Locale, pattern: str = "#,##0.#") -> str:
    return format_decimal(value, pattern, locale=locale_of(locale))


def percent(value: float, locale: str | Locale, pattern: str = "#,##0%") -> str:
    """`value` is a share (0.25 is 25 %)."""
    return format_percent(value, pattern, locale=locale_of(locale))


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `top`: 0, 25, 50, 75, 100 rather than 0, 23.4, …"""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]
