"""The front desk's queue in Chromium, at 390 and 1280 px, signed in as a Front desk member.

Overdue patients first, said in words; one click assigns a request; the search
finds a ZIP code; a nonsense filter in the address gives the list with a message.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from appointments.models import CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.browser.staff import assert_accessible, sign_in_as_front_desk
from tests.helpers import real_commits

LIST = "/admin/appointments/callbackrequest/"


def seed_queue() -> dict[str, CallbackRequest]:
    """Two overdue requests among new ones, and one closed."""
    now = timezone.now()

    def due(hours: float, **fields) -> CallbackRequest:
        request = make_callback_request(received_at=now - timedelta(days=4), **fields)
        CallbackRequest.objects.filter(pk=request.pk).update(
            contact_due_at=now + timedelta(hours=hours)
        )
        return request

    return {
        "new later": due(30, full_name="Nora New"),
        "overdue 2 days": due(-50, full_name="Olga Oldest", zip_code="01040", town="Holyoke"),
        "new soon": due(3, full_name="Sam Soon"),
        "overdue hours": due(-5, full_name="Hal Hours", status="trying"),
        "closed": due(-80, full_name="Cleo Closed", status="closed"),
    }


def shown_references(page) -> list[str]:
    return page.locator(
        "#result_list tbody th.field-reference a, #result_list tbody td.field-reference a"
    ).all_text_contents()


@real_commits
def test_the_list_opens_on_the_longest_overdue_with_overdue_in_words(staff_page, site):
    """Overdue first (longest first), then by due time; closed ones not shown; axe clean."""
    queue = seed_queue()
    page = staff_page
    sign_in_as_front_desk(page, site, then=LIST)
    expected = ["overdue 2 days", "overdue hours", "new soon", "new later"]
    assert shown_references(page) == [queue[name].reference for name in expected]
    first_due = page.locator("#result_list tbody tr").first.locator(".queue-due")
    expect(first_due.locator("strong")).to_have_text("Overdue by 2 days")
    expect(first_due.locator("time")).to_be_visible()  # the exact time beside the words
    assert "Cleo Closed" not in page.content()
    assert_accessible(page)


@real_commits
def test_assign_to_me_takes_one_click_from_the_list(staff_page, site):
    """The row's button assigns it and the list comes back saying so, the row now mine."""
    queue = seed_queue()
    page = staff_page
    user = sign_in_as_front_desk(page, site, then=LIST)
    reference = queue["overdue 2 days"].reference
    page.get_by_role("button", name=f"Assign {reference} to me").click()
    expect(page.locator(".messagelist")).to_contain_text(f"{reference} is now assigned to you.")
    queue["overdue 2 days"].refresh_from_db()
    assert queue["overdue 2 days"].assigned_to == user
    expect(page.get_by_role("button", name=f"Assign {reference} to me")).to_have_count(0)


@real_commits
def test_assign_to_me_takes_one_click_from_a_request(staff_page, site):
    """The request's own page has the button too, and comes back to the request."""
    queue = seed_queue()
    page = staff_page
    request = queue["new soon"]
    change = f"{LIST}{request.pk}/change/"
    sign_in_as_front_desk(page, site, then=change)
    page.get_by_role("button", name="Assign to me").click()
    expect(page).to_have_url(site + change)
    expect(page.locator(".messagelist")).to_contain_text("is now assigned to you.")


@real_commits
def test_searching_a_zip_code_finds_the_patient(staff_page, site):
    """Typed into the search box as the patient says it on the phone."""
    queue = seed_queue()
    page = staff_page
    sign_in_as_front_desk(page, site, then=LIST)
    page.fill("#searchbar", "01040")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert shown_references(page) == [queue["overdue 2 days"].reference]


@real_commits
def test_a_nonsense_filter_in_the_address_gives_the_list_and_a_message(staff_page, site):
    """Never an error page: the list, and a plain message."""
    seed_queue()
    page = staff_page
    sign_in_as_front_desk(page, site, then=LIST + "?status=urgent&county=Atlantis")
    expect(page).to_have_url(site + LIST)
    expect(page.locator(".messagelist")).to_contain_text("was not understood")
    assert len(shown_references(page)) == 4
    assert_accessible(page)


@real_commits
def test_the_queue_is_worked_with_the_keyboard_alone(desktop_page, site):
    """Tab reaches the first row's "Assign to me" (after its links, in reading order) and
    Enter assigns it; the search box takes a name and Enter."""
    queue = seed_queue()
    page = desktop_page
    sign_in_as_front_desk(page, site, then=LIST)
    reference = queue["overdue 2 days"].reference
    label = f"Assign {reference} to me"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == label:
            break
    else:
        raise AssertionError(f"Tab never reached “{label}”")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text(f"{reference} is now assigned to you.")
    page.focus("#searchbar")
    page.keyboard.type("Sam Soon")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert shown_references(page) == [queue["new soon"].reference]
