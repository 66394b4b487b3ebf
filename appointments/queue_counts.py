"""How many callback requests need the front desk now: the numbers on the staff home page.

Each number is the length of a list the home page links to, so the two always agree:
  overdue         CallbackRequest.objects.overdue()          ?overdue=yes
  new             status New (overdue or not)                ?status=new
  due today       CallbackRequest.objects.due_today()        ?due=today
  assigned to me  not closed, assigned to the signed-in user ?assigned=me
Only numbers: nothing here names a patient.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from appointments.models import CallbackRequest, due_today_condition, overdue_condition


@dataclass(frozen=True)
class QueueCounts:
    overdue: int
    new: int
    due_today: int
    assigned_to_me: int

    @property
    def nothing_to_do(self) -> bool:
        return not (self.overdue or self.new or self.due_today or self.assigned_to_me)


def queue_counts(*, user, now=None) -> QueueCounts:
    """The four numbers, in one query over the requests not closed.

    Every count is of open requests (overdue and due today are waiting for contact,
    hence open), so still_open() narrows the rows once and each count filters them.
    """
    now = now or timezone.now()
    counts = (
        CallbackRequest.objects.still_open()
        .order_by()
        .aggregate(
            overdue=Count("pk", filter=overdue_condition(now)),
            new=Count("pk", filter=Q(status=CallbackRequest.Status.NEW)),
            due_today=Count("pk", filter=due_today_condition(now)),
            assigned_to_me=Count("pk", filter=Q(assigned_to=user.pk)),
        )
    )
    return QueueCounts(**counts)
