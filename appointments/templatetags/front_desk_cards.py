"""Each cell of the front desk's list labelled with its column's heading.

On a phone the list's rows become cards and the column headings are not shown,
so each cell carries its heading in data-label for static/css/front_desk.css to
show beside the value.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def labelled_by(cells, headers):
    """The row's cells (Django's rendered <td>/<th>), each with data-label="<its heading>".

    The tick box's column is left as it is: its heading is the select-all box, not words.
    """
    return [_labelled(cell, header) for cell, header in zip(cells, headers, strict=True)]


def _labelled(cell, header):
    text = str(header["text"])
    if "action-checkbox" in header.get("class_attrib", "") or not text.strip():
        return cell
    if not cell.startswith(("<td", "<th")):
        return cell
    label = format_html(' data-label="{}"', text[:1].upper() + text[1:])
    return mark_safe(cell[:3] + label + cell[3:])  # noqa: S308 - both parts are escaped HTML
