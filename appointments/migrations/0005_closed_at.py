"""When each request was closed, so the purge counts the retention period from then.

Requests closed before this have no record of when; they get the time this
migration runs, so each is kept one whole retention period from now and none is
deleted sooner than the README promises.
"""

from django.db import migrations, models
from django.utils import timezone


def closed_now(apps, schema_editor):
    CallbackRequest = apps.get_model("appointments", "CallbackRequest")
    CallbackRequest.objects.filter(status="closed", closed_at__isnull=True).update(
        closed_at=timezone.now()
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
        migrations.RunPython(closed_now, migrations.RunPython.noop),
    ]
