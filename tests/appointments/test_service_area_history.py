"""The service area's history: each county added, renamed or removed, with who and when, on
any county's History page, and undo there.

Through the admin, as the one named staff member (not a superuser) a superuser gave the
service area's permissions to (the README's role table: no group may change it).
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from appointments.models import ServiceAreaChange, ServiceAreaCounty
from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db

ADD = reverse("admin:appointments_serviceareacounty_add")
LIST = reverse("admin:appointments_serviceareacounty_changelist")


def page_of(county: ServiceAreaCounty, page: str) -> str:
    return reverse(f"admin:appointments_serviceareacounty_{page}", args=[county.pk])


def hampden() -> ServiceAreaCounty:
    return ServiceAreaCounty.objects.get(state="MA", county="Hampden")


@pytest.fixture
def keeper(client):
    """A staff member given the service area's permissions by a superuser."""
    user = make_staff_user("sam")
    user.first_name, user.last_name = "Sam", "Keeper"
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_serviceareacounty"))
    sign_in(client, user)
    return user


def history_rows(client, county) -> list[str]:
    page = BeautifulSoup(client.get(page_of(county, "history")).content, "html.parser")
    return [" ".join(row.get_text(" ", strip=True).split()) for row in page.select("tbody tr")]


def test_adding_a_county_records_who_and_what(client, keeper):
    assert client.post(ADD, {"state": "ma", "county": "worcester"}).status_code == 302
    change = ServiceAreaChange.objects.get()
    assert (change.action, change.changed_by) == ("added", keeper)
    assert change.changes == {"state": ["", "MA"], "county": ["", "Worcester"]}
    [row] = history_rows(client, hampden())
    assert "Sam Keeper" in row and change.when_in_words in row
    assert "Added: Worcester County, MA." in row
    assert "County: (empty) → Worcester" in row


def test_renaming_a_county_records_its_name_before_and_after(client, keeper):
    county = hampden()
    response = client.post(page_of(county, "change"), {"state": "MA", "county": "Worcester"})
    assert response.status_code == 302
    [row] = history_rows(client, county)
    assert "Changed: Hampden County, MA." in row
    assert "County: Hampden → Worcester" in row
    assert "State" not in row  # unchanged


def test_a_county_removed_by_mistake_is_put_back_with_undo(client, keeper):
    """Its row is gone, so another county's History page lists the removal, with Undo."""
    county = hampden()
    client.post(page_of(county, "delete"), {"post": "yes"})
    assert not ServiceAreaCounty.objects.filter(county="Hampden").exists()
    other = ServiceAreaCounty.objects.first()
    [row] = history_rows(client, other)
    assert "Removed: Hampden County, MA." in row
    removal = ServiceAreaChange.objects.get()

    response = client.post(page_of(other, "undo"), {"change": removal.pk}, follow=True)

    assert "Undone: the change of" in response.content.decode()
    assert ServiceAreaCounty.objects.filter(state="MA", county="Hampden").exists()
    put_back = ServiceAreaChange.objects.first()
    assert (put_back.action, put_back.undoes, put_back.changed_by) == ("added", removal, keeper)


def test_removing_several_counties_from_the_list_records_each(client, keeper):
    counties = list(ServiceAreaCounty.objects.filter(state="CT")[:2])
    response = client.post(
        LIST,
        {"action": "delete_selected", "_selected_action": [c.pk for c in counties], "post": "yes"},
    )
    assert response.status_code == 302
    removed = ServiceAreaChange.objects.filter(action="removed")
    assert sorted(removed.values_list("county_in_words", flat=True)) == sorted(
        str(c) for c in counties
    )


def test_undoing_an_addition_removes_the_county_and_undoing_a_rename_names_it_back(client, keeper):
    client.post(ADD, {"state": "MA", "county": "Worcester"})
    county = hampden()
    client.post(page_of(county, "change"), {"state": "MA", "county": "Middlesex"})
    rename, addition = ServiceAreaChange.objects.all()

    client.post(page_of(county, "undo"), {"change": addition.pk})
    client.post(page_of(county, "undo"), {"change": rename.pk})

    assert not ServiceAreaCounty.objects.filter(county="Worcester").exists()
    county.refresh_from_db()
    assert county.county == "Hampden"


def test_an_undo_that_cannot_be_done_says_why_and_changes_nothing(client, keeper):
    """Putting back a removed county that was added again since is refused in plain words."""
    county = hampden()
    client.post(page_of(county, "delete"), {"post": "yes"})
    other = ServiceAreaCounty.objects.first()
    client.post(ADD, {"state": "MA", "county": "Hampden"})
    removal = ServiceAreaChange.objects.get(action="removed")
    recorded = ServiceAreaChange.objects.count()

    response = client.post(page_of(other, "undo"), {"change": removal.pk}, follow=True)

    html = response.content.decode()
    assert "could not be undone" in html and "Nothing was changed." in html
    assert ServiceAreaCounty.objects.filter(county="Hampden").count() == 1
    assert ServiceAreaChange.objects.count() == recorded


def test_content_editors_read_the_history_but_cannot_undo(client):
    """Editors may view the service area (they write its sentence), so they read its history."""
    county = hampden()
    sign_in(client, make_staff_user("keeper2", superuser=True))
    client.post(page_of(county, "change"), {"state": "MA", "county": "Worcester"})
    change = ServiceAreaChange.objects.get()
    client.logout()
    sign_in(client, make_staff_user("editor", groups=["Content editors"]))
    [row] = history_rows(client, county)
    assert "County: Hampden → Worcester" in row
    assert "Undo</button>" not in client.get(page_of(county, "history")).content.decode()
    assert client.post(page_of(county, "undo"), {"change": change.pk}).status_code == 403
    county.refresh_from_db()
    assert county.county == "Worcester"


def test_putting_back_a_removed_county_needs_the_permission_to_add_one(client, keeper):
    """Someone who may only rename counties cannot add one back through Undo."""
    county = hampden()
    client.post(page_of(county, "delete"), {"post": "yes"})
    removal = ServiceAreaChange.objects.get()
    keeper.user_permissions.remove(Permission.objects.get(codename="add_serviceareacounty"))
    other = ServiceAreaCounty.objects.first()

    response = client.post(page_of(other, "undo"), {"change": removal.pk}, follow=True)

    assert "your account may not add counties" in response.content.decode()
    assert not ServiceAreaCounty.objects.filter(county="Hampden").exists()
