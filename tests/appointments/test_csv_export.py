"""The CSV download holds exactly the rows the list shows with its filters and search."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.csv_export import plain_cell
from tests.appointments.factories import make_callback_request
from tests.factories import make_staff_user

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")
EXPORT = reverse("admin:appointments_callbackrequest_export")


def exported(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="callback-requests-')
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_the_export_matches_the_filtered_and_searched_list(front_desk):
    """Same filter and search as the list: the same rows, all pages, not only a selection."""
    wanted = [make_callback_request(full_name=f"Ann Lee {n}") for n in range(3)]
    make_callback_request(full_name="Ann Lee closed", status="closed")
    make_callback_request(full_name="Bob Stone")
    query = {"q": "Ann Lee", "status": "new"}
    listed = front_desk.get(LIST, query)
    assert listed.context["cl"].result_count == 3
    rows = exported(front_desk.get(EXPORT, query))
    assert sorted(row["Reference"] for row in rows) == sorted(r.reference for r in wanted)


def test_the_export_honours_overdue_and_assigned_to_me_with_a_search(front_desk):
    """Overdue, “assigned to me” and a search together: the download has the listed rows only."""
    colleague = make_staff_user("colleague", groups=["Front desk"])
    four_days_ago = timezone.now() - timedelta(days=4)
    wanted = make_callback_request(
        full_name="Ann Lee", received_at=four_days_ago, assigned_to=front_desk.user
    )
    make_callback_request(full_name="Ann Lee", assigned_to=front_desk.user)  # not overdue
    make_callback_request(full_name="Ann Lee", received_at=four_days_ago, assigned_to=colleague)
    make_callback_request(full_name="Ann Lee", received_at=four_days_ago)  # nobody's
    make_callback_request(
        full_name="Bob Stone", received_at=four_days_ago, assigned_to=front_desk.user
    )
    query = {"overdue": "yes", "assigned": "me", "q": "Ann Lee"}
    listed = front_desk.get(LIST, query)
    assert [row.reference for row in listed.context["cl"].result_list] == [wanted.reference]
    rows = exported(front_desk.get(EXPORT, query))
    assert [row["Reference"] for row in rows] == [wanted.reference]
    assert rows[0]["Overdue"] == "yes"
    assert rows[0]["Assigned to"] == "frontdesk"


def test_the_export_link_on_the_list_carries_the_current_filters(front_desk):
    """The download button on the list keeps the filters and search in its address."""
    make_callback_request()
    html = front_desk.get(LIST, {"q": "Lee", "status": "new"}).content.decode()
    assert f'href="{EXPORT}?q=Lee&amp;status=new"' in html


def test_the_export_has_the_queue_columns_in_readable_form(front_desk):
    """Each row has the queue's columns; the phone is written as people dial it."""
    request = make_callback_request(full_name="Maria Lopez")
    [row] = exported(front_desk.get(EXPORT))
    assert row["Reference"] == request.reference
    assert row["Name"] == "Maria Lopez"
    assert row["Phone"] == "(413) 555-0123"
    assert (row["Town"], row["State"], row["ZIP code"]) == ("Springfield", "MA", "01103")
    assert row["Procedure"] == "Not sure yet"
    assert row["Status"] == "New"
    assert row["Calls"] == "0"


def test_cells_that_look_like_formulas_are_made_plain_text(front_desk):
    """A name typed as a spreadsheet formula cannot run when the file is opened."""
    make_callback_request(full_name='=HYPERLINK("http://evil.example")')
    [row] = exported(front_desk.get(EXPORT))
    assert row["Name"].startswith("'=")
    assert plain_cell("+1 413") == "'+1 413"
    assert plain_cell("Maria") == "Maria"


def test_every_cell_is_quoted_so_a_semicolon_never_splits_a_name(front_desk):
    """Every cell, header included, is in double quotes: a spreadsheet that splits on `;` or
    `,` keeps “Lopez; Maria” in one cell."""
    make_callback_request(full_name="Lopez; Maria, Jr.")
    response = front_desk.get(EXPORT)
    lines = response.getvalue().decode().splitlines()
    assert len(lines) == 2
    for line in lines:
        cells = next(csv.reader([line]))
        assert line == ",".join(f'"{cell}"' for cell in cells)
    assert '"Lopez; Maria, Jr."' in lines[1]


def test_the_export_has_the_language_to_call_in_and_the_interpreter_need(front_desk):
    """Four columns: the language to call in, the other language as written, the interpreter
    need, the language of the form; a request sent before the question says “Not asked”."""
    make_callback_request(
        call_language="other",
        call_language_other="Português; Brasil",
        needs_interpreter="yes",
        page_language="es",
    )
    make_callback_request(call_language="", needs_interpreter="", page_language="en")
    response = front_desk.get(EXPORT)
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    answered, before = sorted(rows, key=lambda row: row["Language to call in"])
    assert (
        answered["Language to call in"],
        answered["Other language"],
        answered["Interpreter"],
        answered["Form filled in"],
    ) == ("Another language", "Português; Brasil", "Yes", "Spanish")
    assert (before["Language to call in"], before["Interpreter"], before["Form filled in"]) == (
        "Not asked",
        "Not asked",
        "English",
    )
    for line in response.getvalue().decode().splitlines():
        cells = next(csv.reader([line]))
        assert line == ",".join(f'"{cell}"' for cell in cells)  # quoted like every cell
