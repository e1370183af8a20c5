"""How long counting bulk-loaded survey responses into the tallies takes (what
`outreach insights refresh --rebuild` does after an import or an upgrade).

Usage: python bench/tally_count.py [--size 1000000] [--database-url postgresql+psycopg://…]

Loads the Hirakata demo areas and `--size` synthetic responses into a new database, then counts
them all twice (each time from an empty set of tallies) and prints the times.
Target: under 60 s for 1,000,000 responses on PostgreSQL. Nothing leaves the machine.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: SQLite file)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    os.environ["OUTREACH_INSTANCE_PATH"] = str(workdir)
    url, name = f"sqlite:///{workdir / 'count.db'}", None
    if args.database_url:
        name = f"outreach_bench_count_{secrets.token_hex(4)}"
        with create_engine(args.database_url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.database_url).set(database=name).render_as_string(hide_password=False)
    try:
        run(url, args.size)
    finally:
        if name:
            with create_engine(args.database_url, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


def run(url: str, size: int) -> None:
    from flask_migrate import upgrade

    from outreach import create_app
    from outreach.extensions import db
    from outreach.services import survey, synthetic, tallies
    from outreach.services.area_import import import_files
    from outreach.services.demo import GEOJSON, STATISTICS

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        import_files(GEOJSON, STATISTICS, synthetic=True)
        db.session.commit()
        started = time.perf_counter()
        synthetic.generate(size)
        print(f"loaded {size} responses in {time.perf_counter() - started:.1f} s")
        for _ in range(2):
            started = time.perf_counter()
            counted = tallies.rebuild(survey.instruments())
            print(f"counted {counted} responses in {time.perf_counter() - started:.1f} s")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
