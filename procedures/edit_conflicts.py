"""Two editors on one procedure page: the second save never overwrites the first.

Every save in the admin records a version of the page (procedures/publishing.py), and so do a
restore from the history and taking the page off the site. The edit page carries, in a
hidden field, the number of the page's latest version when it was opened (0 for a page with
none). On save, inside the save's own transaction and with the page's row locked, a newer
version means someone else saved (or restored, or took the page down) after this editor
opened it: nothing is saved, and the editor is told who, when, and what to do. Pressing Save
again is refused again: the editor opens the page afresh and adds their changes there. The
scheduler's publishing records no version and changes nothing editors typed, so it never
stops a save.

A form sent without the hidden field (a page opened before it existed) is not checked; one
whose hidden field is not a number is taken as changed meanwhile.

Also here: who else has the page open for editing now, kept a few minutes in the default
cache (staff names only), so the second editor is warned before typing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst

from procedures.models import PageRevision, Procedure

FIELD = "opened_at_version"
CODE = "saved_meanwhile"
# How long an editor counts as having the page open after opening or saving it.
OPEN_FOR = timedelta(minutes=10)

DID = {
    PageRevision.Kind.DRAFT: "saved this page",
    PageRevision.Kind.PUBLISHED: "saved and published this page",
    PageRevision.Kind.SCHEDULED: "saved this page and scheduled it",
    PageRevision.Kind.RESTORED: "put an earlier version back on this page",
    PageRevision.Kind.UNPUBLISHED: "took this page off the site",
}


def latest_version(procedure: Procedure) -> int:
    """The number of the page's latest version; 0 for a page never saved in the admin."""
    return procedure.revisions.aggregate(latest=Max("number"))["latest"] or 0


def opened_at(sent: str) -> int | None:
    """The version a posted edit form says it was opened at; None if that is not a number."""
    try:
        return int(sent)
    except ValueError:
        return None


@dataclass(frozen=True)
class SavedMeanwhile:
    """A version of the page recorded after the editor opened it: their save is refused."""

    latest: PageRevision
    opened_at: int | None  # None: the form's hidden field was altered

    def what_happened(self, editor: AbstractBaseUser) -> str:
        """E.g. “Maria Lopez saved this page at 3:42 p.m. (version 7), after you opened it.”"""
        revision = self.latest
        if revision.created_by_id is not None and revision.created_by_id == editor.pk:
            who, where, opened = "You", " in another tab or window", "opened it here"
        else:
            who, where, opened = capfirst(revision.author), "", "opened it"
        version = f"version {revision.number}"
        newer = revision.number - self.opened_at if self.opened_at is not None else 0
        if newer > 1:
            version += f", the latest of {newer} versions since then"
        return (
            f"{who} {DID[revision.kind]}{where} {spoken_time(revision.created_at)} "
            f"({version}), after you {opened}."
        )

    def message(self, editor: AbstractBaseUser) -> str:
        """The whole message, in words alone (the edit page adds a link to the page)."""
        return (
            f"{self.what_happened(editor)} Your changes are not saved. Copy what you typed, "
            "open the page again to see the page as it is now, and add your changes there."
        )


def saved_since(procedure_id: int, sent: str) -> SavedMeanwhile | None:
    """What was saved since the form was opened at the version it `sent`, if anything.

    Call it inside the save's transaction, before anything is written: it locks the page's
    row until that transaction ends, so no other save (nor a publish, a restore or the
    scheduler, which all lock it too) can come between this check and the save. (SQLite
    locks no rows: there the save's transaction holds the database's write lock from its
    start, settings' "IMMEDIATE", which serves the same.)
    """
    Procedure.objects.select_for_update().only("pk").get(pk=procedure_id)
    latest = (
        PageRevision.objects.filter(procedure_id=procedure_id)
        .select_related("created_by")
        .order_by("-number")
        .first()
    )
    opened = opened_at(sent)
    if latest is None or latest.number == opened:
        return None
    return SavedMeanwhile(latest=latest, opened_at=opened)


def spoken_time(moment: datetime) -> str:
    """“at 3:42 p.m.” today, “on December 2 at 3:42 p.m.” another day (clinic time)."""
    local = timezone.localtime(moment)
    at = f"at {time_format(local, 'TIME_FORMAT')}"
    if local.date() == timezone.localdate():
        return at
    return f"on {date_format(local, 'F j')} {at}"


# Who has the page open for editing now.


@dataclass(frozen=True)
class OpenedBy:
    name: str
    at: datetime

    def notice(self, now: datetime | None = None) -> str:
        """E.g. “Maria Lopez opened this page for editing 4 minutes ago. If you both save...”"""
        minutes = int(((now or timezone.now()) - self.at).total_seconds() // 60)
        if minutes < 1:
            ago = "less than a minute ago"
        else:
            ago = f"{minutes} minute{'' if minutes == 1 else 's'} ago"
        return (
            f"{self.name} opened this page for editing {ago}. If you both save, the second "
            "save will be refused: agree who goes first."
        )


def _cache_key(procedure_id: int) -> str:
    return f"procedures:editing:{procedure_id}"


def _staff_name(user: AbstractBaseUser) -> str:
    return user.get_full_name() or user.get_username()


def others_editing(
    procedure_id: int, editor: AbstractBaseUser, now: datetime | None = None
) -> list[OpenedBy]:
    """Other staff who opened (or saved) the page in the last few minutes, latest first."""
    since = (now or timezone.now()) - OPEN_FOR
    opened = cache.get(_cache_key(procedure_id), {})
    others = [
        OpenedBy(name=entry["name"], at=datetime.fromisoformat(entry["at"]))
        for user_pk, entry in opened.items()
        if user_pk != str(editor.pk)
    ]
    return sorted((o for o in others if o.at > since), key=lambda o: o.at, reverse=True)


def editing_record(
    procedure_id: int, editor: AbstractBaseUser, now: datetime | None = None
) -> None:
    """Note that `editor` has the page open now (for OPEN_FOR, unless they open it again)."""
    key, now = _cache_key(procedure_id), now or timezone.now()
    opened = {
        user_pk: entry
        for user_pk, entry in cache.get(key, {}).items()
        if datetime.fromisoformat(entry["at"]) > now - OPEN_FOR
    }
    opened[str(editor.pk)] = {"name": _staff_name(editor), "at": now.isoformat()}
    cache.set(key, opened, timeout=int(OPEN_FOR.total_seconds()))
