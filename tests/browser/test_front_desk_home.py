"""The front desk's home page in Chromium, at desk and phone width: what needs a call, in counts.

Signed in for real (password, then the authenticator app's code) as a front-desk
member who is not a superuser. Each count links to the list it counts; axe finds
nothing, with overdue requests and with none.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.browser.staff import assert_accessible, fits_the_width, sign_in_as_front_desk
from tests.factories import make_staff_user
from tests.helpers import real_commits

Status = CallbackRequest.Status


def request_due(due_in: timedelta, **fields) -> CallbackRequest:
    due_at = timezone.now() + due_in
    return make_callback_request(
        received_at=due_at - timedelta(days=1), contact_due_at=due_at, **fields
    )


def seed_queue(me) -> dict[str, int]:
    """Requests for each count, and others that count nowhere; the counts expected."""
    colleague = make_staff_user("colleague", groups=["Front desk"])
    request_due(-timedelta(days=2))  # overdue, new
    request_due(-timedelta(hours=3), status=Status.TRYING, assigned_to=colleague)  # overdue
    request_due(timedelta(days=3))  # new
    request_due(timedelta(days=3), status=Status.SCHEDULED, assigned_to=me)  # mine
    request_due(-timedelta(days=1), status=Status.CLOSED, assigned_to=me)  # nowhere
    request_due(-timedelta(days=1), status=Status.REACHED)  # nowhere
    # Halfway to the clinic's midnight: later today at any hour the test runs.
    now = timezone.now()
    midnight = datetime.combine(
        timezone.localdate(now) + timedelta(days=1),
        time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    request_due((midnight - now) / 2, status=Status.TRYING)
    return {"overdue": 2, "new": 2, "due later today": 1, "assigned to me": 1}


def counts_on(page) -> dict[str, int]:
    panel = page.locator("#front-desk-queue")
    words = panel.locator(".queue-count__words").all_text_contents()
    numbers = panel.locator(".queue-count__number").all_text_contents()
    return dict(zip(words, map(int, numbers), strict=True))


@real_commits
def test_the_front_desk_sees_each_count_and_each_link_opens_its_list(staff_page, site):
    """Overdue 2 (marked by border, icon and words), new 2, due later today 1, mine 1; each
    count opens the list with exactly that many requests; axe finds nothing."""
    page = staff_page
    me = sign_in_as_front_desk(page, site)
    expected = seed_queue(me)
    page.reload()
    assert counts_on(page) == expected
    overdue = page.locator("#front-desk-queue .queue-count--overdue")
    expect(overdue).to_contain_text("Call these first")
    expect(overdue.locator("svg.queue-count__icon")).to_be_visible()
    assert fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/home-{page.device}.png", full_page=True)

    for words, count in expected.items():
        page.goto(site + "/admin/")
        page.locator("#front-desk-queue a", has_text=words).click()
        expect(page).to_have_url(f"{site}/admin/appointments/callbackrequest/?{query(words)}")
        expect(page.locator("#result_list tbody tr")).to_have_count(count)


def query(words: str) -> str:
    return {
        "overdue": "overdue=yes",
        "new": "status=new",
        "due later today": "due=today",
        "assigned to me": "assigned=me",
    }[words]


@real_commits
def test_with_nothing_to_do_the_home_says_so_calmly(staff_page, site):
    """No open request: one sentence, no counts, no links of the panel; axe finds nothing."""
    page = staff_page
    request_due(-timedelta(days=1), status=Status.CLOSED)
    sign_in_as_front_desk(page, site)
    panel = page.locator("#front-desk-queue")
    expect(panel).to_contain_text("No callback requests need attention right now.")
    expect(panel.locator("a")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/home-calm-{page.device}.png", full_page=True)


@real_commits
def test_a_zero_count_is_quiet_text_beside_counts_that_link(staff_page, site):
    """One new request only: “1 new” is a link, the zeros are words; axe finds nothing."""
    page = staff_page
    request_due(timedelta(days=3))
    sign_in_as_front_desk(page, site)
    assert counts_on(page) == {"overdue": 0, "new": 1, "due later today": 0, "assigned to me": 0}
    expect(page.locator("#front-desk-queue a")).to_have_count(1)
    expect(page.locator("#front-desk-queue .queue-count--overdue")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/home-zeros-{page.device}.png", full_page=True)
