"""Helpers for the tests of the procedure edit page: a content editor's client, and the page's
form posted back as a browser would post it."""

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from procedures.models import Procedure
from tests.factories import load_starter_content, make_staff_user, sign_in


def editor_client() -> Client:
    """A signed-in “Content editors” member who is not a superuser."""
    editor = make_staff_user("editor", groups=["Content editors"])
    assert not editor.is_superuser
    return sign_in(Client(), editor)


def starter_page() -> Procedure:
    """The starter content's procedure (12 sections, steps, warning signs, questions)."""
    load_starter_content()
    return Procedure.objects.get(slug="port-placement")


def edit_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def form_data(response, *, line_ending: str = "\n") -> dict:
    """What the browser sends for the edit page's form untouched, with `line_ending` between
    the lines of each text box (browsers send "\\r\\n")."""
    form = page_of(response).find("form", id="procedure_form")
    data = {}
    for element in form.find_all("input"):
        kind = element.get("type", "text")
        name = element.get("name")
        if not name or kind in ("submit", "file") or "__prefix__" in name:
            continue
        if kind == "checkbox":
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
            continue
        data[name] = element.get("value", "")
    for element in form.find_all("textarea"):
        if "__prefix__" in element["name"]:
            continue
        text = element.get_text()
        # HTML drops the newline that starts a textarea's content; html.parser keeps it.
        text = text.removeprefix("\r\n").removeprefix("\n")
        data[element["name"]] = text.replace("\n", line_ending)
    for element in form.find_all("select"):
        if "__prefix__" in element["name"]:
            continue
        chosen = element.find("option", selected=True) or element.find("option")
        data[element["name"]] = chosen.get("value", "") if chosen else ""
    return data


def errors_in(response) -> str:
    return " ".join(e.get_text(" ", strip=True) for e in page_of(response).select(".errorlist"))


def row_of(data: dict, section) -> int:
    """The index of `section` in the posted sections (sections-<index>-...)."""
    total = int(data["sections-TOTAL_FORMS"])
    return next(i for i in range(total) if data.get(f"sections-{i}-id") == str(section.pk))


def section_with_picture(procedure, heading: str = "What is a port?"):
    """One of the page's sections, given a picture and its description."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    section = procedure.sections.get(heading_en=heading)
    section.image = SimpleUploadedFile("old-drawing.png", png_bytes(), content_type="image/png")
    section.image_alt_en = "Drawing of a port under the skin"
    section.save()
    return section


def new_picture(name: str = "new-drawing.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    return SimpleUploadedFile(name, png_bytes(60, 45), content_type="image/png")
