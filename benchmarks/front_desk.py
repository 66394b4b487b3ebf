"""`python -m benchmarks.front_desk`: the front desk's list with 100,000 requests.

Makes 100,000 made-up requests (manage.py make_test_callback_requests, with their
calls) in a throw-away SQLite database, and again in a throw-away PostgreSQL
database when DATABASE_URL points at PostgreSQL (its user must be allowed to
create databases), then measures, as a signed-in member of the Front desk group
with production settings and Django's test client:

- server time (median of several runs) and database queries for the list page,
  a status filter, the overdue filter, a search by phone number and the page
  "How the front desk is doing"
  (targets: under 250 ms, at most 10 queries);
- the CSV download of all rows: time to the first byte, total time, and the
  peak of Python's memory while it is written (tracemalloc), beside the peak for a
  download of a tenth as many rows: a download that streams has about the same peak.

Absolute times drift between machines and with load; the query counts do not.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
import uuid
from pathlib import Path

from tests.local_site import ROOT, site_environment

TARGET_MS = 250
TARGET_QUERIES = 10
LIST = "/admin/appointments/callbackrequest/"
EXPORT = LIST + "export/"
FIGURES = LIST + "figures/"  # how the front desk is doing: every request of the last 30 days
PAGES = {
    "list page": "",
    "status filter (new)": "status=new",
    "status filter (closed)": "status=closed",
    "overdue filter": "overdue=yes",
    "search by phone": "q=%28413%29+555-0142",
    "due later today": "due=today",
    "county": "county=Hampden",
    "search by town": "q=Holyoke",
}


def child_environment(var_dir: Path, database_url: str = "") -> dict:
    env = site_environment(var_dir, 8000, DATABASE_URL=database_url, LOG_LEVEL="ERROR")
    return env | {"DJANGO_ALLOW_ASYNC_UNSAFE": "true", "PYTHONPATH": str(ROOT)}


def measure(client, path: str, runs: int) -> tuple[float, int]:
    """Median milliseconds of `runs` GETs, of this process's CPU for them, and the queries
    of one, after one to warm up.

    On a busy machine the CPU time says what the request itself cost (on SQLite the
    database's work is in this process too; PostgreSQL's is not).

    The warm-up also takes the staff session's occasional write (its last-seen time,
    staff/session_limits.py) out of the count: a page in steady use does not make it."""
    from django.db import connection

    # Counted as they run: Django empties its own query log when each request starts.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    client.get(path)
    with connection.execute_wrapper(count):
        response = client.get(path)
        body = response.getvalue() if response.streaming else response.content
    if response.status_code != 200 or not body:
        raise SystemExit(f"{path} answered {response.status_code}")
    times, cpu_times = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        if response.streaming:
            response.getvalue()
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), statistics.median(cpu_times), len(queries)


def download(client, path: str) -> tuple[float, float, int]:
    """Milliseconds to the first byte and to the last, and the rows written."""
    started = time.perf_counter()
    response = client.get(path)
    lines = 0
    first = None
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        if first is None:
            first = time.perf_counter()
        lines += chunk.count(b"\n")
    done = time.perf_counter()
    response.close()
    return (first - started) * 1000, (done - started) * 1000, lines - 1


def download_peak(client, path: str) -> float:
    """The peak of Python's allocated memory (MB) while the download is made and read."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        download(client, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - base) / 1e6


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def run_child(rows: int, runs: int, label: str) -> None:
    """In a process of its own, with the settings in the environment: make data, measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from appointments.models import CallAttempt, CallbackRequest
    from appointments.test_data import make_test_requests
    from tests.factories import make_staff_user, sign_in

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the admin's pages need it
    user = make_staff_user("frontdesk", groups=["Front desk"])
    started = time.perf_counter()
    make_test_requests(rows, seed=1)
    made_in = time.perf_counter() - started
    client = sign_in(Client(HTTP_HOST="127.0.0.1"), user)

    print(f"\n== Front desk's list, {label}: {CallbackRequest.objects.count()} requests ", end="")
    print(f"({CallAttempt.objects.count()} calls), made in {made_in:.1f} s ==")
    target = f"target <{TARGET_MS} ms, <={TARGET_QUERIES}"
    print(f"{'page':<26} {'median ms':>10} {'CPU ms':>8} {'queries':>8}   {target}")
    for name, query in PAGES.items():
        milliseconds, cpu, queries = measure(client, f"{LIST}?{query}", runs)
        met = milliseconds < TARGET_MS and queries <= TARGET_QUERIES
        print(f"{name:<26} {milliseconds:10.1f} {cpu:8.1f} {queries:8d}   {verdict(met)}")
    milliseconds, cpu, queries = measure(client, FIGURES, runs)
    met = milliseconds < TARGET_MS and queries <= TARGET_QUERIES
    print(f"{'figures page':<26} {milliseconds:10.1f} {cpu:8.1f} {queries:8d}   {verdict(met)}")

    every = f"{EXPORT}?status=all"  # closed ones too: the list shows open ones by default
    first_ms, total_ms, written = download(client, every)
    closed_share = urllib.parse.urlencode({"status": "all", "received_at__gte": recent_tenth(rows)})
    peak_all = download_peak(client, every)
    _, _, tenth_rows = download(client, f"{EXPORT}?{closed_share}")
    peak_tenth = download_peak(client, f"{EXPORT}?{closed_share}")
    print(f"CSV download of {written} rows: first byte {first_ms:.0f} ms, all {total_ms:.0f} ms")
    growth = peak_all / peak_tenth if peak_tenth else float("inf")
    print(
        f"  peak memory {peak_all:.1f} MB for {written} rows, {peak_tenth:.1f} MB for "
        f"{tenth_rows} rows: x{growth:.1f} for x{written / max(tenth_rows, 1):.0f} the rows"
    )
    streams = first_ms < TARGET_MS and growth < 2
    print(
        f"  streams in constant memory (first byte <{TARGET_MS} ms, peak < x2): {verdict(streams)}"
    )


def recent_tenth(rows: int) -> str:
    """The received time after which about a tenth of the requests came in."""
    from appointments.models import CallbackRequest

    moment = (
        CallbackRequest.objects.order_by("-received_at")
        .values_list("received_at", flat=True)[rows // 10 : rows // 10 + 1]
        .get()
    )
    return moment.isoformat()


def postgres_copy(database_url: str):
    """A new, empty database beside DATABASE_URL's (same server and user), and how to drop it."""
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    name = f"neec_bench_{uuid.uuid4().hex[:8]}"
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))

    def run(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(sql)

    run(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="requests to make")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each page")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.rows, args.runs, args.child)
        return

    database_url = os.environ.get("DATABASE_URL", "")
    backends = [("SQLite", "")]
    if database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        backends.append(("PostgreSQL", database_url))
    for label, url in backends:
        var_dir = Path(tempfile.mkdtemp(prefix="neec-bench-desk-"))
        drop = None
        try:
            if url:
                url, drop = postgres_copy(url)
            command = [sys.executable, "-m", "benchmarks.front_desk", "--child", label]
            command += ["--rows", str(args.rows), "--runs", str(args.runs)]
            subprocess.run(command, cwd=ROOT, env=child_environment(var_dir, url), check=True)
        finally:
            if drop is not None:
                drop()
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
