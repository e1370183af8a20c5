"""CSV downloads: BOM, CRLF, and text that could run as a formula in a spreadsheet neutralised."""

import csv
import io

import pytest

from outreach.csv_files import csv_bytes, safe_cell


def _read(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_utf8_with_bom_and_crlf():
    body = csv_bytes(["name_ja", "answers"], [["松庵", 12], ["宮之阪", 0]])
    assert body.startswith("\ufeff".encode())
    assert body.decode("utf-8-sig") == "name_ja,answers\r\n松庵,12\r\n宮之阪,0\r\n"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_starts_a_formula_is_quoted(text):
    assert _read(csv_bytes(["note"], [[text]]))[1] == ["'" + text]


def test_ordinary_text_and_numbers_are_unchanged():
    rows = _read(csv_bytes(["a", "b", "c", "d", "e"], [["a=b", "smartphone", -3, -0.25, ""]]))
    assert rows[1] == ["a=b", "smartphone", "-3", "-0.25", ""]


def test_header_cells_are_neutralised_too():
    assert _read(csv_bytes(["=cmd"], []))[0] == ["'=cmd"]


def test_safe_cell_keeps_non_text_values():
    assert safe_cell(-1) == -1 and safe_cell(None) is None and safe_cell("-x") == "'-x"
