"""`areas import`: validation names the line or feature, and nothing is half-imported."""

import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import Area, AreaStatistic
from outreach.services.area_import import ImportProblem, import_files
from tests.support.areas import SQUARE, feature, tiny_files


def write(tmp_path, texts: tuple[str, str]):
    geo, stats = tmp_path / "areas.geojson", tmp_path / "stats.csv"
    geo.write_text(texts[0], encoding="utf-8")
    stats.write_text(texts[1], encoding="utf-8")
    return geo, stats


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Area.id))),
        db.session.scalar(select(func.count(AreaStatistic.id))),
    )


def test_import_writes_areas_and_figures(app, tmp_path):
    result = import_files(*write(tmp_path, tiny_files()))
    assert result == {"areas": 2, "figures": 14}
    assert counts() == (2, 14)
    figure = db.session.scalar(select(AreaStatistic).where(AreaStatistic.measure == "pop_75_plus"))
    assert (figure.year, figure.source, figure.synthetic) == (2020, "Test source", False)


def test_reimport_replaces_same_year_figures(app, tmp_path):
    import_files(*write(tmp_path, tiny_files()))
    changed = tiny_files(rows=["T001,2020,New source,11,50,20,20,40,5,1"])
    import_files(*write(tmp_path, changed))
    assert counts() == (2, 14)
    value = db.session.scalar(
        select(AreaStatistic.value).where(
            AreaStatistic.measure == "pop_0_14", AreaStatistic.area_id == 1
        )
    )
    assert value == 11


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            tiny_files(features=[feature("T001", "A"), feature("T001", "B")]),
            "feature 2 (code 'T001'): code 'T001' appears twice",
        ),
        (
            tiny_files(features=[feature("T001", "A", {"type": "Point", "coordinates": [1, 2]})]),
            "feature 1 (code 'T001'): has geometry type 'Point'",
        ),
        (
            tiny_files(
                features=[
                    feature("T001", "A", {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]})
                ]
            ),
            "feature 1 (code 'T001'): has malformed coordinates",
        ),
        (
            tiny_files(
                features=[{"type": "Feature", "properties": {"code": "T009"}, "geometry": SQUARE}]
            ),
            "feature 1 (code 'T009'): missing property name_ja",
        ),
        (
            tiny_files(rows=["T001,2020,Src,10,50,20,20,40,5,1", "T002,20x0,Src,1,1,1,1,1,1,1"]),
            "CSV line 3: year '20x0'",
        ),
        (
            tiny_files(rows=["T001,2020,Src,10,-5,20,20,40,5,1"]),
            "CSV line 2: pop_15_64 '-5' is not a whole number",
        ),
        (
            tiny_files(rows=["T404,2020,Src,1,1,1,1,1,1,1"]),
            "CSV line 2: area_code 'T404' is not in the GeoJSON",
        ),
        (
            tiny_files(rows=["T001,2020,Src,1,1"]),
            "CSV line 2: the number of cells does not match the header",
        ),
        (("{not json", "x"), "GeoJSON: not valid JSON at line 1"),
    ],
)
def test_bad_files_are_refused_whole(app, tmp_path, texts, expected):
    with pytest.raises(ImportProblem) as refused:
        import_files(*write(tmp_path, texts))
    assert any(expected in problem for problem in refused.value.problems), refused.value.problems
    assert counts() == (0, 0)


def test_unknown_column_is_refused(app, tmp_path):
    geo, stats = tiny_files()
    stats = stats.replace("foreign_residents", "foreigners")
    with pytest.raises(ImportProblem, match="CSV line 1: unknown column foreigners"):
        import_files(*write(tmp_path, (geo, stats)))


def test_cli_reports_problems_and_exit_code(app, tmp_path):
    geo, stats = write(tmp_path, tiny_files(rows=["T001,2020,Src,1,x,1,1,1,1,1"]))
    result = app.test_cli_runner().invoke(args=["areas", "import", str(geo), str(stats)])
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert "CSV line 2: pop_15_64 'x'" in result.output
    assert counts() == (0, 0)


def test_cli_imports_demo_files(app):
    from outreach.services.demo import GEOJSON, STATISTICS

    result = app.test_cli_runner().invoke(
        args=["areas", "import", str(GEOJSON), str(STATISTICS), "--synthetic"]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 210 areas and 1470 figures." in result.output
