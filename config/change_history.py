"""A record of each change to a small table editors keep (the clinic's details, the service
area): who, when, and each changed field's value before and after, in readable words.

Each app's record is a model built on ChangeRecord (procedures.ClinicDetailsChange,
appointments.ServiceAreaChange), written by the service that saves the row; the admin shows
them on the row's History page and undoes one (config/change_history_admin.py).
"""

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import formats, timezone

EMPTY = "(empty)"


def changed_by_name(user) -> str:
    """How a staff member is named in the history, kept when their account is gone."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class ChangeRecord(models.Model):
    """One save that changed something: {field: [before, after]} as stored in the database."""

    # The fields recorded, in the order they are listed, with their names for people.
    FIELD_LABELS: dict[str, str] = {}
    summary = ""  # a sentence above the fields, if the record has one

    changed_at = models.DateTimeField("when", default=timezone.now, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="who",
    )
    changed_by_name = models.CharField("who (name)", max_length=150, blank=True, editable=False)
    changes = models.JSONField(default=dict, editable=False)
    undoes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The earlier change this one put back, if it was an undo.",
    )

    class Meta:
        abstract = True
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"Change of {self.when_in_words} by {self.who}"

    @classmethod
    def values_of(cls, row: models.Model | None) -> dict[str, str]:
        """The recorded fields of `row` as the database stores them ("" for none)."""
        if row is None:
            return {}
        values = {}
        for name in cls.FIELD_LABELS:
            value = row._meta.get_field(name).get_prep_value(getattr(row, name))
            values[name] = "" if value is None else str(value)
        return values

    @classmethod
    def record(cls, *, before: dict, after: dict, by, undoes=None, **fields) -> Self | None:
        """Record the fields whose value differs; None if nothing changed."""
        changes = {
            name: [before.get(name, ""), after.get(name, "")]
            for name in cls.FIELD_LABELS
            if before.get(name, "") != after.get(name, "")
        }
        if not changes:
            return None
        return cls.objects.create(
            changes=changes,
            changed_by=by,
            changed_by_name=changed_by_name(by),
            undoes=undoes,
            **fields,
        )

    @property
    def who(self) -> str:
        return self.changed_by_name or "someone (no account recorded)"

    @property
    def when_in_words(self) -> str:
        return formats.date_format(timezone.localtime(self.changed_at), "j M Y, H:i")

    @property
    def values_before(self) -> dict[str, str]:
        return {name: before for name, (before, _after) in self.changes.items()}

    def value_in_words(self, name: str, value: str) -> str:
        """A stored value as people read it. Records with a phone number override this."""
        return value or EMPTY

    def lines(self) -> list[tuple[str, str, str]]:
        """(field, before, after) in words, for each changed field in the form's order."""
        return [
            (
                label,
                self.value_in_words(name, self.changes[name][0]),
                self.value_in_words(name, self.changes[name][1]),
            )
            for name, label in self.FIELD_LABELS.items()
            if name in self.changes
        ]
