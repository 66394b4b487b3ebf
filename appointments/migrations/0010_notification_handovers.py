"""Emails remember handovers the mail server never answered; the emails still waiting are indexed.

unanswered_handovers: see appointments/notifications.py. The partial index serves the
sweep and the late-email check (/healthz, the admin's home page), which read only
emails still waiting.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0009_corrected_by_the_patient"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="unanswered_handovers",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("status", "pending")),
                fields=["kind", "created_at"],
                name="notification_waiting",
            ),
        ),
    ]
