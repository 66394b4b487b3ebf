"""Small builders for test data: real model instances with sensible defaults."""

import io
from datetime import date, timedelta
from itertools import count

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from PIL import Image

from procedures.models import Procedure, Question, Section, Step, WarningSign

_numbers = count(1)


def make_procedure(*, status=Procedure.Status.PUBLISHED, **fields) -> Procedure:
    n = next(_numbers)
    today = date(2026, 11, 1)
    values = {
        "title": f"Procedure {n}",
        "slug": f"procedure-{n}",
        "summary": "- It is quick.\n- You go home the same day.",
        "meta_description": f"About procedure {n}.",
        "status": status,
        "reviewed_by": "Jane Smith, MD",
        "last_reviewed": today,
        "next_review_due": today + timedelta(days=365),
        **fields,
    }
    procedure = Procedure(**values)
    procedure.full_clean()
    procedure.save()
    return procedure


def add_section(procedure, heading, *, kind=Section.Kind.GENERAL, position=0, body="Some text."):
    return Section.objects.create(
        procedure=procedure, heading=heading, kind=kind, position=position, body=body
    )


def add_step(procedure, text, *, position=0):
    return Step.objects.create(procedure=procedure, text=text, position=position)


def add_warning_sign(procedure, text, *, tier=WarningSign.Tier.CALL_CLINIC, position=0):
    return WarningSign.objects.create(procedure=procedure, text=text, tier=tier, position=position)


def add_question(procedure, text, *, position=0):
    return Question.objects.create(procedure=procedure, text=text, position=position)


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


def sign_in(client, user: User):
    """The client, signed in to the admin as user.

    Every test signs staff in through this one function, so a change to how staff
    sign in (a second step, say) is made here once.
    """
    client.force_login(user)
    return client


def load_starter_content() -> None:
    """`manage.py load_starter_content`, with its report kept out of the test output."""
    call_command("load_starter_content", stdout=io.StringIO())


def png_bytes(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()
