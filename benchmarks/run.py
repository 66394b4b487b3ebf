"""`make bench`: speed and size of the site as it runs in production.

Starts the production stack (gunicorn with 2 workers, whitenoise, the task
worker) on a free port with its own throw-away data folder, then prints:

1. requests per second for the port-placement explainer, in English and in
   Spanish, and for one static file of the same site (wrk), and the ratio of
   each explainer to the static file (target: 0.9 or better);
2. each explainer's compressed weight: its HTML, CSS and JS (target: 40 KB);
3. the median time to send a callback request with the SMTP server reachable
   and with it unreachable (refusing connections, or accepting and never
   answering), and their ratios (target: 1.1 or less);
4. what the access log costs: the explainer's requests per second under
   `make run`'s stack (supervisord, gunicorn writing its access log to
   VAR_DIR/log/access.log) against the same gunicorn without an access log,
   and their ratio (target: 0.9 or better).

Absolute numbers drift between machines; compare the ratios, taken in one run.
"""

import argparse
import contextlib
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path

from benchmarks.mail import MailServer
from benchmarks.patients import Patient
from tests.local_site import (
    BIN,
    EXPLAINER,
    EXPLAINER_BUDGET,
    ROOT,
    SPANISH_EXPLAINER,
    free_port,
    manage,
    prepare,
    running_site,
    site_environment,
    supervised_site,
    wait_for_site,
)


def bench_environment(var_dir: Path, email_url: str) -> dict:
    return site_environment(
        var_dir,
        free_port(),
        EMAIL_URL=email_url,
        # The benchmark sends many requests from one address, as fast as it can.
        CALLBACK_RATE_LIMIT="100000/h",
        CALLBACK_MIN_FILL_SECONDS="0",
    )


def wrk(url: str, seconds: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "-H", "Accept-Encoding: gzip, br", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url} answered {errors.group(1)} errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def fetch(url: str, encoding: str = "gzip, br") -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


def page_weight(base: str, explainer: str = EXPLAINER) -> list[tuple[str, int, str]]:
    """Compressed bytes of the explainer's HTML and every stylesheet and script it loads."""
    html, headers = fetch(base + explainer)
    parts = [(explainer, len(html), headers.get("Content-Encoding", "none"))]
    plain, _ = fetch(base + explainer, encoding="identity")
    assets = re.findall(rb'<(?:link rel="stylesheet" href|script[^>]* src)="([^"]+)"', plain)
    for asset in assets:
        body, headers = fetch(base + asset.decode())
        parts.append((asset.decode(), len(body), headers.get("Content-Encoding", "none")))
    return parts


def static_file_path(base: str) -> str:
    plain, _ = fetch(base + EXPLAINER, encoding="identity")
    return re.search(rb'<link rel="stylesheet" href="([^"]+)"', plain).group(1).decode()


# The explainer in each language, each held to the same ratio and budget.
EXPLAINERS = {"explainer": EXPLAINER, "explainer (es)": SPANISH_EXPLAINER}


def bench_pages(base: str, seconds: int) -> None:
    css = static_file_path(base)
    for url in (*(base + path for path in EXPLAINERS.values()), base + css):
        wrk(url, 2)  # warm up: fill the page cache, start both workers
    # Each explainer, then the static file, in turn: machine noise falls on all alike.
    rps = {name: wrk(base + path, seconds) for name, path in EXPLAINERS.items()}
    static_rps = wrk(base + css, seconds)
    print("\n== Requests per second (wrk -t2 -c32, gzip accepted) ==")
    for name, path in EXPLAINERS.items():
        print(f"{name:<15} {path:<40} {rps[name]:10.0f}")
    print(f"{'static':<15} {css:<40} {static_rps:10.0f}")
    for name in EXPLAINERS:
        ratio = rps[name] / static_rps
        verdict = "met" if ratio >= 0.9 else "MISSED"
        print(f"ratio {name}/static: {ratio:.2f}  (target >= 0.90: {verdict})")

    for name, path in EXPLAINERS.items():
        print(f"\n== {name.capitalize()} weight, compressed, content images aside ==")
        parts = page_weight(base, path)
        for part, size, encoding in parts:
            print(f"{part:<50} {size:7d} bytes  ({encoding})")
        total = sum(size for _, size, _ in parts)
        verdict = "met" if total <= EXPLAINER_BUDGET else "MISSED"
        budget = f"{EXPLAINER_BUDGET / 1024:g} KB"
        print(f"total {total} bytes = {total / 1024:.1f} KB  (budget {budget}: {verdict})")


@contextlib.contextmanager
def smtp_server(mode: str):
    """An EMAIL_URL for each case: a real SMTP server, a closed port, or one that never answers."""
    if mode == "reachable":
        with MailServer() as server:
            yield server.url
    elif mode == "refused":
        yield f"smtp://127.0.0.1:{free_port()}"  # nothing listens there
    else:  # "silent": accepts the connection, never says a word, until the mailer's timeout
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(100)
        held = []
        stop = threading.Event()

        def hold():
            listener.settimeout(0.2)
            while not stop.is_set():
                try:
                    held.append(listener.accept()[0])
                except TimeoutError:
                    continue

        thread = threading.Thread(target=hold, daemon=True)
        thread.start()
        try:
            yield f"smtp://127.0.0.1:{listener.getsockname()[1]}?timeout=10"
        finally:
            stop.set()
            thread.join()
            for connection in held:
                connection.close()
            listener.close()


CASES = {
    "reachable": "SMTP reachable",
    "refused": "SMTP unreachable (connection refused)",
    "silent": "SMTP unreachable (accepts, never answers)",
}


def bench_callbacks(var_dir: Path, count: int) -> None:
    """Three copies of the site run side by side, one per email case; POSTs take turns among
    them, so machine noise falls on every case alike."""
    print(f"\n== Callback request: the POST alone (redirect not followed), median of {count} ==")
    with contextlib.ExitStack() as stack:
        patients = {}
        for case in CASES:
            case_dir = Path(tempfile.mkdtemp(prefix=f"neec-bench-{case}-"))
            stack.callback(shutil.rmtree, case_dir, ignore_errors=True)
            shutil.copytree(var_dir, case_dir, dirs_exist_ok=True)
            email_url = stack.enter_context(smtp_server(case))
            env = bench_environment(case_dir, email_url)
            patients[case] = Patient(stack.enter_context(running_site(env)))
        times = {case: [] for case in CASES}
        for round_number in range(count + 3):
            for case, patient in patients.items():
                seconds = patient.send()
                if round_number >= 3:  # the first rounds warm up
                    times[case].append(seconds)
    medians = {case: statistics.median(values) for case, values in times.items()}
    for case, median in medians.items():
        print(f"{CASES[case]:<45} {median * 1000:8.1f} ms")
    for case in ("refused", "silent"):
        ratio = medians[case] / medians["reachable"]
        verdict = "met" if ratio <= 1.1 else "MISSED"
        print(f"ratio {case}/reachable: {ratio:.2f}  (target <= 1.10: {verdict})")


@contextlib.contextmanager
def gunicorn_without_access_log(env: dict):
    """config/gunicorn.py's gunicorn, alone (no supervisor), with no access log."""
    config = "benchmarks/gunicorn_without_access_log.py"
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "--config", config],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        wait_for_site(base, 60)
        yield base
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def bench_access_log(var_dir: Path, seconds: int, rounds: int = 3) -> None:
    """Both stacks run side by side, idle but for the one wrk is loading; the runs take turns,
    so machine noise falls on both alike. The ratio is of the medians."""
    print(f"\n== Access log: explainer requests per second, median of {rounds} runs ==")
    env = bench_environment(var_dir, "console://")
    plain_env = env | {"PORT": str(free_port())}
    access_log = var_dir / "log" / "access.log"
    with supervised_site(env) as site, gunicorn_without_access_log(plain_env) as plain:
        for base in (site.base, plain):
            wrk(base + EXPLAINER, 2)  # warm up: fill the page cache, start every worker
        logged_before = access_log.stat().st_size
        rps = {"logged": [], "plain": []}
        for _ in range(rounds):
            rps["logged"].append(wrk(site.base + EXPLAINER, seconds))
            rps["plain"].append(wrk(plain + EXPLAINER, seconds))
        if access_log.stat().st_size <= logged_before:
            raise SystemExit(f"{access_log} did not grow: the access log was not written.")
    logged, without = statistics.median(rps["logged"]), statistics.median(rps["plain"])
    print(f"make run's stack, access log in {access_log.name:<14} {logged:10.0f}")
    print(f"the same gunicorn, no access log {'':<15} {without:10.0f}")
    ratio = logged / without
    verdict = "met" if ratio >= 0.9 else "MISSED"
    print(f"ratio with/without access log: {ratio:.2f}  (target >= 0.90: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--posts", type=int, default=40, help="callback POSTs per email case")
    parser.add_argument(
        "--only", choices=["pages", "callbacks", "access-log"], help="run one part alone"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    var_dir = Path(tempfile.mkdtemp(prefix="neec-bench-"))
    try:
        env = bench_environment(var_dir, "console://")
        prepare(env)
        manage(env, "clear_page_cache")
        if args.only in (None, "pages"):
            with running_site(env) as base:
                bench_pages(base, args.seconds)
        if args.only in (None, "callbacks"):
            bench_callbacks(var_dir, args.posts)
        if args.only in (None, "access-log"):
            bench_access_log(var_dir, args.seconds)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
