"""XLSForm back into an instrument: the survey exported and imported again is the same survey
with the same translations; what a form says that the survey cannot is refused or reported."""

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from outreach.instrument.xlsform_import import XLSFormError
from outreach.paths import FORMS, TRANSLATIONS
from outreach.services import survey, xlsform_export, xlsform_import
from tests.support.areas import load_tiny


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    forms, translations = tmp_path / "forms", tmp_path / "translations"
    forms.mkdir()
    shutil.copy(survey.instrument().path, forms)
    shutil.copytree(TRANSLATIONS, translations, ignore=shutil.ignore_patterns("*.mo"))
    return forms, translations


def exported(tmp_path: Path, version: int | None = 3) -> Path:
    path = tmp_path / "form.xlsx"
    xlsform_export.export(survey.instrument(), path)
    if version is not None:
        book = load_workbook(path)
        book["settings"]["C2"] = str(version)
        book.save(path)
    return path


def catalog_texts(translations: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(translations.rglob("*.po"))}


def test_round_trip_gives_back_the_same_survey_and_catalogs(app, tmp_path, folders):
    load_tiny()
    forms, translations = folders
    before = catalog_texts(translations)
    report = xlsform_import.import_form(
        exported(tmp_path), survey.instrument(), forms=forms, translations=translations
    )
    current, new = survey.instrument(), report.instrument
    assert report.path == forms / "digital-access-v3.toml" and new.version == 3
    assert new.questions == current.questions  # types, options, skip logic, limits, sources
    assert (new.roles, new.strata, new.measures) == (
        current.roles,
        current.strata,
        current.measures,
    )
    assert not [n for n in report.notes if "kept the catalog" in n], report.notes
    assert catalog_texts(translations) == before  # every translation was already there
    assert set(report.translated) == {"ja", "ja@easy", "zh_Hans", "ko", "vi", "ne", "pt_BR"}


def test_the_same_version_twice_is_refused(app, tmp_path, folders):
    forms, translations = folders
    with pytest.raises(XLSFormError, match="already holds digital-access version 2"):
        xlsform_import.import_form(
            exported(tmp_path, version=None),
            survey.instrument(),
            forms=forms,
            translations=translations,
        )
    assert sorted(p.name for p in forms.iterdir()) == ["digital-access-v2.toml"]


def kobo_form(tmp_path: Path, extra: list[list[str]] = ()) -> Path:
    """A small form as Kobo's builder writes one: English and Japanese columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(["type", "name", "label::English (en)", "label::Japanese (ja)", "required",
                  "relevant", "constraint"])  # fmt: skip
    sheet.append(["start", "start", "", "", "", "", ""])
    sheet.append(["select_one yn", "uses_phone", "Do you use a mobile phone?", "携帯電話を使いますか？",
                  "yes", "", ""])  # fmt: skip
    sheet.append(["note", "thanks", "Thank you", "ありがとう", "", "", ""])
    sheet.append(["select_multiple apps", "apps", "Which apps do you use?", "使うアプリは？", "",
                  "${uses_phone} = 'yes'", "(not(selected(., 'none')) or count-selected(.) = 1)"])  # fmt: skip
    sheet.append(["integer", "people", "How many people live with you?", "同居人数は？", "", "",
                  ". >= 0 and . <= 15"])  # fmt: skip
    for row in extra:
        sheet.append(row)
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)", "label::Japanese (ja)"])
    for row in (["yn", "yes", "Yes", "はい"], ["yn", "no", "No", "いいえ"],
                ["apps", "line", "LINE", "LINE"], ["apps", "maps", "Maps", "地図アプリ"],
                ["apps", "none", "None of these", "どれも使わない"]):  # fmt: skip
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["Phone use", "phone-use", "1"])
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    return path


def test_a_kobo_form_becomes_a_survey_with_its_translations(app, tmp_path, folders):
    forms, translations = folders
    report = xlsform_import.import_form(
        kobo_form(tmp_path), survey.instrument(), forms=forms, translations=translations
    )
    new = report.instrument
    assert (new.id, new.version, new.title) == ("phone-use", 1, "Phone use")
    assert [(q.id, q.type) for q in new.questions] == [
        ("uses_phone", "yesno"),
        ("apps", "multiple"),
        ("people", "number"),
    ]
    apps = new.question("apps")
    assert apps.show_if is not None and apps.show_if.any_of == ("yes",)
    assert [o.id for o in apps.options if o.exclusive] == ["none"]
    assert (new.question("people").min, new.question("people").max) == (0, 15)
    assert new.question("uses_phone").required
    assert any("start" in n for n in report.notes) and any("note" in n for n in report.notes)
    assert any("role area" in n for n in report.notes)  # no neighbourhood question in this form
    po = (translations / "ja" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert 'msgid "Which apps do you use?"\nmsgstr "使うアプリは？"' in po
    assert report.translated["ja"] == 5  # 3 questions, "Maps", "None of these" is not new…
    easy = (translations / "ja@easy" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert "使うアプリは？" not in easy  # Japanese is not やさしい日本語


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["geopoint", "where", "Where?", "", "", "", ""], "type 'geopoint' has no equivalent"),
        (
            ["integer", "age", "Age?", "", "", "${people} > 2", ". >= 0 and . <= 120"],
            "relevant '${people} > 2' cannot be expressed",
        ),
        (["integer", "age", "Age?", "", "", "", ""], "needs '. >= min and . <= max'"),
        (["text", "Bad-Name", "Name?", "", "", "", ""], "must be a simple name"),
    ],
)
def test_what_the_survey_cannot_ask_is_refused_with_its_row(app, tmp_path, folders, row, problem):
    forms, translations = folders
    before = catalog_texts(translations)
    with pytest.raises(XLSFormError) as refused:
        xlsform_import.import_form(
            kobo_form(tmp_path, [row]), survey.instrument(), forms=forms, translations=translations
        )
    assert any("survey row 7" in p and problem in p for p in refused.value.problems), (
        refused.value.problems
    )
    assert sorted(p.name for p in forms.iterdir()) == ["digital-access-v2.toml"]
    assert catalog_texts(translations) == before


def test_not_a_workbook_is_refused(app, tmp_path, folders):
    forms, translations = folders
    path = tmp_path / "form.xlsx"
    path.write_text("type,name\n", encoding="utf-8")
    with pytest.raises(XLSFormError, match=r"not an \.xlsx workbook"):
        xlsform_import.import_form(
            path, survey.instrument(), forms=forms, translations=translations
        )


def test_the_command_reports_problems_and_writes_nothing(app, tmp_path):
    path = kobo_form(tmp_path, [["geopoint", "where", "Where?", "", "", "", ""]])
    out = tmp_path / "new.toml"
    before = sorted(FORMS.glob("*.toml"))
    result = app.test_cli_runner().invoke(
        args=["instrument", "import-xlsform", str(path), "--output", str(out)]
    )
    assert result.exit_code == 1
    assert "survey row 7 (where): type 'geopoint' has no equivalent" in result.output
    assert "nothing was written" in result.output
    assert not out.exists() and sorted(FORMS.glob("*.toml")) == before
