"""The daily job that deletes sessions nobody came back to."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from staff.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


def test_expired_sessions_are_deleted_and_live_ones_kept():
    """A session past its expiry goes; one still running stays."""
    for key in ("expired", "running"):
        store = SessionStore()
        store["who"] = key
        store.create()
        if key == "expired":
            Session.objects.filter(pk=store.session_key).update(
                expire_date=timezone.now() - timedelta(seconds=1)
            )
    assert clear_expired_sessions.call() == 1
    [left] = Session.objects.all()
    assert left.get_decoded() == {"who": "running"}
