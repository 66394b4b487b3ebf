"""Helpers shared by the whole suite: how many examples a property tries, and the mark for
tests whose transactions really commit."""

import os

import pytest

# Property-based tests (hypothesis): `make test` runs the "default" profile, a few
# hundred examples per property; `make fuzz` runs HYPOTHESIS_PROFILE=long, many times
# more. tests/conftest.py registers and loads these profiles.
HYPOTHESIS_SCALES = {"default": 1, "long": 25}
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")


def examples(count: int) -> int:
    """How many examples a property tries: `count` under `make test`, more under `make fuzz`."""
    return count * HYPOTHESIS_SCALES[HYPOTHESIS_PROFILE]


# For tests where transactions really commit: the live server's thread and the task
# worker use their own connections, and only see committed data. The data migrations'
# rows (service area, clinic details, groups) are put back after each such test, so
# later tests still find them.
real_commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)
