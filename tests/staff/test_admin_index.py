"""The staff home's list (and the side menu) links each thing once; group headings are words."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db

APP_PAGES = ["/admin/appointments/", "/admin/procedures/", "/admin/auth/", "/admin/axes/"]


def make_role(role: str):
    if role == "Superusers":
        return make_staff_user("boss", superuser=True)
    return make_staff_user("someone", groups=[role])


def signed_in_page(client, role: str, url: str) -> BeautifulSoup:
    sign_in(client, make_role(role))
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headings_and_links(area) -> tuple[list[str], list[str]]:
    headings = [caption.get_text(strip=True) for caption in area.select(".module caption")]
    links = [a["href"] for a in area.select(".module a")]
    return headings, links


@pytest.mark.parametrize("role", ["Front desk", "Content editors", "Superusers"])
def test_the_home_list_links_each_thing_once_and_no_heading(client, role):
    """No heading is a link, no link leads to a group's own page, each list is linked once
    (its name; no Change or View link beside it repeats it), Add links stay."""
    page = signed_in_page(client, role, reverse("admin:index"))
    area = page.select_one("#content-main")
    headings, links = headings_and_links(area)
    assert headings
    assert area.select(".module caption a") == []
    assert not set(links) & set(APP_PAGES)
    lists = [link for link in links if not link.endswith("/add/")]
    rows = area.select(".module tr[class^=model-]")
    assert len(lists) == len(set(lists)) == len(rows)  # the name's link, no Change or View
    assert area.select(".changelink, .viewlink") == []
    if role == "Superusers":
        assert any(link.endswith("/add/") for link in links)


def test_the_front_desk_sees_its_group_heading_once_and_callback_requests_once(client):
    """“Front desk”, then one “Callback requests”: no second heading of the same name."""
    page = signed_in_page(client, "Front desk", reverse("admin:index"))
    headings, _ = headings_and_links(page.select_one(".app-list"))
    assert headings == ["Front desk"]
    names = [th.get_text(strip=True) for th in page.select(".app-list th[scope=row]")]
    assert names == ["Callback requests"]


def test_the_side_menu_has_no_heading_links_either(client):
    """On a list page the side menu shows the same words, and each list once."""
    page = signed_in_page(
        client, "Front desk", reverse("admin:appointments_callbackrequest_changelist")
    )
    sidebar = page.select_one("#nav-sidebar")
    headings, links = headings_and_links(sidebar)
    assert headings == ["Front desk"]
    assert links == [reverse("admin:appointments_callbackrequest_changelist")]
