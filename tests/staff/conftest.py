"""Staff members for the sign-in tests; tests/staff/helpers.py signs them in for real."""

import pytest

from tests.factories import authenticator_for, make_staff_user


@pytest.fixture
def front_desk_user(db):
    """A front-desk member with an authenticator app connected."""
    user = make_staff_user("frontdesk", groups=["Front desk"])
    authenticator_for(user)
    return user


@pytest.fixture
def new_staff_user(db):
    """A front-desk member signing in for the first time: no authenticator app yet."""
    return make_staff_user("newcomer", groups=["Front desk"])
