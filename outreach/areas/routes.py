"""Staff and coordinators look up neighbourhoods and their population figures."""

from flask import Blueprint, abort, render_template

from outreach.access import allow
from outreach.services import areas
from outreach.vocabulary import Role

bp = Blueprint("areas", __name__)
AREA_READERS = allow(Role.ADMIN, Role.STAFF, Role.COORDINATOR)


@bp.route("/")
@AREA_READERS
def area_list():
    return render_template("areas/list.html", areas=areas.summaries())


@bp.route("/<code>")
@AREA_READERS
def area_detail(code: str):
    area = areas.by_code(code) or abort(404)
    return render_template("areas/detail.html", area=area, figures=areas.statistics_of(area))
