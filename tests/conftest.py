import pytest
from django.core.cache import caches

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
