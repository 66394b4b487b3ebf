import pytest
from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.factories import sign_in
from tests.helpers import HYPOTHESIS_PROFILE, HYPOTHESIS_SCALES

# Property-based tests (hypothesis): `make test` runs the "default" profile, a few
# hundred examples per property; `make fuzz` runs HYPOTHESIS_PROFILE=long, many times
# more. Examples that once failed are kept in .hypothesis/ (ignored by git) and tried
# first next time. A test client and the database live for a whole test, across its
# examples: each property counts rows before and after each example, not from zero.
for name in HYPOTHESIS_SCALES:
    settings.register_profile(
        name,
        deadline=None,  # the machine's load decides a request's time, not the input
        print_blob=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
settings.load_profile(HYPOTHESIS_PROFILE)


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with no cached pages, clinic details or rate-limit counts."""
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client (a client of its own, beside `client`), signed in with
    both factors as the staff site requires."""
    return sign_in(Client(), admin_user)
