"""The clinic details' History page: each change with who, when and old -> new, and undo.

Through the admin, as a content editor (staff, not a superuser) signed in with both factors.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from procedures.models import ClinicDetails, ClinicDetailsChange
from procedures.services import clinic_details_save
from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db

CHANGE = reverse("admin:procedures_clinicdetails_change", args=[ClinicDetails.SINGLETON_PK])
HISTORY = reverse("admin:procedures_clinicdetails_history", args=[ClinicDetails.SINGLETON_PK])
UNDO = reverse("admin:procedures_clinicdetails_undo", args=[ClinicDetails.SINGLETON_PK])


@pytest.fixture
def editor(client):
    user = make_staff_user("anna", groups=["Content editors"])
    user.first_name, user.last_name = "Anna", "Reyes"
    user.save()
    sign_in(client, user)
    return user


def save_in_admin(client, **changes):
    """Post the details' form as an editor would, changing only `changes`."""
    form = client.get(CHANGE).context["adminform"].form
    data = {name: str(form[name].value() or "") for name in form.fields}
    return client.post(CHANGE, data | changes)


def history_rows(client) -> list[str]:
    page = BeautifulSoup(client.get(HISTORY).content, "html.parser")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("tbody tr")]


def test_a_save_in_the_admin_records_who_when_and_each_changed_field(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(client, phone="(413) 555-0100", hours_es="Lunes a viernes")
    assert response.status_code == 302, response.content.decode()
    change = ClinicDetailsChange.objects.get()
    assert change.changed_by == editor
    assert change.changes == {
        "phone": ["+14136932852", "+14135550100"],
        "hours_es": ["", "Lunes a viernes"],
    }
    [row] = history_rows(client)
    assert "Anna Reyes" in row
    assert change.when_in_words in row
    assert "Phone: 413-693-2852 → 413-555-0100" in row
    assert "Hours (Spanish): (empty) → Lunes a viernes" in row
    assert "Name" not in row  # unchanged fields are not listed


def test_a_save_that_changes_nothing_records_nothing(client, editor):
    assert save_in_admin(client).status_code == 302
    assert not ClinicDetailsChange.objects.exists()
    assert "No changes recorded yet" in client.get(HISTORY).content.decode()


def test_a_number_that_cannot_be_dialed_is_refused_plainly_and_kept_as_typed(client, editor):
    """Bad input keeps what the person typed and saves nothing."""
    response = save_in_admin(client, phone="693-2852 ext")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a US phone number with area code, e.g. 413-693-2852." in html
    assert 'value="693-2852 ext"' in html
    assert ClinicDetails.objects.get().phone_e164 == "+14136932852"
    assert not ClinicDetailsChange.objects.exists()


def test_the_admin_shows_the_stored_number_as_patients_know_it(client, editor):
    assert 'value="413-693-2852"' in client.get(CHANGE).content.decode()


def test_undo_puts_the_earlier_number_back_on_every_page_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    """A wrong number saved by mistake is traced on the History page and undone there; the
    public pages (cached) show the restored number straight away."""
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(client, phone="413-555-0199", name="NEEC")
    assert "413-555-0199" in client.get("/").content.decode()
    mistake = ClinicDetailsChange.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UNDO, {"change": mistake.pk}, follow=True)

    assert "Undone: the change of" in response.content.decode()
    details = ClinicDetails.objects.get()
    assert (details.phone_e164, details.name) == ("+14136932852", "New England Endovascular Center")
    home = client.get("/").content.decode()
    assert 'href="tel:+14136932852"' in home and "413-693-2852" in home
    assert "413-555-0199" not in home
    undo = ClinicDetailsChange.objects.first()
    assert (undo.undoes, undo.changed_by) == (mistake, editor)
    assert undo.changes["phone"] == ["+14135550199", "+14136932852"]
    assert "Undo of the change of" in history_rows(client)[0]


def test_undo_of_an_older_change_puts_back_only_the_fields_it_changed(client, editor):
    save_in_admin(client, phone="413-555-0101")
    save_in_admin(client, address="1 Main St\nSpringfield, MA")
    phone_change = ClinicDetailsChange.objects.last()
    client.post(UNDO, {"change": phone_change.pk})
    details = ClinicDetails.objects.get()
    assert details.phone_e164 == "+14136932852"
    assert details.address == "1 Main St\nSpringfield, MA"


def test_undo_without_a_change_chosen_changes_nothing_and_says_so(client, editor):
    response = client.post(UNDO, {"change": "999"}, follow=True)
    assert "That change is not in this history. Nothing was undone" in response.content.decode()
    assert not ClinicDetailsChange.objects.exists()


def test_the_history_page_is_only_read_and_undo_is_only_sent(client, editor):
    """Undo is a form sent with the page's CSRF token: a link or a GET undoes nothing."""
    save_in_admin(client, phone="413-555-0101")
    assert client.get(UNDO).status_code == 405
    page = BeautifulSoup(client.get(HISTORY).content, "html.parser")
    form = page.select_one("tbody form")
    assert form["method"] == "post" and form["action"] == UNDO
    assert form.select_one("input[name=csrfmiddlewaretoken]")


def test_staff_who_may_only_view_the_details_read_the_history_but_cannot_undo(client):
    viewer = make_staff_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_clinicdetails"))
    clinic_details_save(details=ClinicDetails(phone="413-555-0101"), by=None)
    change = ClinicDetailsChange.objects.get()
    sign_in(client, viewer)
    page = client.get(HISTORY).content.decode()
    assert "413-555-0101" in page and "someone (no account recorded)" in page
    assert "Undo</button>" not in page
    assert client.post(UNDO, {"change": change.pk}).status_code == 403
    assert ClinicDetails.objects.get().phone_e164 == "+14135550101"


def test_the_front_desk_sees_no_history_of_the_clinic_details(client):
    sign_in(client, make_staff_user("desk", groups=["Front desk"]))
    assert client.get(HISTORY).status_code == 403
