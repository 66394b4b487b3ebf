"""The README's table of roles is what the admin does, for every role and every admin page.

The table (README, "Who may see and change what") has a row per admin area and
a column per role. Its second column names what the row is in the admin: models
by label (`appointments.CallbackRequest`), or a page by its URL name
(`admin:appointments_callbackrequest_export`). A cell is `—` (none), words of
MODEL_WORDS in that order for a model, or one of PAGE_WORDS for a page. A column
other than NOT_SIGNED_IN, NO_GROUP and SUPERUSERS is a group, by its name.
"""

import re
from dataclasses import dataclass

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, reverse

from appointments.models import CallAttempt, Notification, PatientRecordAccess
from appointments.tasks import sweep_notifications
from procedures.models import LanguageHelpNotice
from tests.appointments.factories import make_callback_request
from tests.factories import (
    add_question,
    add_section,
    add_step,
    add_warning_sign,
    authenticator_for,
    make_procedure,
    make_staff_user,
    sign_in,
)

README = settings.BASE_DIR / "README.md"
HEADING = "### Who may see and change what"
NONE = "—"
MODEL_WORDS = ("view", "add", "change", "delete")
PAGE_WORDS = ("open", "download", "send")
NOT_SIGNED_IN = "Not signed in"
NO_GROUP = "Staff, no group"
SUPERUSERS = "Superusers"

# The admin site's own pages that show nothing of their own. (Its home page and
# the password form, which every staff user has, are rows of the table.)
SITE_PAGES_WITHOUT_A_ROW = {
    "login",
    "sign_in_code",  # the sign-in's later steps, for whoever gave the right password
    "sign_in_set_up",
    "sign_in_set_up_qr_code",
    "logout",
    "password_change_done",
    "jsi18n",
    "autocomplete",
    "view_on_site",
    "app_list",
}
# The pages Django's admin makes for every registered model.
MODEL_PAGES = ("changelist", "add", "change", "history", "delete")

ALLOWED, REFUSED, SIGN_IN = "allowed (200)", "refused (403)", "sent to sign in"


# --- the table ----------------------------------------------------------------


@dataclass
class Row:
    area: str
    names: list[str]  # model labels, or admin URL names
    cells: dict[str, frozenset[str]]  # role: words

    @property
    def is_page(self) -> bool:
        return self.names[0].startswith("admin:")


def words_of(cell: str, area: str, role: str) -> frozenset[str]:
    if cell == NONE:
        return frozenset()
    words = cell.split(", ")
    in_order = [word for word in MODEL_WORDS if word in words]
    if words != in_order and not (len(words) == 1 and words[0] in PAGE_WORDS):
        raise ValueError(
            f"README table, {area!r}, {role!r}: {cell!r} is not {NONE}, one of {PAGE_WORDS}, "
            f"or words of {MODEL_WORDS} in that order"
        )
    return frozenset(words)


def read_table() -> tuple[list[str], list[Row]]:
    """The roles (columns after the second) and the rows of the README's table."""
    text = README.read_text(encoding="utf-8")
    assert HEADING in text, f"the README has no {HEADING!r}"
    lines = text.split(HEADING, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, _, *body = table
    assert header[:2] == ["area", "in the admin"], header
    roles = header[2:]
    rows = []
    for cells in body:
        area = cells[0]
        assert len(cells) == len(header), f"README table, {area!r}: {len(cells)} cells"
        words = {
            role: words_of(cell, area, role) for role, cell in zip(roles, cells[2:], strict=True)
        }
        rows.append(Row(area, re.findall(r"`([^`]+)`", cells[1]), words))
    return roles, rows


ROLES, ROWS = read_table()


# --- the admin ------------------------------------------------------------------


def registered_models() -> dict[str, admin.ModelAdmin]:
    return {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}


def inline_models() -> dict[str, list[admin.ModelAdmin]]:
    """Each model shown inline, with the admins of the pages it is shown on."""
    parents = {}
    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            parents.setdefault(inline.model._meta.label, []).append(model_admin)
    return parents


def admin_pages() -> dict[str, tuple[admin.ModelAdmin | None, URLPattern]]:
    """Named admin pages besides a model's usual five: "admin:name" to (its admin, its route)."""
    pages = {
        pattern.name: (None, pattern)
        for pattern in admin.site.get_urls()
        if isinstance(pattern, URLPattern)
        and pattern.name
        and pattern.name not in SITE_PAGES_WITHOUT_A_ROW
    }
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        usual = {f"{opts.app_label}_{opts.model_name}_{page}" for page in MODEL_PAGES}
        for pattern in model_admin.get_urls():
            if pattern.name and pattern.name not in usual:
                pages[pattern.name] = (model_admin, pattern)
    return {f"admin:{name}": value for name, value in pages.items()}


def test_every_admin_model_inline_and_page_has_a_row_and_every_row_exists():
    """A new admin model, inline or page fails here until the README's table has its row."""
    in_the_admin = {*registered_models(), *inline_models(), *admin_pages()}
    in_the_table = [name for row in ROWS for name in row.names]
    assert sorted(in_the_admin - set(in_the_table)) == [], "missing from the README's table"
    assert sorted(set(in_the_table) - in_the_admin) == [], "in the README's table, not the admin"
    assert len(in_the_table) == len(set(in_the_table)), "a name is in two rows"


def test_model_rows_use_model_words_and_page_rows_page_words():
    """`view, add, change, delete` describe models; `open` or `download` a page."""
    for row in ROWS:
        assert len({name.startswith("admin:") for name in row.names}) == 1, row.area
        allowed = set(PAGE_WORDS if row.is_page else MODEL_WORDS)
        for role, words in row.cells.items():
            assert words <= allowed, (row.area, role, sorted(words))


# --- walking the admin as one role ----------------------------------------------


def make_one_of_each() -> dict[str, object]:
    """A row of each admin model that migrations do not make, so every page has one to show."""
    request = make_callback_request()
    procedure = make_procedure()
    made = [
        request,
        CallAttempt.objects.create(callback_request=request, outcome="no_answer"),
        Notification.objects.create(callback_request=request, kind="staff_alert"),
        procedure,
        add_section(procedure, "What happens"),
        add_step(procedure, "You lie down."),
        add_warning_sign(procedure, "A fever."),
        add_question(procedure, "How long will it take?"),
        LanguageHelpNotice.objects.create(language="pt", name="Português", sentence="Temos."),
        PatientRecordAccess.objects.create(username="someone", action="opened"),
        someone := make_staff_user("someone"),
        authenticator_for(someone),
        AccessAttempt.objects.create(username="someone", failures_since_start=1, **SIGN_IN_TRY),
        AccessFailureLog.objects.create(username="someone", **SIGN_IN_TRY),
        AccessLog.objects.create(username="someone", **SIGN_IN_TRY),
    ]
    sweep_notifications.enqueue()  # a task result
    return {type(obj)._meta.label: obj for obj in made}


SIGN_IN_TRY = {
    "ip_address": "203.0.113.1",
    "user_agent": "test",
    "attempt_time": "2026-12-01T09:00Z",
}


def one_of(label: str, made: dict[str, object]):
    """The row made of this model, or one the migrations made (groups, the service area...)."""
    obj = made.get(label) or apps.get_model(label)._default_manager.first()
    assert obj is not None, f"make one {label} in make_one_of_each()"
    return obj


def sign_in_as(client, role: str) -> None:
    if role == NOT_SIGNED_IN:
        return
    if role == SUPERUSERS:
        sign_in(client, make_staff_user("role-superuser", superuser=True))
        return
    if role != NO_GROUP:
        assert Group.objects.filter(name=role).exists(), f"the README names no group {role!r}"
    sign_in(client, make_staff_user("role-user", groups=[] if role == NO_GROUP else [role]))


def visit(client, url: str, method: str = "get"):
    """GET (or POST) the address, following redirects; (what it came to, the last response)."""
    response = getattr(client, method)(url, follow=True)
    hops = [hop for hop, _ in response.redirect_chain]
    if hops and hops[0].startswith(reverse("admin:login")):
        return SIGN_IN, response
    if response.status_code == 403 and not hops:
        return REFUSED, response
    if response.status_code == 200 and reverse("admin:index") not in hops:
        return ALLOWED, response
    return f"{response.status_code} after {hops}", response


def save_button(words, response) -> str | None:
    has_save = 'name="_save"' in response.content.decode()
    if has_save != ("change" in words):
        return "has a Save button" if has_save else "has no Save button"
    return None


def download(words, response) -> str | None:
    attachment = response.get("Content-Disposition", "").startswith("attachment")
    if attachment != ("download" in words):
        return "is a download" if attachment else "is not a download"
    return None


def inline_offers(label: str, words, response) -> str | None:
    """Whether the page shows the inline model with exactly these words' rights."""
    shown = [
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.opts.model._meta.label == label
    ]
    if not shown:
        return f"does not show {label}" if words else None
    if not words:
        return f"shows {label}"
    [formset] = shown
    offers = {"view"}
    if formset.has_add_permission:
        offers.add("add")
    if formset.has_change_permission:
        offers.add("change")
    if formset.has_delete_permission and formset.formset.can_delete:
        offers.add("delete")
    if offers != words:
        return f"offers {sorted(offers)} on {label}, not {sorted(words)}"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_the_readme_table_says(client, role):
    """Every admin page of every row answers the role as its cell says: 200, 403 or sign in."""
    made = make_one_of_each()
    sign_in_as(client, role)
    refused = SIGN_IN if role == NOT_SIGNED_IN else REFUSED
    registered, inlines, pages = registered_models(), inline_models(), admin_pages()
    problems = []

    def expect(row, url, allowed: bool, check=None, method="get"):
        came_to, response = visit(client, url, method)
        wanted = ALLOWED if allowed else refused
        if came_to != wanted:
            problems.append(f"{row.area}: {url} should be {wanted}, is {came_to}")
        elif allowed and check is not None and (problem := check(response)):
            problems.append(f"{row.area}: {url} {problem}")

    def change_page(obj) -> str:
        opts = obj._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    for row in ROWS:
        words = row.cells[role]
        for name in row.names:
            if name in pages:
                model_admin, pattern = pages[name]
                kwargs = {
                    key: one_of(model_admin.model._meta.label, made).pk
                    for key in pattern.pattern.converters
                }
                url = reverse(name, kwargs=kwargs)
                # A page that only takes a form sent to it ("send": one-click actions) is sent one.
                sent = any("send" in cell for cell in row.cells.values())
                method = "post" if sent else "get"
                expect(row, url, bool(words), lambda r, w=words: download(w, r), method)
            elif name in registered:
                obj = one_of(name, made)
                opts = obj._meta
                sees = bool(words & {"view", "change"})
                for page, allowed in [
                    ("changelist", sees),
                    ("change", sees),
                    ("history", sees),
                    ("add", "add" in words),
                    ("delete", "delete" in words),
                ]:
                    args = [] if page in ("changelist", "add") else [obj.pk]
                    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=args)
                    check = (lambda r, w=words: save_button(w, r)) if page == "change" else None
                    expect(row, url, allowed, check)
            else:  # shown inline on other models' pages (or unknown: see the test above)
                for parent_admin in inlines.get(name, []):
                    url = change_page(one_of(parent_admin.model._meta.label, made))
                    if not words and visit(client, url)[0] != ALLOWED:
                        continue  # the page is closed to the role, and the inline with it
                    expect(row, url, True, lambda r, n=name, w=words: inline_offers(n, w, r))
    assert not problems, "\n".join(problems)
