"""Figures follow everything they depend on, and say why one is missing; reading never writes."""

import csv
import io

from babel.dates import format_datetime
from sqlalchemy import delete, event, select

from outreach.extensions import db
from outreach.insights import presenters
from outreach.models import Area, AreaStatistic
from outreach.services import insights, survey, synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from outreach.services.survey_counts import ResponseFilter


def city(app):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(600, seed=23)
    tallies.refresh(survey.instruments())
    db.session.commit()
    return app.extensions["outreach_risk"]


def test_a_reimport_of_population_figures_changes_the_figures_without_a_restart(app, tmp_path):
    config = city(app)
    before = insights.picture(ResponseFilter(), config)
    code = before.areas[0].code
    rows = list(csv.reader(io.StringIO(STATISTICS.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    column = header.index("pop_75_plus")
    for row in body:
        if row[0] == code:
            row[column] = str(int(row[column]) * 3)
    changed = tmp_path / "stats.csv"
    with changed.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *body])
    import_files(GEOJSON, changed, synthetic=True)
    db.session.commit()
    after = insights.picture(ResponseFilter(), config)
    assert after is not before
    old = next(a for a in before.areas if a.code == code).indicators["share_75_plus"]
    new = next(a for a in after.areas if a.code == code).indicators["share_75_plus"]
    assert new > old


def test_boundaries_follow_a_reimport(app, tmp_path):
    city(app)
    first = presenters.boundaries()
    db.session.execute(delete(Area).where(Area.code == first["features"][0]["properties"]["code"]))
    import_files(GEOJSON, STATISTICS, synthetic=True)  # puts it back: a change all the same
    db.session.commit()
    assert presenters.boundaries() is not first


def test_an_area_without_population_figures_has_no_figure_and_says_why(app, client, login):
    config = city(app)
    code = db.session.scalar(select(Area.code).order_by(Area.code))
    area_id = db.session.scalar(select(Area.id).where(Area.code == code))
    db.session.execute(delete(AreaStatistic).where(AreaStatistic.area_id == area_id))
    db.session.commit()
    import_files(GEOJSON, STATISTICS, synthetic=True)  # bump the areas version: same figures
    db.session.execute(delete(AreaStatistic).where(AreaStatistic.area_id == area_id))
    db.session.commit()
    result = insights.picture(ResponseFilter(), config)
    area = next(a for a in result.areas if a.code == code)
    if area.answers >= result.minimum:
        assert all(f is None or f.kind == "survey" for f in area.estimates.values())
    else:
        assert all(f is None for f in area.estimates.values())
        assert all(result.unavailable[m][code] == "no_population" for m in result.measures)
    assert area.standing.rank is None, "an area with missing indicators is not ranked"
    for path in ("/en/transparency/", "/en/transparency/report", "/en/transparency/open-data.csv"):
        assert client.get(path).status_code == 200
    login("staff")
    assert client.get("/en/insights/").status_code == 200


def test_reading_the_figures_writes_nothing(app, client, login):
    city(app)
    synthetic.generate(30, seed=5)  # new answers not yet counted: a page must not count them
    db.session.commit()
    login("staff")
    written: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            written.append(statement[:80])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for path in ("/en/transparency/", "/ja/transparency/report", "/en/insights/"):
            assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert written == [], written
    assert tallies.pending() == 30


def test_pages_say_when_the_figures_were_last_counted(app, client, login):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(50, seed=3)
    db.session.commit()
    said = "Figures include the answers counted up to"
    assert said not in client.get("/en/transparency/").get_data(as_text=True)  # never counted
    tallies.refresh(survey.instruments())
    counted = insights.counted_at()
    assert counted is not None
    stamp = f"{said} {format_datetime(counted, 'medium', locale='en')}"
    for path in ("/en/transparency/", "/en/transparency/report"):
        assert stamp in client.get(path).get_data(as_text=True), path
    login("staff")
    assert stamp in client.get("/en/insights/").get_data(as_text=True)
