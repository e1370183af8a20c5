"""The ceiling: a bare Flask endpoint doing one insert, on the same database kind as Outreach.

BARE_DB is a SQLite file path, or a postgresql:// URL (one connection per sync worker).
"""

import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)
DB = os.environ["BARE_DB"]


def _sqlite() -> sqlite3.Connection:
    conn = sqlite3.connect(DB, timeout=15)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


if DB.startswith("postgresql"):
    import psycopg

    _pg = psycopg.connect(DB.replace("postgresql+psycopg", "postgresql"), autocommit=True)
    _pg.execute("CREATE TABLE IF NOT EXISTS bare_hits (id serial PRIMARY KEY, body text)")

    @app.post("/insert")
    def insert():
        _pg.execute("INSERT INTO bare_hits (body) VALUES (%s)", (request.form.get("body", ""),))
        return "ok"

else:
    with _sqlite() as setup:
        setup.execute("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, body TEXT)")

    @app.post("/insert")
    def insert():
        with _sqlite() as conn:
            conn.execute("INSERT INTO hits (body) VALUES (?)", (request.form.get("body", ""),))
        return "ok"
