"""Comparing two versions of a page lists what changed, part by part, in words."""

import copy

from bs4 import BeautifulSoup

from procedures.revision_compare import compare, word_diff_html

RECOVERY_BODY = (
    "Rest for the first day. Keep the dressing dry for two days. "
    "You can walk around the house as soon as you feel ready.\n\n"
    "Most people go back to work within a week."
)


def a_snapshot() -> dict:
    """A page as page_content.snapshot writes it: three sections and a list of each kind."""
    return {
        "format": 1,
        "procedure": {
            "slug": "port-placement",
            "procedure_type": "SurgicalProcedure",
            "title_en": "Port placement",
            "title_es": "Colocación de un puerto",
            "summary_en": "- Takes about an hour.",
            "summary_es": None,
            "other_names_en": "",
            "other_names_es": None,
            "meta_description_en": "What happens when a port is placed.",
            "meta_description_es": None,
            "body_location_en": "Chest",
            "body_location_es": None,
        },
        "sections": [
            section(11, "How to get ready", "Do not eat after midnight.", kind="preparation"),
            section(12, "Recovery at home", RECOVERY_BODY, kind="recovery"),
            section(13, "Questions to ask", "Bring this list.", kind="questions"),
        ],
        "steps": [
            {"id": 1, "position": 10, "text_en": "You lie on a table.", "text_es": None},
            {"id": 2, "position": 20, "text_en": "The doctor numbs the skin.", "text_es": None},
        ],
        "warning_signs": [
            {
                "id": 3,
                "position": 10,
                "tier": "call_clinic",
                "text_en": "Fever of 100.4°F or higher",
                "text_es": "Fiebre de 100.4°F o más",
            }
        ],
        "questions": [{"id": 4, "position": 10, "text_en": "When can I shower?", "text_es": ""}],
    }


def section(id, heading, body, *, kind="general", image="") -> dict:
    return {
        "id": id,
        "position": id * 10,
        "kind": kind,
        "heading_en": heading,
        "heading_es": None,
        "body_en": body,
        "body_es": None,
        "image": image,
        "image_width": 800 if image else None,
        "image_height": 600 if image else None,
        "image_alt_en": "A drawing" if image else "",
        "image_alt_es": None,
    }


def text_of(html) -> str:
    return BeautifulSoup(str(html), "html.parser").get_text()


def test_one_sentence_edited_shows_as_that_one_change_with_the_words_removed_and_added():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["sections"][1]["body_en"] = RECOVERY_BODY.replace(
        "Keep the dressing dry for two days.", "Keep the dressing dry for three days."
    )

    changes = compare(older, newer)

    assert len(changes) == 1
    [change] = changes
    assert change.label == "Section “Recovery at home”"
    assert change.what == "changed"
    [body] = change.fields
    assert body.label == "Body (English)"
    html = BeautifulSoup(str(body.html), "html.parser")
    assert [d.get_text() for d in html.select("del")] == ["Removed: two"]
    assert [i.get_text() for i in html.select("ins")] == ["Added: three"]
    assert "Keep the dressing dry for" in html.get_text()


def test_removed_and_added_words_are_announced_to_screen_readers_and_escaped():
    diff = word_diff_html("Call <b>us</b> today", "Call them today")
    html = BeautifulSoup(str(diff), "html.parser")
    assert html.select_one("del .visually-hidden").get_text() == "Removed: "
    assert html.select_one("ins .visually-hidden").get_text() == "Added: "
    assert html.select_one("del b") is None  # the editor's text is shown, never obeyed
    assert "<b>us</b>" in html.select_one("del").get_text()


def test_a_long_unchanged_text_is_shortened_around_the_change():
    before = " ".join(f"word{n}" for n in range(100))
    after = before.replace("word50", "changed")
    shown = text_of(word_diff_html(before, after))
    assert "word49" in shown and "word51" in shown
    assert "word1 " not in shown and "word99" not in shown
    assert shown.count("…") == 2


def test_the_same_versions_have_no_changes():
    assert compare(a_snapshot(), a_snapshot()) == []


def test_a_spanish_field_is_labelled_spanish():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["warning_signs"][0]["text_es"] = "Fiebre de 38 °C o más"
    newer["procedure"]["summary_es"] = "- Dura una hora."

    changes = compare(older, newer)

    assert [change.label for change in changes] == ["In short", "Warning signs: sign 1"]
    assert [field.label for field in changes[0].fields] == ["In short (Spanish)"]
    assert [field.label for field in changes[1].fields] == ["Text (Spanish)"]


def test_no_spanish_and_an_empty_spanish_field_are_the_same():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["procedure"]["summary_es"] = ""
    newer["questions"][0]["text_es"] = None
    assert compare(older, newer) == []


def test_an_added_section_is_listed_as_added_with_its_words():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["sections"].insert(2, section(14, "Driving", "Do not drive for a day."))

    [change] = compare(older, newer)

    assert (change.label, change.what, change.summary) == ("Section “Driving”", "added", "Added")
    assert {field.label: text_of(field.html) for field in change.fields} == {
        "Heading (English)": "Added: Driving",
        "What this section is about": "Added: General information",
        "Body (English)": "Added: Do not drive for a day.",
    }


def test_a_removed_section_is_listed_as_removed():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    del newer["sections"][0]

    [change] = compare(older, newer)

    assert (change.label, change.what) == ("Section “How to get ready”", "removed")


def test_a_moved_section_says_moved_and_the_others_do_not():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["sections"] = [newer["sections"][2], newer["sections"][0], newer["sections"][1]]

    [change] = compare(older, newer)

    assert change.label == "Section “Questions to ask”"
    assert change.what == "moved"
    assert change.summary == "Moved from place 3 to place 1"
    assert change.fields == []


def test_a_section_added_at_the_top_does_not_make_the_others_moved():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["sections"].insert(0, section(20, "Before you come", "Bring your medicines."))
    assert [change.what for change in compare(older, newer)] == ["added"]


def test_list_items_are_matched_by_id_so_a_changed_step_is_one_change():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["steps"][1]["text_en"] = "The doctor numbs the skin of your chest."
    newer["steps"].append({"id": 5, "position": 30, "text_en": "You rest.", "text_es": None})

    changes = compare(older, newer)

    assert [(c.label, c.what) for c in changes] == [
        ("Steps (numbered list): step 2", "changed"),
        ("Steps (numbered list): step 3", "added"),
    ]
    assert text_of(changes[0].fields[0].html) == ("The doctor numbs the skin Added: of your chest.")


def test_items_with_new_ids_are_matched_by_their_words_then_by_their_place():
    """A restored row may get a new id: the same words are no change, others match by place."""
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["steps"][0]["id"] = 101
    newer["steps"][1] |= {"id": 102, "text_en": "The doctor numbs your skin."}

    [change] = compare(older, newer)

    assert (change.label, change.what) == ("Steps (numbered list): step 2", "changed")


def test_a_warning_signs_tier_change_names_who_to_call():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["warning_signs"][0]["tier"] = "emergency"

    [change] = compare(older, newer)

    [tier] = change.fields
    assert tier.label == "Who to call"
    assert "Removed: Call the clinic" in text_of(tier.html)
    assert "Added: Call 911 or go to the emergency room" in text_of(tier.html)


def test_a_changed_title_and_a_new_picture_with_its_description_are_listed():
    older = a_snapshot()
    newer = copy.deepcopy(older)
    newer["procedure"]["title_en"] = "Placing a port"
    newer["sections"][0] |= {"image": "procedures/port.png", "image_alt_en": "A port"}

    title, picture = compare(older, newer)

    assert title.label == "Title"
    assert [field.label for field in title.fields] == ["Title (English)"]
    assert picture.picture.label == "Picture added"
    assert picture.picture.after_url.endswith("procedures/port.png")
    assert [field.label for field in picture.fields] == ["Picture description (English)"]


def test_a_replaced_picture_says_picture_changed():
    older = a_snapshot()
    older["sections"][0] |= {"image": "procedures/old.png", "image_alt_en": "A port"}
    newer = copy.deepcopy(older)
    newer["sections"][0]["image"] = "procedures/new.png"

    [change] = compare(older, newer)

    assert change.picture.label == "Picture changed"
    assert (change.picture.before, change.picture.after) == (
        "procedures/old.png",
        "procedures/new.png",
    )
    assert change.fields == []
