"""The public transparency page, the method, the council report and open data (all suppressed)."""

from datetime import date

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for

from outreach.access import public
from outreach.insights import open_data, params, presenters, trend_presenters
from outreach.insights import open_data_metadata as open_data_metadata_
from outreach.insights.months import first_day, last_day
from outreach.services import insights, survey
from outreach.services.survey_counts import ResponseFilter

bp = Blueprint("transparency", __name__)


def _public_picture():
    config = current_app.extensions["outreach_risk"]
    return insights.picture(ResponseFilter(), config, public=True), config


@bp.route("/")
@public
def page():
    result, config = _public_picture()
    choices = params.Choices(ResponseFilter(), config, "score", "", False)
    return render_template(
        "insights/transparency.html",
        result=result,
        counted_at=insights.counted_at(),
        shortlisted=presenters.shortlisted(result, extra=0),
        **trend_presenters.quarter_context(public=True),
        charts=[presenters.map_chart(result, "score"), presenters.channel_chart(result)],
        choices=choices,
        **presenters.page_context(),
    )


@bp.route("/report")
@public
def report():
    """The council briefing: dated, two to four A4 pages when printed."""
    result, config = _public_picture()
    return render_template(
        "insights/report.html",
        result=result,
        config=config,
        issued=date.today(),
        counted_at=insights.counted_at(),
        shortlisted=presenters.shortlisted(result, extra=0),
        map=presenters.map_chart(result, "score"),
        method_address=url_for("transparency.method", _external=True),
        **presenters.page_context(),
        **trend_presenters.quarter_context(public=True),
    )


@bp.route("/method")
@public
def method():
    return render_template(
        "insights/method.html",
        config=current_app.extensions["outreach_risk"],
        minimum=current_app.config["PUBLISH_MIN_CELL"],
        **presenters.page_context(),
    )


def _source() -> open_data.Source:
    """The city, and the months the answers come from, as every open-data row states them."""
    config = current_app.config
    months = sorted(m for m, _ in insights.counts_by("month", ResponseFilter()) if m)
    period = (first_day(months[0]), last_day(months[-1])) if months else ("", "")
    return open_data.Source(config["CITY_CODE"], config["CITY_NAME_JA"], *period)


@bp.route("/open-data.csv")
@public
def open_data_csv():
    result, _ = _public_picture()
    return Response(
        open_data.csv_bytes(result, _source()),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=outreach-open-data.csv"},
    )


@bp.route("/open-data.geojson")
@public
def open_data_geojson():
    result, _ = _public_picture()
    return Response(
        open_data.geojson_bytes(result, _source(), presenters.boundaries()),
        mimetype="application/geo+json",
        headers={"Content-Disposition": "attachment; filename=outreach-open-data.geojson"},
    )


@bp.route("/open-data.csv-metadata.json")
@public
def open_data_metadata():
    """The CSV's columns in CSV on the Web metadata (found beside the file, by that name)."""
    result, _ = _public_picture()
    return jsonify(open_data_metadata_.csvw(result)), {"Content-Type": "application/csvm+json"}


@bp.route("/catalog.jsonld")
@public
def catalog():
    """The open data described in DCAT, for the city's and the national data catalogues."""
    result, _ = _public_picture()
    found = open_data_metadata_.dcat(result, insights.counted_at(), _source())
    return jsonify(found), {"Content-Type": "application/ld+json"}


@bp.route("/data-dictionary")
@public
def data_dictionary():
    return render_template(
        "insights/data_dictionary.html",
        columns=[
            (open_data.READINGS.get(name, name), meaning) for name, meaning in open_data.DICTIONARY
        ],
        minimum=current_app.config["PUBLISH_MIN_CELL"],
        measures=[(m.id, m.name) for m in survey.instrument().measures],
    )
