import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import sign_in

# For tests where transactions really commit: the live server's thread and the task
# worker use their own connections, and only see committed data. The data migrations'
# rows (service area, clinic details, groups) are put back after each such test, so
# later tests still find them.
real_commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
