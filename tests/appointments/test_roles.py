"""Each staff group sees and changes only its own part of the admin."""

import pytest
from django.urls import reverse

from tests.appointments.factories import make_callback_request
from tests.factories import make_procedure, make_staff_user

pytestmark = pytest.mark.django_db

REQUESTS = reverse("admin:appointments_callbackrequest_changelist")
PROCEDURES = reverse("admin:procedures_procedure_changelist")
CLINIC = reverse("admin:procedures_clinicdetails_changelist")
SERVICE_AREA = reverse("admin:appointments_serviceareacounty_changelist")


def login(client, group):
    client.force_login(make_staff_user(group.lower().replace(" ", ""), groups=[group]))
    return client


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
    index = client.get(reverse("admin:index")).content.decode()
    assert "Callback requests" not in index


def test_the_admin_index_shows_each_group_only_its_own_sections(client):
    """The front desk's home page lists callback requests and nothing about content."""
    login(client, "Front desk")
    index = client.get(reverse("admin:index")).content.decode()
    assert "Callback requests" in index
    assert "Procedures" not in index
