"""The survey as an XLSForm: pyxform turns it into an XForm that ODK Validate (bundled with
pyxform, run on Java) accepts, with the skip logic, required questions, limits and every
language intact."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.validators.odk_validate import ODKValidateError
from pyxform.xls2xform import convert

from outreach.services import survey
from tests.support.areas import load_tiny


@pytest.fixture
def exported(app, tmp_path: Path) -> Path:
    load_tiny()
    path = tmp_path / "digital-access.xlsx"
    result = app.test_cli_runner().invoke(args=["instrument", "export-xlsform", str(path)])
    assert result.exit_code == 0, result.output
    assert "digital-access version 2" in result.output
    return path


def rows(path: Path, sheet: str) -> list[dict]:
    table = load_workbook(path)[sheet]
    header, *body = [[c.value or "" for c in row] for row in table.iter_rows()]
    return [dict(zip(header, row, strict=True)) for row in body]


def test_odk_validate_accepts_the_form(exported: Path):
    warnings: list[str] = []
    xform = convert(exported, warnings=warnings, validate=True).xform  # raises when invalid
    assert "relevant=\"not(selected( /data/internet_use , 'never'))\"" in xform
    assert warnings == []


def test_odk_validate_runs(exported: Path, tmp_path: Path):
    """The check above can fail: a constraint ODK cannot parse is refused by ODK Validate."""
    book = load_workbook(exported)
    sheet = book["survey"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("constraint") + 1, value=". >= ")
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    with pytest.raises(ODKValidateError, match="invalid constraint expression"):
        convert(broken, validate=True)


def test_every_question_skip_rule_and_language_is_in_the_form(exported: Path):
    current = survey.instrument()
    questions = {r["name"]: r for r in rows(exported, "survey")}
    assert list(questions) == [q.id for q in current.questions]
    assert questions["home_connection"]["relevant"] == "not(selected(${internet_use}, 'never'))"
    assert questions["help_topics"]["relevant"] == "selected(${wants_help}, 'yes')"
    assert questions["internet_use"]["required"] == "yes"
    assert questions["household_size"]["constraint"] == ". >= 1 and . <= 20"
    assert "count-selected(.) = 1" in questions["devices"]["constraint"]
    assert questions["internet_use"]["label::日本語 (ja)"].startswith("過去")
    easy = questions["internet_use"]["label::やさしい にほんご (ja)"]
    assert "（" in easy and "{" not in easy, "furigana as plain readings"
    choices = rows(exported, "choices")
    areas = [c for c in choices if c["list_name"] == "neighbourhood"]
    assert {c["name"] for c in areas} >= {"T001"}
    assert all(c["label::English (en)"] for c in choices)
