"""How long callback requests are kept: deleted CALLBACK_RETENTION_DAYS after they close.

`manage.py purge_callback_requests` runs this, and so does the worker daily
(see appointments/tasks.py and `manage.py run_schedule`).
"""

import logging
from datetime import datetime

from django.db import transaction

from appointments.models import CallbackRequest

logger = logging.getLogger(__name__)


def callback_requests_purge(*, now: datetime | None = None) -> int:
    """Delete closed requests past the retention period, with their calls and emails."""
    with transaction.atomic():
        expired = CallbackRequest.objects.purgeable(now=now)
        purged = expired.count()
        expired.delete()
    logger.info("Purged %d closed callback requests past the retention period.", purged)
    return purged
