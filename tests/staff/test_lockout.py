"""Sign-in pauses after 5 failures for a user name or 20 from an address, for 15 minutes."""

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff_user, sign_in
from tests.staff.helpers import (
    CODE,
    STAFF_HOME,
    another_client,
    fresh_code,
    give_password,
    sign_in_fully,
)

pytestmark = pytest.mark.django_db
WRONG = "not the password at all"


def fail_password(client, username: str, times: int):
    return [give_password(client, username, WRONG) for _ in range(times)]


def is_paused_page(response) -> bool:
    return response.status_code == 429 and "signing in is paused" in response.content.decode()


def test_five_wrong_passwords_pause_the_user_name(client, front_desk_user):
    """The 5th wrong password already answers with the pause; the right one then fails too."""
    answers = fail_password(client, "frontdesk", 5)
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    paused = give_password(client, "frontdesk")
    assert is_paused_page(paused)
    assert client.get(STAFF_HOME).status_code == 302


def test_the_pause_holds_for_that_user_name_from_any_address(front_desk_user):
    """Moving to another computer does not get round a paused user name."""
    fail_password(another_client("198.51.100.1"), "frontdesk", 5)
    assert is_paused_page(give_password(another_client("198.51.100.2"), "frontdesk"))


def test_other_staff_can_still_sign_in_while_one_user_name_is_paused(front_desk_user):
    """A pause for one user name leaves colleagues on other addresses alone."""
    fail_password(another_client("198.51.100.1"), "frontdesk", 5)
    colleague = make_staff_user("colleague", groups=["Front desk"])
    response = sign_in_fully(another_client("198.51.100.3"), colleague)
    assert response.status_code == 302 and response["Location"] == STAFF_HOME


def test_twenty_failures_from_one_address_pause_that_address(front_desk_user):
    """Guessing many user names from one address: after 20 failures even a right sign-in waits."""
    client = another_client("203.0.113.9")
    answers = [give_password(client, f"guess{n}", WRONG) for n in range(20)]
    assert [a.status_code for a in answers][-2:] == [200, 429]
    assert is_paused_page(give_password(client, "frontdesk"))
    assert give_password(another_client("203.0.113.10"), "frontdesk").status_code == 302


def test_the_pause_page_says_until_when_and_whom_to_call(client, front_desk_user, settings):
    """Plain words: the time the pause ends, and the clinic's IT contact, with Retry-After."""
    settings.IT_CONTACT = "Dana Reyes at 413-555-0199"
    before = timezone.localtime()
    response = fail_password(client, "frontdesk", 5)[-1]
    html = response.content.decode()
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=15))
    assert f"until <strong>{until:%-I:%M %p}</strong>" in html
    assert "Call Dana Reyes at 413-555-0199" in html
    assert "New England Endovascular Center: staff" in html  # the staff site's own frame
    assert 14 * 60 <= int(response["Retry-After"]) <= 15 * 60
    assert until - before <= timedelta(minutes=15, seconds=5)


def test_trying_while_paused_does_not_move_the_end_of_the_pause(client, front_desk_user):
    """The time the page gave stays true however often someone tries meanwhile."""
    fail_password(client, "frontdesk", 5)
    first = AccessAttempt.objects.get().attempt_time
    fail_password(client, "frontdesk", 3)
    give_password(client, "frontdesk")
    attempt = AccessAttempt.objects.get()
    assert (attempt.attempt_time, attempt.failures_since_start) == (first, 5)


def test_the_pause_ends_after_fifteen_minutes(client, front_desk_user):
    """Once the failures are 15 minutes old, the right password and code sign in again."""
    fail_password(client, "frontdesk", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    assert sign_in_fully(client, front_desk_user)["Location"] == STAFF_HOME


def test_failures_older_than_fifteen_minutes_do_not_count(client, front_desk_user):
    """Four old failures and one new one: no pause."""
    fail_password(client, "frontdesk", 4)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert fail_password(client, "frontdesk", 1)[0].status_code == 200
    assert sign_in_fully(client, front_desk_user)["Location"] == STAFF_HOME


def test_wrong_codes_count_as_failed_sign_ins(client, front_desk_user, settings):
    """The right password with wrong codes pauses the user name just as wrong passwords do."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait between codes (see the next test)
    fail_password(client, "frontdesk", 3)
    give_password(client, "frontdesk")
    assert client.post(CODE, {"code": "000000"}).status_code == 200
    paused = client.post(CODE, {"code": "999999"})
    assert is_paused_page(paused)
    right = client.post(CODE, {"code": fresh_code(front_desk_user.totpdevice_set.get())})
    assert is_paused_page(right)
    assert client.get(STAFF_HOME).status_code == 302


def test_a_code_typed_too_soon_after_a_wrong_one_is_not_checked(client, front_desk_user):
    """After a wrong code, django-otp waits before checking another; the page says how long,
    and a code not checked does not count as a failure."""
    give_password(client, "frontdesk")
    client.post(CODE, {"code": "000000"})
    response = client.post(CODE, {"code": "999999"})
    assert "Several codes in a row were wrong. Wait " in response.content.decode()
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_a_superuser_lifts_a_pause_in_the_admin(client, admin_client, front_desk_user):
    """Deleting the user name's access attempts (Axes, in the admin) lets them sign in at once."""
    fail_password(client, "frontdesk", 5)
    attempts = reverse("admin:axes_accessattempt_changelist")
    listed = admin_client.get(attempts, {"q": "frontdesk"})
    assert listed.status_code == 200 and "frontdesk" in listed.content.decode()
    attempt = AccessAttempt.objects.get(username="frontdesk")
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert sign_in_fully(client, front_desk_user)["Location"] == STAFF_HOME


def test_only_superusers_see_or_lift_pauses(client):
    """Front desk and editors have no access to the attempts (or the failure log)."""
    for group in ("Front desk", "Content editors"):
        sign_in(client, make_staff_user(group.replace(" ", "").lower(), groups=[group]))
        for name in ("accessattempt", "accessfailurelog", "accesslog"):
            assert client.get(reverse(f"admin:axes_{name}_changelist")).status_code == 403


def test_behind_the_proxy_failures_count_by_the_address_it_appended(settings, front_desk_user):
    """BEHIND_PROXY: the last X-Forwarded-For entry is the client, not made-up ones before it."""
    settings.BEHIND_PROXY = True
    for n in range(20):
        client = another_client("127.0.0.1")
        client.defaults["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{n}, 203.0.113.77"
        give_password(client, f"guess{n}", WRONG)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.77"}
    elsewhere = another_client("127.0.0.1")
    elsewhere.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.78"
    assert give_password(elsewhere, "frontdesk").status_code == 302


def test_every_failed_sign_in_is_logged_with_user_name_address_and_time(
    client, front_desk_user, caplog
):
    """A warning names the user name tried and the address; the password appears nowhere."""
    caplog.set_level(logging.WARNING, logger="axes")
    give_password(client, "frontdesk", "Tr0ub4dor&3 secret")
    give_password(client, "frontdesk")
    client.post(CODE, {"code": "000000"})
    failures = [r for r in caplog.records if "login failure" in r.getMessage()]
    assert len(failures) == 2
    for record in failures:
        assert re.search(r'username: "frontdesk".*ip_address: "127\.0\.0\.1"', record.getMessage())
        assert record.created  # the time, which the log format prints
    everything = "\n".join(r.getMessage() for r in caplog.records)
    everything += "".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "Tr0ub4dor" not in everything
    assert "000000" not in everything
    assert AccessFailureLog.objects.filter(username="frontdesk").count() == 2
