"""Pages due for review: the rule (Procedure.objects.review_due_within) and the editors' panel
on the staff home."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from procedures.models import Procedure
from tests.factories import make_procedure, make_staff_user, sign_in

pytestmark = pytest.mark.django_db


def due_in(days: int, title: str, **fields) -> Procedure:
    """A page whose next review is `days` from today (negative: overdue)."""
    today = timezone.localdate()
    return make_procedure(
        title=title,
        last_reviewed=today - timedelta(days=400),
        next_review_due=today + timedelta(days=days),
        **fields,
    )


def titles(queryset) -> list[str]:
    return [procedure.title for procedure in queryset]


# --- the rule ---------------------------------------------------------------------


def test_overdue_pages_come_first_then_those_due_within_30_days():
    """Soonest first; a page due in 31 days, or never reviewed, is not listed."""
    due_in(10, "In 10 days")
    due_in(-5, "Five days late")
    due_in(30, "In 30 days")
    due_in(0, "Today")
    due_in(-200, "Long overdue")
    due_in(31, "In 31 days")
    make_procedure(title="Never reviewed", reviewed_by="", last_reviewed=None, next_review_due=None)
    assert titles(Procedure.objects.review_due_within(days=30)) == [
        "Long overdue",
        "Five days late",
        "Today",
        "In 10 days",
        "In 30 days",
    ]


def test_the_window_is_counted_from_the_day_given():
    """`today` moves the window: a page due in 40 days is due within 30 days of day 10."""
    due_in(40, "In 40 days")
    later = timezone.localdate() + timedelta(days=10)
    assert titles(Procedure.objects.review_due_within(days=30)) == []
    assert titles(Procedure.objects.review_due_within(days=30, today=later)) == ["In 40 days"]


def test_drafts_are_listed_too():
    """A draft's facts need checking before it goes live as much as a live page's."""
    due_in(-1, "Draft", status=Procedure.Status.DRAFT)
    assert titles(Procedure.objects.review_due_within()) == ["Draft"]


def test_overdue_means_due_before_today():
    """Due today is due, not yet overdue; a page with no date is never overdue."""
    assert due_in(-1, "Yesterday").review_is_overdue
    assert not due_in(0, "Today").review_is_overdue
    assert not make_procedure(next_review_due=None, last_reviewed=None).review_is_overdue


# --- the panel on the staff home -----------------------------------------------------


def home(client, user) -> BeautifulSoup:
    sign_in(client, user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel_rows(page) -> list[tuple[str, str, str]]:
    """(link, text, is overdue) for each page on the panel."""
    return [
        (
            item.find("a")["href"],
            " ".join(item.get_text(" ").split()),
            "review-due__page--overdue" in item["class"],
        )
        for item in page.select("#pages-due-for-review li")
    ]


def test_content_editors_see_pages_due_each_linked_to_its_edit_page_with_its_date(client):
    """Overdue first and marked in words; then due soon; a page due later is not shown."""
    soon = due_in(12, "Vein ablation")
    late = due_in(-3, "Port placement for chemotherapy")
    due_in(90, "Later")
    page = home(client, make_staff_user("editor", groups=["Content editors"]))
    late_date, soon_date = late.next_review_due, soon.next_review_due
    assert panel_rows(page) == [
        (
            reverse("admin:procedures_procedure_change", args=[late.pk]),
            f"Port placement for chemotherapy : overdue , was due "
            f"{late_date:%B} {late_date.day}, {late_date.year}",
            True,
        ),
        (
            reverse("admin:procedures_procedure_change", args=[soon.pk]),
            f"Vein ablation : due {soon_date:%B} {soon_date.day}, {soon_date.year}",
            False,
        ),
    ]
    heading = page.select_one("#pages-due-for-review h2").get_text(strip=True)
    assert heading == "Pages due for review"


def test_no_page_due_is_one_calm_sentence(client):
    """Nothing due within 30 days: one sentence, no list."""
    due_in(60, "Later")
    page = home(client, make_staff_user("editor", groups=["Content editors"]))
    panel = page.select_one("#pages-due-for-review")
    assert panel.select("li") == []
    assert panel.select_one("p").get_text(strip=True) == (
        "No pages are due for review in the next 30 days."
    )


def test_the_front_desk_sees_no_review_panel(client):
    """The front desk does not edit pages: no panel, no heading."""
    due_in(-3, "Overdue page")
    page = home(client, make_staff_user("desk", groups=["Front desk"]))
    assert page.select("#pages-due-for-review") == []
    assert "Pages due for review" not in page.get_text()


def test_superusers_see_the_review_panel(client):
    """Superusers may change every page, so they see the panel too."""
    due_in(-3, "Overdue page")
    page = home(client, make_staff_user("boss", superuser=True))
    [(_, text, overdue)] = panel_rows(page)
    assert text.startswith("Overdue page : overdue") and overdue
