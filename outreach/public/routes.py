"""The home page, the language entry point, a health check and each role's start page."""

from flask import Blueprint, redirect, render_template, request, url_for

from outreach.access import public, signed_in
from outreach.i18n import preferred_locale, switch_path
from outreach.i18n.locales import LOCALES
from outreach.security import nothing_private
from outreach.services import health

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def root():
    """No language in the URL: send the visitor to theirs (cookie, browser, else Japanese)."""
    return redirect(url_for("public.home", lang=preferred_locale().url_code))


@bp.route("/<lang>/")
@nothing_private
@public
def home():
    return render_template("public/home.html")


@bp.route("/<lang>/accessibility")
@nothing_private
@public
def accessibility():
    return render_template("public/accessibility.html")


@bp.route("/<lang>/language")
@nothing_private
@public
def languages():
    """Every language, each named in itself, linking to the page the visitor came from."""
    back_to = request.args.get("next")
    choices = [(loc, switch_path(back_to, loc)) for loc in LOCALES]
    return render_template("public/languages.html", choices=choices)


@bp.route("/<lang>/workspace")
@signed_in
def workspace():
    return render_template("public/workspace.html")


@bp.route("/healthz")
@public
def healthz():
    """For load balancers: 200 when this worker can reach the database, else 503."""
    health.check_database()
    return {"status": "ok"}
