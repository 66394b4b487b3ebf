"""Indexes for the front desk's list with many requests: its order, status filter, overdue, phone.

The plain index on received_at gives way to (received_at, id), which also serves the
admin's tie-break on the id.
"""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0010_notification_handovers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="callbackrequest",
            name="received_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="received"
            ),
        ),
        migrations.AddIndex(
            model_name="callbackrequest",
            index=models.Index(fields=["received_at", "id"], name="callback_by_received"),
        ),
        migrations.AddIndex(
            model_name="callbackrequest",
            index=models.Index(
                fields=["status", "received_at", "id"], name="callback_status_received"
            ),
        ),
        migrations.AddIndex(
            model_name="callbackrequest",
            index=models.Index(fields=["status", "contact_due_at"], name="callback_status_due"),
        ),
        migrations.AddIndex(
            model_name="callbackrequest",
            index=models.Index(fields=["phone"], name="callback_phone"),
        ),
    ]
