"""The front desk's list labels each cell with its column's heading, for the cards on a phone."""

from django.utils.safestring import SafeString, mark_safe

from appointments.templatetags.front_desk_cards import labelled_by

TICK_BOX = {
    "text": mark_safe('<input type="checkbox" id="action-toggle">'),
    "class_attrib": mark_safe(' class="action-checkbox-column"'),
}


def heading(text: str) -> dict:
    return {"text": text, "class_attrib": ""}


def test_each_cell_carries_its_columns_heading():
    """<td> and <th> cells get data-label="<heading>", the first letter a capital."""
    cells = [
        mark_safe('<th class="field-reference"><a href="/x/">CB-7KXM</a></th>'),
        mark_safe('<td class="field-status">New</td>'),
    ]
    labelled = labelled_by(cells, [heading("reference"), heading("Status")])
    assert labelled == [
        '<th data-label="Reference" class="field-reference"><a href="/x/">CB-7KXM</a></th>',
        '<td data-label="Status" class="field-status">New</td>',
    ]
    assert all(isinstance(cell, SafeString) for cell in labelled)


def test_a_heading_is_escaped_inside_the_attribute():
    """A heading with quotes or angle brackets cannot break out of data-label."""
    [cell] = labelled_by([mark_safe("<td>1</td>")], [heading('Calls "tried" <b>')])
    assert cell == '<td data-label="Calls &quot;tried&quot; &lt;b&gt;">1</td>'


def test_the_tick_box_and_a_column_without_words_are_left_as_they_are():
    """The tick box's heading is the select-all box; a blank heading labels nothing."""
    cells = [
        mark_safe('<td class="action-checkbox"><input type="checkbox"></td>'),
        mark_safe('<td class="field-assign"><button>Assign to me</button></td>'),
    ]
    assert labelled_by(cells, [TICK_BOX, heading("")]) == cells
