"""Survey submissions under concurrent load, beside a bare Flask insert on the same machine.

Usage: python bench/survey_throughput.py [--threads 8] [--surveys 10] [--database-url URL]
                                        [--redis-url URL] [--residents 50 [--think 2]]

The production shape (docs/deployment.md) is PostgreSQL with the rate-limit counters in Redis:
pass both URLs. Without --redis-url the counters stay in each worker's memory, as on a single
machine with SQLite.

Starts gunicorn twice on 127.0.0.1 (Outreach with the Hirakata demo, and bench/bare_app.py),
then prints, from one run on one machine:
- the ceiling: a bare Flask endpoint doing one insert into the same kind of database
  (requests/s, p95);
- survey submissions: the final "send my answers" POST of complete surveys (per s, p95), and its
  ratio to the ceiling (target: at least 40 %), measured in alternating rounds so that both see
  the same machine load;
- the whole web survey, one question per page (surveys/s, requests/s, p95 per request);
- the weight of a survey page (HTML + CSS, raw and gzipped; target: under 30 KB);
- with --residents N: N residents answering the whole survey at once, each taking --think
  seconds (on average) over every page, and the p95 time of a survey page (target: under
  100 ms for 50 residents); with --think 0 they never pause, the worst case.
Every load is bounded by count; nothing leaves the machine.
"""

import argparse
import gzip
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_client import Browser
from insights_scale import fresh_database

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(app: str, env: dict, cwd: Path, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "-w",
        str(workers),
        "--no-control-socket",
        "-b",
        f"127.0.0.1:{port}",
        app,
    ]
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process, port
        except urllib.error.HTTPError:
            return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def run_threads(threads: int, work) -> tuple[float, list]:
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(work, range(threads)))
    return time.perf_counter() - started, results


def answer(browser: Browser, html: str, path: str) -> str:
    """Choose the first option (first real neighbourhood, 2 for numbers) and continue."""
    data = {"csrf_token": browser.token(html), "action": "next"}
    select = re.search(r'<select[^>]*name="answer".*?</select>', html, re.S)
    if select:
        data["answer"] = re.findall(r'<option value="([^"]+)"', select.group(0))[2]
    elif 'type="radio"' in html or 'type="checkbox"' in html:
        data["answer"] = re.search(
            r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', html
        ).group(1)
    elif 'inputmode="numeric"' in html:
        data["answer"] = "2"
    status, location, _ = browser.request("POST", path, data)
    if status != 302:
        raise RuntimeError(f"answering {path} failed with HTTP {status}")
    return location


def walk(port: int, pause=lambda: None) -> tuple[Browser, str]:
    """Answer every question up to the check page, calling `pause()` while reading each page;
    return the browser and the check page's token."""
    browser = Browser(port)
    _, _, page = browser.request("GET", "/en/survey/")
    pause()
    _, location, _ = browser.request(
        "POST", "/en/survey/start", {"csrf_token": browser.token(page)}
    )
    while "/q/" in location:
        _, _, html = browser.request("GET", location)
        pause()
        location = answer(browser, html, location)
    _, _, html = browser.request("GET", "/en/survey/check")
    return browser, browser.token(html)


def submit(prepared: tuple[Browser, str]) -> float:
    browser, token = prepared
    started = time.perf_counter()
    status, location, _ = browser.request("POST", "/en/survey/submit", {"csrf_token": token})
    if status != 302 or not location.endswith("/thanks"):
        raise RuntimeError(f"submission failed: HTTP {status} -> {location}")
    return time.perf_counter() - started


def ceiling_round(port: int, threads: int, per_thread: int) -> tuple[float, list[float]]:
    def work(_: int) -> list[float]:
        browser = Browser(port)
        for n in range(per_thread):
            browser.request("POST", "/insert", {"body": f"row {n}"})
        return browser.timings

    elapsed, timings = run_threads(threads, work)
    flat = [t for ts in timings for t in ts]
    return len(flat) / elapsed, flat


def submit_round(batches: list[list]) -> tuple[float, list[float]]:
    elapsed, timings = run_threads(len(batches), lambda i: [submit(b) for b in batches[i]])
    flat = [t for ts in timings for t in ts]
    return len(flat) / elapsed, flat


def bench_survey(port: int, bare_port: int, args: argparse.Namespace) -> dict[str, float]:
    """Walk every survey first; then alternate a ceiling round and a submission round of the
    same size, so both see the same machine load, and take the median of the per-round ratios."""
    threads, per_thread = args.threads, args.surveys
    walk_started = time.perf_counter()
    _, prepared = run_threads(threads, lambda _: [walk(port) for _ in range(per_thread)])
    walk_elapsed = time.perf_counter() - walk_started
    requests = [t for browsers in prepared for b, _ in browsers for t in b.timings]
    size = max(1, per_thread // args.rounds)
    ratios, ceilings, rates, ceiling_times, submit_times = [], [], [], [], []
    for start in range(0, per_thread, size):
        ceiling, c_times = ceiling_round(bare_port, threads, size)
        rate, s_times = submit_round([batch[start : start + size] for batch in prepared])
        ratios.append(rate / ceiling)
        ceilings.append(ceiling)
        rates.append(rate)
        ceiling_times += c_times
        submit_times += s_times
    return {
        "ratio": statistics.median(ratios),
        "ceiling": statistics.median(ceilings),
        "ceiling_p95": p95(ceiling_times),
        "submissions_per_s": statistics.median(rates),
        "submit_p95": p95(submit_times),
        "rounds": len(ratios),
        "surveys_per_s": threads * per_thread / walk_elapsed,
        "requests_per_s": len(requests) / walk_elapsed,
        "request_p95": p95(requests),
        "submitted": len(submit_times),
    }


def bench_residents(port: int, residents: int, think: float) -> dict[str, float]:
    """`residents` people answer the whole survey and send it, all at once; each spends a random
    0.5-1.5 x `think` seconds on every page, and they start within one `think` of each other."""

    def resident(number: int) -> list[float]:
        rng = random.Random(number)
        time.sleep(rng.uniform(0, think))
        browser, token = walk(port, lambda: time.sleep(rng.uniform(0.5, 1.5) * think))
        time.sleep(rng.uniform(0.5, 1.5) * think)
        submit((browser, token))
        return browser.timings

    elapsed, timings = run_threads(residents, resident)
    flat = [t for ts in timings for t in ts]
    return {
        "p95": p95(flat),
        "median": statistics.median(flat),
        "slowest": max(flat),
        "requests": len(flat),
        "requests_per_s": len(flat) / elapsed,
    }


def page_weight(port: int) -> tuple[int, int]:
    browser = walk_one_page(port)
    html = browser
    css_path = re.search(r'href="(/static/css/site\.css\?v=[^"]+)"', html).group(1)
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{css_path}") as response:
        css = response.read()
    raw = len(html.encode()) + len(css)
    return raw, len(gzip.compress(html.encode())) + len(gzip.compress(css))


def walk_one_page(port: int) -> str:
    browser = Browser(port)
    _, _, page = browser.request("GET", "/en/survey/")
    _, location, _ = browser.request(
        "POST", "/en/survey/start", {"csrf_token": browser.token(page)}
    )
    _, _, html = browser.request("GET", location)
    return html


def bare_database(server_url: str | None, workdir: Path) -> str:
    """What bench/bare_app.py inserts into: a new database on the server, or a SQLite file."""
    return fresh_database(server_url, workdir, "bare") if server_url else str(workdir / "bare.db")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--surveys", type=int, default=10, help="complete surveys per thread")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="alternating measurement rounds")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server URL (new databases are made on it)"
    )
    parser.add_argument("--redis-url", help="keep the rate-limit counters in this Redis")
    parser.add_argument(
        "--residents", type=int, default=0, help="also time pages for N residents at once"
    )
    parser.add_argument(
        "--think", type=float, default=2.0, help="a resident's mean seconds on a page"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    env = {
        **os.environ,
        "OUTREACH_INSTANCE_PATH": str(workdir),
        "SECRET_KEY": secrets.token_hex(16),
        # A new database on the server (PostgreSQL), or a new SQLite file.
        "DATABASE_URL": fresh_database(args.database_url, workdir, "survey"),
        "BARE_DB": bare_database(args.database_url, workdir),
        # Every benchmark client comes from 127.0.0.1: one address, far above a resident's limit.
        "SURVEY_RATE_LIMIT": "1000000 per minute",
        "RATELIMIT_STORAGE_URI": args.redis_url or "memory://",
    }
    subprocess.run(
        [str(BIN / "outreach"), "demo", "--no-serve"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    servers = []
    try:
        outreach, port = serve("outreach:create_app()", env, BENCH.parent, args.workers)
        bare, bare_port = serve("bare_app:app", env, BENCH, args.workers)
        servers = [outreach, bare]
        report(args, port, bare_port)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def report(args: argparse.Namespace, port: int, bare_port: int) -> None:
    total = args.threads * args.surveys
    where = "Redis" if args.redis_url else "worker memory"
    print(
        f"# {args.threads} concurrent clients, {total} complete surveys, gunicorn -w {args.workers},"
        f" rate-limit counters in {where}"
    )
    result = bench_survey(port, bare_port, args)
    print(
        f"bare Flask insert (ceiling):   {result['ceiling']:8.1f} req/s   p95 {result['ceiling_p95'] * 1000:7.1f} ms"
    )
    print(
        f"survey submissions:            {result['submissions_per_s']:8.1f} /s      p95 {result['submit_p95'] * 1000:7.1f} ms"
        f"   = {result['ratio']:.0%} of the ceiling (median of {result['rounds']} alternating rounds; target >= 40 %)"
    )
    print(
        f"whole web survey (1 q/page):   {result['surveys_per_s']:8.1f} surveys/s, {result['requests_per_s']:.1f} req/s,"
        f" p95 {result['request_p95'] * 1000:.1f} ms per request"
    )
    raw, zipped = page_weight(port)
    print(
        f"survey page weight:            {raw / 1024:8.1f} KB HTML+CSS ({zipped / 1024:.1f} KB gzipped; target < 30 KB)"
    )
    print(f"submitted {result['submitted']} surveys")
    if args.residents:
        seen = bench_residents(port, args.residents, args.think)
        print(
            f"{args.residents} residents at once ({args.think:g} s a page): p95 {seen['p95'] * 1000:.1f} ms per survey page"
            f" (median {seen['median'] * 1000:.1f} ms, slowest {seen['slowest'] * 1000:.0f} ms;"
            f" {seen['requests']} requests, {seen['requests_per_s']:.1f} req/s; target p95 < 100 ms)"
        )


if __name__ == "__main__":
    main()
