"""CSV downloads, written one way: UTF-8 with a byte-order mark (so Excel in Japan opens them),
CRLF line ends, and no cell a spreadsheet would run as a formula. Pure: no Flask.

Formula injection (OWASP "CSV Injection"): Excel and LibreOffice run a cell that begins with
=, +, - or @ (or a tab or carriage return before one) as a formula, so a volunteer's note or an
imported neighbourhood name such as `=HYPERLINK(...)` would act in the reader's spreadsheet. Every
*text* cell beginning with one of those characters gets a leading apostrophe, which spreadsheets
show as text. Numbers written as numbers (int, float) are left as they are: they come from our
code, not from a person, and a negative figure must stay a number the spreadsheet can add up.
"""

import csv
import io
from collections.abc import Iterable, Sequence

#: What a spreadsheet may read as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as written to a CSV cell: text that could start a formula is quoted with '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole file: a header line, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(v) for v in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
