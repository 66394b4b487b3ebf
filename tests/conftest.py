import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with no cached pages, clinic details or rate-limit counts."""
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
