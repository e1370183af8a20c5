"""The public transparency page, the method, the council report and open data (all suppressed)."""

from flask import Blueprint, Response, current_app, render_template

from outreach.access import public
from outreach.insights import open_data, params, views
from outreach.security import charts_on_this_page
from outreach.services import insights
from outreach.services.survey_counts import ResponseFilter

bp = Blueprint("transparency", __name__)
#: Neighbourhoods the council report lists, highest risk first.
REPORT_AREAS = 20


def _public_picture():
    config = current_app.extensions["outreach_risk"]
    return insights.picture(ResponseFilter(), config), config


@bp.route("/")
@public
def page():
    charts_on_this_page()
    result, config = _public_picture()
    choices = params.Choices(ResponseFilter(), config, "score", "", False)
    return render_template(
        "insights/transparency.html",
        result=result,
        charts=[views.map_chart(result, "score"), views.channel_chart(result)],
        choices=choices,
        **views.page_context(),
    )


@bp.route("/report")
@public
def report():
    result, config = _public_picture()
    return render_template(
        "insights/report.html",
        result=result,
        published=insights.highest_risk(result)[:REPORT_AREAS],
        config=config,
        **views.page_context(),
    )


@bp.route("/method")
@public
def method():
    return render_template(
        "insights/method.html",
        config=current_app.extensions["outreach_risk"],
        minimum=current_app.config["PUBLISH_MIN_CELL"],
        **views.page_context(),
    )


@bp.route("/open-data.csv")
@public
def open_data_csv():
    result, _ = _public_picture()
    return Response(
        open_data.csv_bytes(result),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=outreach-open-data.csv"},
    )


@bp.route("/data-dictionary")
@public
def data_dictionary():
    return render_template(
        "insights/data_dictionary.html",
        columns=open_data.DICTIONARY,
        minimum=current_app.config["PUBLISH_MIN_CELL"],
    )
