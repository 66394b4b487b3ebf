"""When each request was closed, so the purge counts the retention period from then.

Requests closed before this have no record of when; they get the time they
were received, the earliest they could have been closed.
"""

from django.db import migrations, models
from django.db.models import F


def closed_when_received(apps, schema_editor):
    CallbackRequest = apps.get_model("appointments", "CallbackRequest")
    CallbackRequest.objects.filter(status="closed", closed_at__isnull=True).update(
        closed_at=F("received_at")
    )


class Migration(migrations.Migration):
    dependencies = [("appointments", "0004_content_editors_edit_the_service_area")]

    operations = [
        migrations.AddField(
            model_name="callbackrequest",
            name="closed_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the request was closed. The retention period counts from here.",
                null=True,
                verbose_name="closed",
            ),
        ),
        migrations.RunPython(closed_when_received, migrations.RunPython.noop),
    ]
