"""Each staff group sees and changes only its own part of the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from appointments.models import CallAttempt, CallbackRequest, ServiceAreaCounty
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import change_form, login
from tests.factories import make_procedure

pytestmark = pytest.mark.django_db

REQUESTS = reverse("admin:appointments_callbackrequest_changelist")
PROCEDURES = reverse("admin:procedures_procedure_changelist")
CLINIC = reverse("admin:procedures_clinicdetails_changelist")
SERVICE_AREA = reverse("admin:appointments_serviceareacounty_changelist")


FRONT_DESK_PERMISSIONS = {
    ("appointments", "view_callbackrequest"),
    ("appointments", "change_callbackrequest"),
    ("appointments", "export_callbackrequest"),
    ("appointments", "view_callattempt"),
    ("appointments", "add_callattempt"),
    ("appointments", "view_notification"),
}
CONTENT_EDITORS_PERMISSIONS = {
    ("procedures", f"{action}_{model}")
    for model in ("procedure", "section", "step", "warningsign", "question", "languagehelpnotice")
    for action in ("view", "add", "change", "delete")
} | {
    ("procedures", "view_clinicdetails"),
    ("procedures", "change_clinicdetails"),
    ("procedures", "view_pagerevision"),
    ("appointments", "view_serviceareacounty"),
}


def permissions_of(group: str) -> set[tuple[str, str]]:
    permissions = Group.objects.get(name=group).permissions
    return set(permissions.values_list("content_type__app_label", "codename"))


def test_the_front_desk_group_has_exactly_its_permissions():
    """Callback requests (view, change, export), their calls (view, add) and emails (view)."""
    assert permissions_of("Front desk") == FRONT_DESK_PERMISSIONS


def test_the_content_editors_group_has_exactly_its_permissions():
    """Procedure pages and their parts, the language help page's notices, the clinic details,
    and a view of the service area."""
    assert permissions_of("Content editors") == CONTENT_EDITORS_PERMISSIONS


def test_the_can_publish_group_holds_only_the_permission_to_publish():
    """Given beside “Content editors” to whoever approves pages; alone it opens nothing."""
    assert permissions_of("Can publish") == {("procedures", "publish_procedure")}


def test_front_desk_works_callback_requests(client):
    """The front desk opens the queue and a request, and may change it."""
    request = make_callback_request()
    login(client, "Front desk")
    assert client.get(REQUESTS).status_code == 200
    change = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    assert client.get(change).status_code == 200


def test_front_desk_cannot_touch_content_or_the_service_area(client):
    """Patient pages, clinic details and the service area are not the front desk's."""
    procedure = make_procedure()
    login(client, "Front desk")
    assert client.get(PROCEDURES).status_code == 403
    assert (
        client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk])).status_code
        == 403
    )
    assert client.get(CLINIC).status_code == 403
    assert client.get(SERVICE_AREA).status_code == 403


def test_content_editors_edit_procedures_and_clinic_details(client):
    """Editors open procedures and the clinic details."""
    login(client, "Content editors")
    assert client.get(PROCEDURES).status_code == 200
    assert client.get(reverse("admin:procedures_procedure_add")).status_code == 200
    assert client.get(CLINIC, follow=True).status_code == 200


def test_content_editors_never_see_patients_details(client):
    """Callback requests, their calls and exports are closed to editors."""
    request = make_callback_request()
    login(client, "Content editors")
    assert client.get(REQUESTS).status_code == 403
    change = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    assert client.get(change).status_code == 403
    assert client.get(reverse("admin:appointments_callbackrequest_export")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert REQUESTS not in index


def test_content_editors_cannot_see_call_attempts_or_callback_requests(client):
    """No permission of editors reaches requests, their call log or their emails."""
    editor = login(client, "Content editors").user
    for model in ("callbackrequest", "callattempt", "notification"):
        for action in ("view", "add", "change", "delete"):
            assert not editor.has_perm(f"appointments.{action}_{model}"), (action, model)
    assert not editor.has_perm("appointments.export_callbackrequest")


def test_front_desk_can_save_a_status_change_and_log_a_call(client):
    """A Front desk member saves a request with a new status and a call added below."""
    request = make_callback_request()
    front_desk = login(client, "Front desk")
    response = change_form(
        front_desk,
        request,
        status="scheduled",
        **{
            "call_attempts-TOTAL_FORMS": "1",
            "call_attempts-0-made_at_0": "2026-11-27",
            "call_attempts-0-made_at_1": "09:15",
            "call_attempts-0-outcome": "reached",
            "call_attempts-0-note": "Booked for Tuesday",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.SCHEDULED
    attempt = CallAttempt.objects.get(callback_request=request)
    assert (attempt.made_by, attempt.outcome) == (front_desk.user, "reached")


def test_content_editors_see_the_service_area_but_cannot_change_it(client):
    """Editors read the counties served; adding, changing or deleting one is refused."""
    hampden = ServiceAreaCounty.objects.get(state="MA", county="Hampden")
    change = reverse("admin:appointments_serviceareacounty_change", args=[hampden.pk])
    delete = reverse("admin:appointments_serviceareacounty_delete", args=[hampden.pk])
    login(client, "Content editors")
    assert client.get(SERVICE_AREA).status_code == 200
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    add = reverse("admin:appointments_serviceareacounty_add")
    assert client.post(add, {"state": "MA", "county": "Worcester"}).status_code == 403
    assert client.post(change, {"state": "MA", "county": "Worcester"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ServiceAreaCounty.objects.filter(state="MA", county="Hampden").exists()
    assert not ServiceAreaCounty.objects.filter(county="Worcester").exists()


def test_no_group_may_change_the_service_area():
    """It decides whose requests the form accepts: only superusers, or one person given it."""
    for action in ("add", "change", "delete"):
        codename = f"{action}_serviceareacounty"
        assert not Group.objects.filter(permissions__codename=codename).exists(), codename


def test_the_front_desks_admin_index_lists_callback_requests_and_no_procedures(client):
    """The front desk's home page lists callback requests and nothing about content."""
    login(client, "Front desk")
    index = client.get(reverse("admin:index")).content.decode()
    assert "Callback requests" in index
    assert "Procedures" not in index
