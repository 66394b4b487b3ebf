"""`make bench-faults` runs: its quickest scenario, against the real stack, gives its figures."""

import os
import re
import subprocess
import sys

from tests.local_site import ROOT


def test_the_quick_load_scenario_runs_and_every_confirmation_is_kept():
    """A few patients for a few seconds against gunicorn, the worker and the scheduler:
    requests are confirmed, saved and emailed to staff, and the verdict says so."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.faults", "--quick", "--only", "load"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    confirmed = int(re.search(r"requests confirmed (\d+)", run.stdout).group(1))
    saved = int(re.search(r"rows saved (\d+)", run.stdout).group(1))
    emailed = int(re.search(r"staff emails delivered \d+ for (\d+) requests", run.stdout).group(1))
    assert confirmed > 0
    assert saved == emailed == confirmed
    assert re.search(r"POST latency p50 \d+ ms, p99 \d+ ms", run.stdout)
    assert "verdict: met" in run.stdout, run.stdout
