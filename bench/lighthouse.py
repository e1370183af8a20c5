"""Lighthouse (mobile profile) on the public figures page and the staff dashboard.

Usage: python bench/lighthouse.py [--runs 3] [--lang ja] [--page /transparency/ ...]

Loads the Hirakata demo into a new SQLite file, serves it with gunicorn on 127.0.0.1, signs in
as the demo staff account (no second step: only administrators and coordinators have one) and
runs npm's `lighthouse` (package.json devDependencies; `npm ci` first) against the system
Chromium, found as the browser tests find it (tests/support/browser/find_chromium.py).

Prints, per page, the median of --runs runs: the performance score (target: at least 90), total
blocking time (target: under 600 ms), largest contentful paint, JavaScript transferred (target:
under 500 KB), all bytes transferred, and the SEO score (the meta description counts there). Lighthouse runs offline: nothing leaves the machine.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests" / "support" / "browser"))
from find_chromium import find_chromium  # noqa: E402 - stdlib only, shared with the tests
from http_client import Browser  # noqa: E402
from survey_throughput import BIN, serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
#: The flags the browser tests use (tests/support/browser/chromium.py), headless.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
#: (label, path after the language, signed in as staff?)
PAGES = [("public figures", "/transparency/", False), ("staff dashboard", "/insights/", True)]


def staff_cookie(port: int, instance: Path, lang: str) -> str:
    """The Cookie header of a signed-in demo staff session."""
    email = "staff@hirakata.example.jp"
    password = json.loads((instance / "demo-accounts.json").read_text())[email]
    browser = Browser(port)
    _, _, html = browser.request("GET", f"/{lang}/login")
    data = {"csrf_token": browser.token(html), "email": email, "password": password}
    status, location, _ = browser.request("POST", f"/{lang}/login", data)
    if status != 302 or "workspace" not in location:
        raise RuntimeError(f"staff sign-in failed: HTTP {status} to {location!r}")
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def lighthouse(url: str, chromium: str, cookie: str | None) -> dict:
    """One Lighthouse run (mobile emulation and throttling: its defaults), as its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance,seo",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    done = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def figures(report: dict, url: str) -> dict[str, float]:
    if report.get("finalDisplayedUrl", url) != url:
        raise RuntimeError(f"{url} ended on {report['finalDisplayedUrl']} (not signed in?)")
    audits = report["audits"]
    by_type = {i["resourceType"]: i for i in audits["resource-summary"]["details"]["items"]}
    return {
        "score": round(100 * report["categories"]["performance"]["score"]),
        "seo": round(100 * report["categories"]["seo"]["score"]),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "js_kb": by_type.get("script", {}).get("transferSize", 0) / 1024,
        "total_kb": by_type.get("total", {}).get("transferSize", 0) / 1024,
    }


def median_run(url: str, chromium: str, cookie: str | None, runs: int) -> dict[str, float]:
    results = [figures(lighthouse(url, chromium, cookie), url) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median printed)")
    parser.add_argument("--lang", default="ja", help="the language of the pages (URL code)")
    args = parser.parse_args()
    chromium = find_chromium()
    if not chromium or not LIGHTHOUSE.exists():
        sys.exit("needs Chromium (see tests/support/browser/find_chromium.py) and `npm ci`")
    workdir = Path(tempfile.mkdtemp(prefix="outreach-lighthouse-"))
    env = {
        **os.environ,
        "OUTREACH_INSTANCE_PATH": str(workdir),
        "SECRET_KEY": secrets.token_hex(16),
        "DATABASE_URL": f"sqlite:///{workdir / 'lighthouse.db'}",
    }
    subprocess.run(
        [str(BIN / "outreach"), "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server, port = serve("outreach:create_app()", env, ROOT, 2)
    try:
        cookie = staff_cookie(port, workdir, args.lang)
        print(f"# Lighthouse {_version()} mobile, median of {args.runs}, /{args.lang}/ pages")
        print(
            f"{'page':<16} {'score':>5} {'TBT ms':>7} {'LCP s':>6} {'JS KB':>7} {'all KB':>7}"
            f" {'SEO':>4}"
        )
        for label, path, signed_in in PAGES:
            url = f"http://127.0.0.1:{port}/{args.lang}{path}"
            found = median_run(url, chromium, cookie if signed_in else None, args.runs)
            print(
                f"{label:<16} {found['score']:>5.0f} {found['tbt_ms']:>7.0f} "
                f"{found['lcp_s']:>6.1f} {found['js_kb']:>7.1f} {found['total_kb']:>7.1f}"
                f" {found['seo']:>4.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _version() -> str:
    done = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


if __name__ == "__main__":
    main()
