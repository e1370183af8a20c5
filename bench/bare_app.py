"""The ceiling: a bare Flask endpoint doing one insert, on the same database kind as Outreach."""

import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)
DB = os.environ["BARE_DB"]


def _connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB, timeout=15)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


with _connect() as setup:
    setup.execute("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, body TEXT)")


@app.post("/insert")
def insert():
    with _connect() as conn:
        conn.execute("INSERT INTO hits (body) VALUES (?)", (request.form.get("body", ""),))
    return "ok"
