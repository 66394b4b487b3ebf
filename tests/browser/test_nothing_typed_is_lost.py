"""Nothing a front-desk member types is lost, in Chromium, at 1280 x 800 and on a 390 x 844 phone.

Signed in as a Front desk member (not a superuser) with the password and the code:
- the session ends while a call note is typed; Save; sign in again; the same page with the
  note still there; Save; the call is logged once;
- cookies cleared, then Save: a page in plain words, with the note to copy;
- a colleague saves the request first: the page says so, the note is kept, Save again saves.
axe finds nothing on these pages.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import expect

from appointments.admin import CallAttemptInline
from appointments.models import CallAttempt, CallbackRequest
from staff.session_limits import LAST_SEEN, SIGNED_IN_AT
from staff.unsaved_work import GIVEN_BACK_MESSAGE, KEPT_MESSAGE
from tests.appointments.factories import make_callback_request
from tests.browser.test_accessibility import WCAG_AA
from tests.browser.test_staff_sign_in import assert_accessible
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits
from tests.staff.helpers import PASSWORD, fresh_code

NOTE = "Left a voicemail: she asked us to call after 4 on weekdays"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}


def assert_change_page_accessible(page) -> None:
    """axe on a request's page. Django's own tabular call log and email list have no label per
    box and scroll sideways on a phone; the phone layout
    (admin/edit_inline/labelled_tabular.html) fixes both. Until that template is in, those
    two tables are left out of the check; once it is, the whole page is checked."""
    still_djangos = CallAttemptInline.template == "admin/edit_inline/tabular.html"
    context = {"exclude": [["#call_attempts-group"], ["#notifications-group"]]}
    results = Axe().run(
        page,
        context=context if still_djangos else None,
        options={"runOnly": {"type": "tag", "values": WCAG_AA}},
    )
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(params=list(SIZES))
def new_context(request, browser):
    """Browser contexts (one per person at a computer) of one size, closed at the end."""
    contexts = []

    def make():
        contexts.append(browser.new_context(**SIZES[request.param]))
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


def front_desk_member(username: str):
    user = make_staff_user(username, groups=["Front desk"])
    authenticator_for(user)
    return user


def sign_in(page, site, user) -> None:
    """On the sign-in page: the password, then the authenticator app's code."""
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_code", fresh_code(authenticator_for(user)))
    page.click("input[type=submit]")


def open_request(page, site, user, callback_request) -> str:
    """Open the request's page, signing in on the way; returns its address."""
    url = site + reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])
    page.goto(url)
    sign_in(page, site, user)
    expect(page).to_have_url(url)
    return url


def type_a_call_note(page, note: str = NOTE) -> None:
    page.select_option("#id_call_attempts-0-outcome", "voicemail")
    page.fill("#id_call_attempts-0-note", note)


def session_of(context) -> SessionStore:
    key = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    return SessionStore(key)


def idle_for_31_minutes(context) -> None:
    session = session_of(context)
    session[LAST_SEEN] -= 31 * 60
    session[SIGNED_IN_AT] -= 31 * 60
    session.save()


def signed_out_elsewhere(context) -> None:
    Session.objects.filter(session_key=session_of(context).session_key).delete()


@real_commits
@pytest.mark.parametrize("end", [idle_for_31_minutes, signed_out_elsewhere])
def test_a_note_typed_when_the_session_ended_is_there_after_signing_in_again(
    new_context, site, end
):
    """Type, the session ends, Save: sign in again (password and code), the same page with
    the note still there and a plain message; Save: the call is logged once."""
    user = front_desk_member("frontdesk")
    callback_request = make_callback_request()
    context = new_context()
    page = context.new_page()
    url = open_request(page, site, user, callback_request)
    type_a_call_note(page)
    end(context)

    page.click("input[name=_save]")
    expect(page).to_have_url(site + reverse("admin:login") + "?next=" + url.removeprefix(site))
    expect(page.locator(".messagelist")).to_contain_text(KEPT_MESSAGE)
    assert_accessible(page)
    assert not CallAttempt.objects.exists()

    sign_in(page, site, user)
    expect(page).to_have_url(url)
    expect(page.locator(".messagelist")).to_contain_text(GIVEN_BACK_MESSAGE)
    expect(page.locator("#id_call_attempts-0-note")).to_have_value(NOTE)
    expect(page.locator("#id_call_attempts-0-outcome")).to_have_value("voicemail")
    page.screenshot(path=f"/tmp/typed-given-back-{page.viewport_size['width']}.png", full_page=True)
    assert_change_page_accessible(page)
    assert not CallAttempt.objects.exists()

    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert list(CallAttempt.objects.values_list("note", "made_by")) == [(NOTE, user.pk)]


@real_commits
def test_cookies_cleared_then_save_gives_a_plain_page_with_the_note_to_copy(new_context, site):
    """No cookies: a page that says nothing was saved and what to do, with the note to copy."""
    user = front_desk_member("frontdesk")
    context = new_context()
    page = context.new_page()
    open_request(page, site, user, make_callback_request())
    type_a_call_note(page)
    context.clear_cookies()

    page.click("input[name=_save]")
    expect(page.locator("h1")).to_have_text("Your changes were not saved")
    expect(page.get_by_label("Call note (not saved)")).to_have_value(NOTE)
    expect(page.get_by_role("link", name="Open the page again")).to_be_visible()
    assert "CSRF" not in page.content()
    page.screenshot(path=f"/tmp/typed-csrf-{page.viewport_size['width']}.png", full_page=True)
    assert_accessible(page)
    assert not CallAttempt.objects.exists()


@real_commits
def test_a_colleagues_save_first_is_shown_and_the_note_kept(new_context, site):
    """Two people on one request: Dana saves first; your Save shows what she changed, keeps
    your note; Save again logs your call once."""
    you, dana = front_desk_member("frontdesk"), front_desk_member("dana")
    callback_request = make_callback_request()
    your_page, danas_page = new_context().new_page(), new_context().new_page()
    open_request(your_page, site, you, callback_request)
    open_request(danas_page, site, dana, callback_request)

    type_a_call_note(your_page)
    danas_page.select_option("#id_status", "trying")
    danas_page.click("input[name=_save]")
    expect(danas_page.locator(".messagelist .success")).to_be_visible()

    your_page.click("input[name=_save]")
    changed = your_page.locator("#changed-meanwhile")
    expect(changed).to_contain_text("Not saved yet: dana changed this request (status)")
    expect(changed).to_contain_text("Status: Trying to reach.")
    expect(your_page.get_by_text("Please correct")).to_have_count(0)
    expect(your_page.locator("#id_call_attempts-0-note")).to_have_value(NOTE)
    expect(your_page.locator("#id_status")).to_have_value("trying")  # Dana's, untouched by you
    your_page.screenshot(
        path=f"/tmp/typed-conflict-{your_page.viewport_size['width']}.png", full_page=True
    )
    assert_change_page_accessible(your_page)
    assert not CallAttempt.objects.exists()

    your_page.click("input[name=_save]")
    expect(your_page.locator(".messagelist .success")).to_be_visible()
    assert CallAttempt.objects.get().note == NOTE
    assert CallbackRequest.objects.get().status == "trying"
