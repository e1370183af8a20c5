"""The staff dashboard and its exports (every export is audited)."""

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _
from flask_login import current_user

from outreach.access import allow
from outreach.insights import exports, params, presenters, trend_presenters
from outreach.services import analyst_export, audit, insights, plan_answers, rankings, survey
from outreach.vocabulary import Role

bp = Blueprint("insights", __name__)
STAFF = allow(Role.ADMIN, Role.STAFF, Role.COORDINATOR)


@bp.route("/")
@STAFF
def dashboard():
    choices = params.from_request()
    result = presenters.picture(choices)
    return render_template(
        "insights/dashboard.html",
        result=result,
        choices=choices,
        ranked=rankings.highest_risk(result),
        priorities=presenters.shortlisted(result),
        top=lambda q, a: plan_answers.top_answers(q, choices.filters, a),
        charts=[
            chart
            for chart in (
                presenters.map_chart(result, choices.layer),
                presenters.channel_chart(result),
                presenters.age_chart(choices),
                presenters.option_chart("barriers", "barriers", _("What makes it hard"), choices),
                presenters.option_chart(
                    "languages", "help_language", _("Languages people want help in"), choices
                ),
                presenters.trend_chart(choices),
                trend_presenters.measures_chart(result, choices),
            )
            if chart is not None
        ],
        config=choices.config,
        **presenters.page_context(),
        **trend_presenters.quarter_context(),
        counted_at=insights.counted_at(),
    )


@bp.route("/export.csv")
@STAFF
def export_csv():
    choices = params.from_request()
    made = exports.scores_csv(presenters.picture(choices))
    return _download(made, "export.scores_csv", "text/csv", "outreach-neighbourhoods.csv")


@bp.route("/export.xlsx")
@STAFF
def export_xlsx():
    choices = params.from_request()
    made = exports.scores_xlsx(presenters.picture(choices))
    return _download(
        made,
        "export.scores_xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "outreach-neighbourhoods.xlsx",
    )


@bp.route("/export.geojson")
@STAFF
def export_geojson():
    choices = params.from_request()
    made = exports.scores_geojson(presenters.picture(choices), presenters.boundaries())
    return _download(
        made, "export.scores_geojson", "application/geo+json", "outreach-neighbourhoods.geojson"
    )


@bp.route("/priorities.csv")
@STAFF
def priorities_csv():
    choices = params.from_request()
    made = exports.priorities_csv(presenters.picture(choices), choices.filters)
    return _download(made, "export.priorities_csv", "text/csv", "outreach-priorities.csv")


#: The analysts' row-level files: (service function, MIME type, file name).
ANALYST_FILES = {
    "csv": (analyst_export.as_csv, "text/csv", "outreach-responses.csv"),
    "codebook": (analyst_export.codebook_csv, "text/csv", "outreach-responses-codebook.csv"),
    "sav": (analyst_export.as_spss, "application/x-spss-sav", "outreach-responses.sav"),
    "dta": (analyst_export.as_stata, "application/x-stata-dta", "outreach-responses.dta"),
}


def _responses(kind: str) -> Response:
    """One row per response, anonymised (services.analyst_export), every download audited."""
    write, mimetype, filename = ANALYST_FILES[kind]
    made = analyst_export.table(survey.instrument())
    download = exports.Download(write(made), len(made.rows))
    return _download(download, f"export.responses_{kind}", mimetype, filename)


@bp.route("/responses.csv")
@STAFF
def responses_csv():
    return _responses("csv")


@bp.route("/responses-codebook.csv")
@STAFF
def responses_codebook():
    return _responses("codebook")


@bp.route("/responses.sav")
@STAFF
def responses_sav():
    return _responses("sav")


@bp.route("/responses.dta")
@STAFF
def responses_dta():
    return _responses("dta")


def _download(made: exports.Download, action: str, mimetype: str, filename: str) -> Response:
    """The file, once its download is in the audit log."""
    audit.record_export(action, current_user._get_current_object(), made.rows)
    return Response(
        made.body,
        mimetype=mimetype,
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )
