"""Who last changed a callback request, when, and a count of its saves.

A page opened before a colleague's save is caught by the count (appointments/edit_conflicts.py).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0012_front_desk_queue_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="callbackrequest",
            name="changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last changed"
            ),
        ),
        migrations.AddField(
            model_name="callbackrequest",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="last changed by",
            ),
        ),
        migrations.AddField(
            model_name="callbackrequest",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
