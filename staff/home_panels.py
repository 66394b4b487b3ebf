"""The panels at the top of the staff home page (/admin/), each for the people whose work it is.

A panel is a function of the request that returns a HomePanel, or None when the
signed-in user may not see it (then nothing of it is drawn, not even a heading).
The home page (StaffAdminSite.index) shows the panels of PANELS in their order.

Panels show counts, links and page titles, never a patient's details.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse

from appointments.queue_counts import queue_counts
from procedures.models import REVIEW_SOON_DAYS, Procedure


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class QueueLink:
    """One count on the front desk's panel, and the list it counts (a link unless zero)."""

    count: int
    words: str
    url: str
    overdue: bool = False


def front_desk(request: HttpRequest) -> HomePanel | None:
    """For whoever may see callback requests: what needs a call, each count a link to its list."""
    if not request.user.has_perm("appointments.view_callbackrequest"):
        return None
    counts = queue_counts(user=request.user)
    requests = reverse("admin:appointments_callbackrequest_changelist")
    links = [
        QueueLink(counts.overdue, "overdue", f"{requests}?overdue=yes", overdue=True),
        QueueLink(counts.new, "new", f"{requests}?status=new"),
        QueueLink(counts.due_today, "due later today", f"{requests}?due=today"),
        QueueLink(counts.assigned_to_me, "assigned to me", f"{requests}?assigned=me"),
    ]
    return HomePanel(
        "staff/home/front_desk.html",
        {"links": links, "nothing_to_do": counts.nothing_to_do},
    )


def pages_due_for_review(request: HttpRequest) -> HomePanel | None:
    """For content editors: pages overdue for their medical review, then those due within
    REVIEW_SOON_DAYS, each a link to its edit page with its due date."""
    if not request.user.has_perm("procedures.change_procedure"):
        return None
    pages = Procedure.objects.review_due_within(days=REVIEW_SOON_DAYS)
    return HomePanel(
        "staff/home/pages_due_for_review.html",
        {"pages": list(pages), "days": REVIEW_SOON_DAYS},
    )


PANELS: list[Callable[[HttpRequest], HomePanel | None]] = [front_desk, pages_due_for_review]


def home_panels(request: HttpRequest) -> list[HomePanel]:
    """The panels this user may see, in order."""
    return [panel for make in PANELS if (panel := make(request)) is not None]
