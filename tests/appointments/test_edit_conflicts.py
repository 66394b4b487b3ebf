"""A request a colleague changed since you opened it is not saved over: you are told, you keep
what you typed, and Save again saves."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from appointments.edit_conflicts import SALT, opened_as
from appointments.models import CallAttempt, CallbackRequest
from appointments.services import call_attempt_record, callback_request_save
from tests.appointments.factories import make_callback_request, submit_through_service
from tests.factories import make_staff_user, sign_in
from tests.staff.test_unsaved_work import form_data, with_a_call_note

pytestmark = pytest.mark.django_db

NOTE = "Reached voicemail, will try again at noon"


@pytest.fixture
def callback_request():
    return make_callback_request()


def front_desk_member(username: str, first_name: str = "") -> Client:
    user = make_staff_user(username, groups=["Front desk"])
    if first_name:
        user.first_name, user.last_name = first_name, "Reyes"
        user.save()
    client = sign_in(Client(), user)
    client.user = user
    return client


def change_page(callback_request) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])


def opened(client, callback_request) -> dict:
    return form_data(client.get(change_page(callback_request)))


def errors_of(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.non_field_errors())


def test_a_colleagues_status_change_is_shown_and_what_you_typed_kept(callback_request):
    """Dana sets Trying while you type a note and assign yourself: nothing saved, the page
    says who changed what and when, and shows the values now; your note and choice stay."""
    you, dana = front_desk_member("you"), front_desk_member("dana", "Dana")
    yours = opened(you, callback_request)
    theirs = opened(dana, callback_request)
    assert (
        dana.post(change_page(callback_request), theirs | {"status": ["trying"]}).status_code == 302
    )

    typed = with_a_call_note(yours, NOTE) | {"assigned_to": [str(you.user.pk)]}
    response = you.post(change_page(callback_request), typed)
    assert response.status_code == 200
    message = errors_of(response)
    assert message.startswith("Not saved yet: Dana Reyes changed this request (status) on ")
    assert "after you opened it" in message
    assert "Status: Trying to reach. Assigned to: nobody. Name: Maria Lopez." in message
    page = response.content.decode()
    assert '<p class="errornote" id="changed-meanwhile">Not saved yet: Dana Reyes' in page
    assert "Please correct" not in page  # nothing to correct: only a change to see
    assert NOTE in page
    assert f'<option value="{you.user.pk}" selected>' in page
    assert '<option value="trying" selected>' in page  # untouched by you: Dana's value
    assert not CallAttempt.objects.exists()
    stored = CallbackRequest.objects.get()
    assert (stored.status, stored.assigned_to) == ("trying", None)

    again = you.post(change_page(callback_request), form_data(response))
    assert again.status_code == 302
    stored.refresh_from_db()
    assert stored.assigned_to == you.user
    assert list(CallAttempt.objects.values_list("note", flat=True)) == [NOTE]


def test_a_call_a_colleague_logged_meanwhile_is_named(callback_request):
    """A call Dana logged after you opened the page: "a call was logged", and it is listed."""
    you, dana = front_desk_member("you"), front_desk_member("dana", "Dana")
    yours = opened(you, callback_request)
    call_attempt_record(
        callback_request=callback_request, made_by=dana.user, outcome="no_answer", note="x"
    )
    response = you.post(change_page(callback_request), yours | {"status": ["closed"]})
    assert response.status_code == 200
    assert "Dana Reyes changed this request (status and a call was logged)" in errors_of(response)
    assert '<option value="closed" selected>' in response.content.decode()  # yours, kept
    assert CallbackRequest.objects.get().status == "trying"


def test_save_again_after_the_message_keeps_the_colleagues_change(callback_request):
    """You only added a note; Dana assigned herself. Save, message, Save: her assignment and
    your call both stay."""
    you, dana = front_desk_member("you"), front_desk_member("dana", "Dana")
    yours = opened(you, callback_request)
    theirs = opened(dana, callback_request) | {"assigned_to": [str(dana.user.pk)]}
    assert dana.post(change_page(callback_request), theirs).status_code == 302
    response = you.post(change_page(callback_request), with_a_call_note(yours, NOTE))
    assert "(assigned to)" in errors_of(response)
    assert you.post(change_page(callback_request), form_data(response)).status_code == 302
    assert CallbackRequest.objects.get().assigned_to == dana.user
    assert CallAttempt.objects.get().note == NOTE


def test_a_change_meanwhile_and_a_mistake_are_both_said(callback_request):
    """With a phone number that is no number too, the usual error box lists both."""
    you, dana = front_desk_member("you"), front_desk_member("dana", "Dana")
    yours = opened(you, callback_request)
    theirs = opened(dana, callback_request) | {"status": ["trying"]}
    assert dana.post(change_page(callback_request), theirs).status_code == 302
    response = you.post(change_page(callback_request), yours | {"phone": ["12"]})
    page = response.content.decode()
    assert "Please correct the errors below." in page
    assert "Not saved yet: Dana Reyes changed this request (status)" in errors_of(response)
    assert 'id="changed-meanwhile"' not in page


def test_nobody_else_saved_so_it_saves_at_once(callback_request):
    """With no change since opening, Save saves, and who saved it is recorded."""
    you = front_desk_member("you")
    response = you.post(
        change_page(callback_request), with_a_call_note(opened(you, callback_request), NOTE)
    )
    assert response.status_code == 302
    stored = CallbackRequest.objects.get()
    assert stored.changed_by == you.user
    assert CallAttempt.objects.count() == 1


def test_the_patients_correction_meanwhile_is_named():
    """The patient sent the form again with another phone number: said so, with the new one."""
    request = submit_through_service(form_nonce="the-form").callback_request
    you = front_desk_member("you")
    yours = opened(you, request)
    submit_through_service(form_nonce="the-form", phone="+14135550199")
    response = you.post(change_page(request), yours | {"status": ["trying"]})
    message = errors_of(response)
    assert message.startswith(
        "Not saved yet: the patient, sending the form again, changed this request (phone)"
    )
    assert 'value="(413) 555-0199"' in response.content.decode()  # untouched: the new number
    assert "Phone: (413) 555-0199." in message


def test_an_altered_hidden_field_counts_as_changed_meanwhile(callback_request):
    """A page whose hidden field was altered is not trusted: the check stops the save."""
    you = front_desk_member("you")
    yours = opened(you, callback_request) | {"opened_as": ["forged"]}
    response = you.post(change_page(callback_request), yours | {"status": ["closed"]})
    assert response.status_code == 200
    assert "after you opened it" in errors_of(response)
    assert CallbackRequest.objects.get().status == "new"


def test_the_hidden_field_holds_no_patients_details(callback_request):
    """Name and phone are in the hidden field only as fingerprints."""
    state = str(signing.loads(opened_as(callback_request), salt=SALT))
    assert "Maria" not in state and "555" not in state


def test_each_save_and_each_call_counts_one_and_says_who(callback_request):
    """callback_request_save and call_attempt_record count up and record who; saving
    nothing counts nothing."""
    dana = make_staff_user("dana")
    callback_request.status = "trying"
    callback_request_save(callback_request=callback_request, fields=["status"], changed_by=dana)
    call_attempt_record(callback_request=callback_request, made_by=dana, outcome="voicemail")
    callback_request_save(callback_request=callback_request, fields=[], changed_by=None)
    stored = CallbackRequest.objects.get()
    assert (stored.version, stored.changed_by, stored.changed_at is not None) == (2, dana, True)
