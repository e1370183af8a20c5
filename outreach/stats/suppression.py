"""Small-cell suppression for published tables, primary and secondary, and rounding.

Primary: a cell built from fewer than `minimum` answers is hidden. Secondary: a hidden cell must not
be recoverable by subtracting the visible cells from a published total, so any row or column with
exactly one hidden cell gets its smallest other non-zero cell hidden too, repeated until no row or
column has a lone hidden cell. Visible counts are rounded to a base (default 5).
"""

from collections.abc import Hashable
from dataclasses import dataclass, field

Cell = tuple[Hashable, Hashable]


@dataclass
class Suppression:
    cells: set[Cell] = field(default_factory=set)
    #: Totals that must be hidden too: a line whose only non-zero cell is hidden.
    row_totals: set[Hashable] = field(default_factory=set)
    column_totals: set[Hashable] = field(default_factory=set)


def suppress(table: dict[Cell, int], minimum: int) -> Suppression:
    """What to hide in a two-way table of counts with row and column totals published."""
    result = Suppression(cells={cell for cell, n in table.items() if 0 < n < minimum})
    changed = True
    while changed:
        changed = False
        for kind, key, line in _lines(table):
            lone = [c for c in line if c in result.cells]
            if len(lone) != 1:
                continue
            others = sorted(
                (c for c in line if c not in result.cells and table[c] > 0),
                key=lambda c: (table[c], str(c)),
            )
            if others:
                result.cells.add(others[0])
                changed = True
            else:
                (result.row_totals if kind == "row" else result.column_totals).add(key)
    return result


def _lines(table: dict[Cell, int]) -> list[tuple[str, Hashable, list[Cell]]]:
    rows: dict[Hashable, list[Cell]] = {}
    cols: dict[Hashable, list[Cell]] = {}
    for cell in table:
        rows.setdefault(cell[0], []).append(cell)
        cols.setdefault(cell[1], []).append(cell)
    return [("row", k, v) for k, v in rows.items()] + [("column", k, v) for k, v in cols.items()]


def round_count(n: int, base: int = 5) -> int:
    """Round half up to a multiple of `base`, so small differences cannot be read off."""
    return int((n + base / 2) // base * base)
