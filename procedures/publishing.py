"""Every change to what patients see of a procedure page goes through here.

Editors work on the page's rows (the working copy); patients see its live revision, a
snapshot taken when someone with “Can publish” published it. Each function records a
revision (who, when, a note), and any that changes what patients see clears the cached
public pages once its transaction commits, whatever called it: the admin, the scheduler
(`manage.py run_schedule`, every few seconds) or a management command.
"""

import logging
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from procedures.models import PageRevision, Procedure, Section
from procedures.page_content import PART_FIELDS, PROCEDURE_FIELDS, PageContent

PUBLISH_PERMISSION = "procedures.publish_procedure"

logger = logging.getLogger(__name__)


class PublishingRefused(Exception):
    """A publishing step that cannot be done, with a message for the editor."""


def public_pages_clear_cache() -> None:
    """Forget cached public pages once the current transaction commits, so the next visit
    renders the page as it now is.

    The cached clinic details stay: they change only through clinic_details_save, which
    replaces them in the cache, so the first page rendered after a save need not read them.
    """
    transaction.on_commit(caches["pages"].clear)


def may_publish(user: AbstractBaseUser) -> bool:
    """Whether `user` may publish, unpublish and schedule pages (“Can publish”)."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def draft_record(
    *, procedure: Procedure, by: AbstractBaseUser | None, note: str = ""
) -> PageRevision:
    """Record the working copy, as an editor just saved it, in the page's history.

    Patients' page does not change.
    """
    procedure = _locked(procedure)
    return _revision_record(procedure, PageRevision.Kind.DRAFT, by=by, note=note)


@transaction.atomic
def page_publish(
    *,
    procedure: Procedure,
    by: AbstractBaseUser | None,
    note: str = "",
    revision: PageRevision | None = None,
) -> PageRevision:
    """Make the working copy (or a scheduled `revision`) what patients see, from now on."""
    procedure = _locked(procedure)
    if revision is None:
        revision = _revision_record(procedure, PageRevision.Kind.PUBLISHED, by=by, note=note)
    revision.published_at = timezone.now()
    revision.save(update_fields=["published_at"])
    procedure.live_revision = revision
    procedure.status = Procedure.Status.PUBLISHED
    if procedure.scheduled_revision_id is not None:
        # Publishing now replaces whatever was waiting to go live later.
        procedure.scheduled_revision = None
    procedure.save(update_fields=["live_revision", "status", "scheduled_revision"])
    public_pages_clear_cache()
    return revision


@transaction.atomic
def page_unpublish(
    *, procedure: Procedure, by: AbstractBaseUser | None, note: str = ""
) -> PageRevision:
    """Take the page off the site: its address answers “not found”, the sitemap drops it.

    The version that was live is kept in the history, and the working copy is untouched.
    """
    procedure = _locked(procedure)
    if procedure.live_revision is None:
        raise PublishingRefused("This page is not on the site, so there is nothing to take off.")
    revision = _revision_record(
        procedure,
        PageRevision.Kind.UNPUBLISHED,
        by=by,
        note=note,
        content=procedure.live_revision.content,
    )
    procedure.live_revision = None
    procedure.scheduled_revision = None
    procedure.status = Procedure.Status.DRAFT
    procedure.save(update_fields=["live_revision", "status", "scheduled_revision"])
    public_pages_clear_cache()
    return revision


@transaction.atomic
def page_schedule(
    *,
    procedure: Procedure,
    publish_at: datetime,
    by: AbstractBaseUser | None,
    note: str = "",
) -> PageRevision:
    """Publish the working copy, as it is now, at `publish_at` (the scheduler does it).

    Later drafts do not slip in: the version that goes live is the one scheduled.
    """
    if publish_at <= timezone.now():
        raise PublishingRefused("Choose a time in the future, or publish now.")
    procedure = _locked(procedure)
    revision = _revision_record(
        procedure, PageRevision.Kind.SCHEDULED, by=by, note=note, publish_at=publish_at
    )
    procedure.scheduled_revision = revision
    procedure.save(update_fields=["scheduled_revision"])
    return revision


@transaction.atomic
def schedule_cancel(*, procedure: Procedure) -> None:
    """Forget the scheduled publish; the scheduled version stays in the history."""
    procedure = _locked(procedure)
    procedure.scheduled_revision = None
    procedure.save(update_fields=["scheduled_revision"])


@transaction.atomic
def page_delete(*, procedure: Procedure) -> None:
    """Delete the page, its parts and its history; its address answers “not found”."""
    procedure.delete()
    public_pages_clear_cache()


def publish_due_pages(now: datetime | None = None) -> list[Procedure]:
    """Publish every page whose scheduled time has come; the pages published.

    Each page in a transaction of its own, so one failure does not hold back the rest.
    """
    published = []
    for procedure in Procedure.objects.scheduled_due(now).select_related("scheduled_revision"):
        try:
            with transaction.atomic():
                locked = _locked(procedure)
                revision = locked.scheduled_revision
                if revision is None or revision.publish_at > (now or timezone.now()):
                    continue  # cancelled or moved while we looked
                page_publish(procedure=locked, by=revision.created_by, revision=revision)
        except Exception:
            # Tried again on the next round; the others go ahead.
            logger.exception("Could not publish the scheduled version of page %s", procedure.pk)
            continue
        published.append(procedure)
    return published


@transaction.atomic
def revision_restore(
    *, procedure: Procedure, revision: PageRevision, by: AbstractBaseUser | None
) -> PageRevision:
    """Put an earlier version's words and pictures back into the working copy.

    Patients' page does not change until someone publishes. Nothing in the history is
    deleted: the restore is recorded as a version of its own.
    """
    procedure = _locked(procedure)
    if revision.procedure_id != procedure.pk:
        raise PublishingRefused("That version belongs to another page.")
    content = revision.content
    for name in PROCEDURE_FIELDS:
        if name in content["procedure"]:
            setattr(procedure, name, content["procedure"][name])
    if Procedure.objects.filter(slug=procedure.slug).exclude(pk=procedure.pk).exists():
        # Another page has taken that address since: keep this page's current one.
        procedure.slug = Procedure.objects.values_list("slug", flat=True).get(pk=procedure.pk)
    procedure.save()
    for name, (model, fields) in PART_FIELDS.items():
        rows = content.get(name, [])
        # Rows the version did not have go first, and the sections kept count as “general”
        # until written: a section never meets another of its kind (one per page) on the way.
        kept = [values["id"] for values in rows if values.get("id") is not None]
        model.objects.filter(procedure=procedure).exclude(pk__in=kept).delete()
        if model is Section:
            model.objects.filter(procedure=procedure).update(kind=Section.Kind.GENERAL)
        for values in rows:
            values = {key: value for key, value in values.items() if key in fields}
            row_id = values.pop("id", None)
            row = model.objects.filter(pk=row_id, procedure=procedure).first()
            if row is None:
                row = model(procedure=procedure)
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    return _revision_record(
        procedure,
        PageRevision.Kind.RESTORED,
        by=by,
        note=f"Restored from version {revision.number}",
    )


def working_copy_is_live(procedure: Procedure) -> bool:
    """Whether patients see exactly what editors have saved (no unpublished changes)."""
    if procedure.live_revision is None:
        return False
    return PageContent.from_rows(procedure).snapshot() == procedure.live_revision.content


def _locked(procedure: Procedure) -> Procedure:
    """The procedure's row, locked until the transaction ends, so two publishes queue."""
    return (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("live_revision", "scheduled_revision")
        .get(pk=procedure.pk)
    )


def _revision_record(
    procedure: Procedure,
    kind: str,
    *,
    by: AbstractBaseUser | None,
    note: str,
    content: dict | None = None,
    publish_at: datetime | None = None,
) -> PageRevision:
    if content is None:
        content = PageContent.from_rows(procedure).snapshot()
    latest = procedure.revisions.aggregate(latest=Max("number"))["latest"] or 0
    return PageRevision.objects.create(
        procedure=procedure,
        number=latest + 1,
        kind=kind,
        content=content,
        note=note.strip(),
        created_by=by,
        created_by_name=(by.get_full_name() or by.get_username()) if by is not None else "",
        publish_at=publish_at,
    )
