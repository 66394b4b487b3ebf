"""Backup codes: shown to their owner only, renewed on request, each usable once."""

import pytest

from staff.second_factor import BACKUP_CODE_COUNT, backup_codes_left
from tests.factories import make_staff_user, sign_in
from tests.staff.helpers import BACKUP_CODES, SIGN_IN

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_sees_their_own_backup_codes(client, front_desk_user):
    """The page lists the user's unused codes and nobody else's."""
    other = make_staff_user("someoneelse")
    sign_in(client, other)
    sign_in(client, front_desk_user)
    html = client.get(BACKUP_CODES).content.decode()
    assert all(code in html for code in backup_codes_left(front_desk_user))
    assert not any(code in html for code in backup_codes_left(other))


def test_a_new_set_replaces_the_old_codes(client, front_desk_user):
    """Making a new set gives ten fresh codes; the old ones stop working."""
    old = backup_codes_left(front_desk_user)
    sign_in(client, front_desk_user)
    response = client.post(BACKUP_CODES, follow=True)
    new = backup_codes_left(front_desk_user)
    assert len(new) == BACKUP_CODE_COUNT and not set(old) & set(new)
    assert "The old ones no longer work" in response.content.decode()


def test_the_backup_codes_page_needs_both_factors(client, front_desk_user):
    """Not signed in (or only the password given): the page sends the user to sign in."""
    response = client.get(BACKUP_CODES)
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
