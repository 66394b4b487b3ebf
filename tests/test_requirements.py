"""The lock files in requirements/ agree with each other and with pyproject.toml."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
TEST_TOOLS = [Requirement(line) for line in PROJECT["optional-dependencies"]["test"]]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")


def read_lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Each package pinned in requirements/<name>: its version and the hashes allowed."""
    pins = {}
    package = None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if match := PIN.match(line):
            package = canonicalize_name(match[1])
            pins[package] = (match[2], frozenset())
        elif package and (hashes := HASH.findall(line)):
            version, known = pins[package]
            pins[package] = (version, known | set(hashes))
        elif not line.startswith(" "):
            package = None
    return pins


RUN_LOCK = read_lock("run.txt")
TEST_LOCK = read_lock("test.txt")


def test_every_locked_package_has_a_hash():
    """pip's --require-hashes mode can install both files: no pin lacks its hashes."""
    for lock in (RUN_LOCK, TEST_LOCK):
        assert lock
        assert [name for name, (_, hashes) in lock.items() if not hashes] == []


def test_run_lock_pins_what_test_lock_pins():
    """Each package in run.txt is in test.txt at the same version, with the same hashes."""
    differ = {
        name: (pin, TEST_LOCK.get(name))
        for name, pin in RUN_LOCK.items()
        if TEST_LOCK.get(name) != pin
    }
    assert differ == {}


@pytest.mark.parametrize(
    ("requirement", "lock"),
    [(r, "run.txt") for r in RUNTIME] + [(r, "test.txt") for r in RUNTIME + TEST_TOOLS],
    ids=str,
)
def test_every_dependency_is_locked_within_its_range(requirement, lock):
    """pyproject.toml and the lock files were not left apart (`make lock` after an edit)."""
    pins = RUN_LOCK if lock == "run.txt" else TEST_LOCK
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is missing from requirements/{lock}"
    assert requirement.specifier.contains(pins[name][0], prereleases=True)


@pytest.mark.parametrize("requirement", RUNTIME + TEST_TOOLS, ids=str)
def test_every_range_in_pyproject_has_an_upper_bound(requirement):
    """No open-ended range such as `redis>=5`: `make upgrade` never crosses a major version."""
    operators = {spec.operator for spec in requirement.specifier}
    assert operators & {"<", "<=", "==", "~=", "==="}, f"{requirement} has no upper bound"
