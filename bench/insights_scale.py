"""How long the dashboard and the public page take to render as the data grows.

Usage: python bench/insights_scale.py [--sizes 10000,100000,1000000] [--logs 100000]
                                       [--database-url postgresql+psycopg://…]

For each size it loads the Hirakata demo areas, that many synthetic survey responses and
`--logs` session logs (scaled down with the size), counts them into the tallies once (the
`count` column: what `outreach insights refresh` takes after a bulk load), then renders the staff
dashboard and the public figures page in-process, cold (20 new answers have just arrived and been
counted, and nothing is cached: a new worker), new (the same in a worker that has shown the page
before) and warm (the next request), and prints the times and the growth
factor from one size to the next. `model` is what the small-area fits of every measure and the
shortlist's simulation (forms/lists/shortlist.toml draws) add to a cold page (CPU seconds).
Targets: under 1 s cold, under 100 ms warm, model under 200 ms, growth no worse than linear.
Nothing leaves the machine.
"""

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
#: Responses that arrive just before each cold render.
NEW_ANSWERS = 20


def fresh_database(base_url: str | None, workdir: Path, label: str) -> str:
    if not base_url:
        return f"sqlite:///{workdir / f'{label}.db'}"
    name = f"outreach_bench_{label}_{secrets.token_hex(4)}"
    with create_engine(base_url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def add_logs(count: int, volunteer_id: int, codes: list[str]) -> None:
    from outreach.extensions import db
    from outreach.models import SessionLog

    rng = random.Random(3)
    rows = [
        {
            "volunteer_id": volunteer_id,
            "held_on": date.today() - timedelta(days=rng.randrange(365)),
            "duration_minutes": 60,
            "venue": "bench",
            "area_code": rng.choice(codes),
            "format": "help_desk",
            "people_under_65": 0,
            "people_65_74": rng.randint(0, 3),
            "people_75_plus": rng.randint(1, 3),
            "people_age_unknown": 0,
            "languages": ["ja"],
            "note": "",
            "submission_key": f"bench-{n}",
        }
        for n in range(count)
    ]
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(SessionLog), rows[start : start + 5000])
    db.session.commit()


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return elapsed


def run_size(size: int, logs: int, url: str, workdir: Path) -> dict[str, float]:
    os.environ["OUTREACH_INSTANCE_PATH"] = str(workdir)
    from flask_migrate import upgrade

    from outreach import create_app
    from outreach.models import Role
    from outreach.services import insights_cache, survey, synthetic, tallies, users
    from outreach.services.area_import import import_files
    from outreach.services.demo import GEOJSON, STATISTICS

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
    )
    with app.app_context():
        upgrade()
        import_files(GEOJSON, STATISTICS, synthetic=True)
        staff = users.create_user("bench@example.jp", "Bench", Role.STAFF, "bench passphrase 1")
        users.commit()
        started = time.perf_counter()
        synthetic.generate(size)
        add_logs(logs, staff.id, [f["properties"]["code"] for f in insights_codes(GEOJSON)])
        load_time = time.perf_counter() - started
        started = time.perf_counter()
        tallies.refresh(survey.instruments())  # what `outreach insights refresh` does
        count_time = time.perf_counter() - started
    client = app.test_client()
    client.post("/en/login", data={"email": "bench@example.jp", "password": "bench passphrase 1"})
    figures = {"load_s": load_time, "count_s": count_time}
    for name, path in (("dashboard", "/en/insights/"), ("public", "/en/transparency/")):
        # Cold: new answers (today's) have just arrived and been counted (as a submission does
        # once its page is sent), and no figure is cached in this process (a new worker).
        # New: the same in a worker that has shown the page before (figures of months that are
        # over stay cached). Warm: the next request.
        for kind, forget in (("cold", True), ("new", False)):
            with app.app_context():
                synthetic.generate(NEW_ANSWERS, seed=size + len(figures), days=1)
                tallies.refresh(survey.instruments())
            if forget:
                insights_cache.clear_cache()
            figures[f"{name}_{kind}"] = timed(client, path)
        figures[f"{name}_warm"] = min(timed(client, path) for _ in range(3))
    with app.app_context():
        figures["model_s"] = model_time(app)
    return figures


def model_time(app) -> float:
    """The small-area fits of every measure and the shortlist's draws, on counts already read."""
    from outreach.services import insights, priorities, survey
    from outreach.services.survey_counts import ResponseFilter

    config, current = app.extensions["outreach_risk"], survey.instrument()
    cells = insights.survey_cells(current, ResponseFilter())
    result = insights.picture(ResponseFilter(), config)
    minimum = app.config["PUBLISH_MIN_CELL"]
    # CPU time of this process: what the work costs, whatever else shares the machine.
    started = time.process_time()
    for measure, found in cells.items():
        insights.measure_for_areas(measure, found, current, result.areas, minimum)
    priorities.standings(result.areas, result.measures, config)
    return time.process_time() - started


def insights_codes(path: Path) -> list[dict]:
    import json

    return json.loads(path.read_text(encoding="utf-8"))["features"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--logs", type=int, default=100000, help="session logs at the largest size")
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: SQLite files)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    kind = "postgresql" if args.database_url else "sqlite"
    print(f"# {kind}: dashboard and public page render times (in-process, seconds)")
    print(
        f"{'responses':>10} {'logs':>8} {'load':>7} {'count':>7} {'dash cold':>10} {'dash new':>9} {'dash warm':>10} {'pub cold':>9} {'pub new':>8} {'pub warm':>9} {'model':>7}"
    )
    previous = None
    for size in sizes:
        logs = max(1, args.logs * size // max(sizes))
        url = fresh_database(args.database_url, workdir, f"n{size}")
        figures = run_size(size, logs, url, workdir)
        print(
            f"{size:>10} {logs:>8} {figures['load_s']:>7.1f} {figures['count_s']:>7.1f} {figures['dashboard_cold']:>10.3f} {figures['dashboard_new']:>9.3f} "
            f"{figures['dashboard_warm']:>10.3f} {figures['public_cold']:>9.3f} {figures['public_new']:>8.3f} {figures['public_warm']:>9.3f} {figures['model_s']:>7.3f}"
        )
        if previous:
            grown = figures["dashboard_cold"] / previous[1]["dashboard_cold"]
            print(
                f"{'':>10} growth x{size / previous[0]:.0f} data -> x{grown:.1f} dashboard cold time"
            )
        previous = (size, figures)


if __name__ == "__main__":
    main()
