"""Small builders for test data: real model instances with sensible defaults."""

import io
from datetime import date, timedelta
from itertools import count

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from procedures.models import Procedure, Question, Section, Step, WarningSign
from procedures.publishing import page_publish
from staff import second_factor

_numbers = count(1)


def make_procedure(*, status=Procedure.Status.PUBLISHED, **fields) -> Procedure:
    """A procedure page; published (as an editor with “Can publish” would) unless a draft."""
    n = next(_numbers)
    today = date(2026, 11, 1)
    values = {
        "title": f"Procedure {n}",
        "slug": f"procedure-{n}",
        "summary": "- It is quick.\n- You go home the same day.",
        "meta_description": f"About procedure {n}.",
        "reviewed_by": "Jane Smith, MD",
        "last_reviewed": today,
        "next_review_due": today + timedelta(days=365),
        **fields,
    }
    procedure = Procedure(**values)
    procedure.full_clean()
    procedure.save()
    if status == Procedure.Status.PUBLISHED:
        page_publish(procedure=procedure, by=None, note="Test page")
        procedure.refresh_from_db()
    return procedure


def republish(procedure: Procedure) -> None:
    """Publish a published page again after a builder below changed it, as an editor would."""
    procedure.refresh_from_db()
    if procedure.is_published:
        page_publish(procedure=procedure, by=None, note="Test page changed")
        procedure.refresh_from_db()


def add_section(procedure, heading, *, kind=Section.Kind.GENERAL, position=0, body="Some text."):
    section = Section.objects.create(
        procedure=procedure, heading=heading, kind=kind, position=position, body=body
    )
    republish(procedure)
    return section


def add_step(procedure, text, *, position=0):
    step = Step.objects.create(procedure=procedure, text=text, position=position)
    republish(procedure)
    return step


def add_warning_sign(procedure, text, *, tier=WarningSign.Tier.CALL_CLINIC, position=0):
    sign = WarningSign.objects.create(procedure=procedure, text=text, tier=tier, position=position)
    republish(procedure)
    return sign


def add_question(procedure, text, *, position=0):
    question = Question.objects.create(procedure=procedure, text=text, position=position)
    republish(procedure)
    return question


def make_staff_user(username="staff", *, groups=(), superuser=False) -> User:
    user = User.objects.create_user(
        username=username,
        password="correct horse battery staple",
        is_staff=True,
        is_superuser=superuser,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def authenticator_for(user) -> TOTPDevice:
    """The user's authenticator app, connected now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or second_factor.authenticator_connect(user=user, key=second_factor.new_key())


def sign_in(client, user):
    """The test client, signed in as `user` with both factors given, as the real sign-in leaves
    it (tests/staff/ prove the real sign-in itself)."""
    device = authenticator_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def load_starter_content() -> None:
    """`manage.py load_starter_content`, with its report kept out of the test output."""
    call_command("load_starter_content", stdout=io.StringIO())


def png_bytes(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()
