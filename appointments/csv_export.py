"""The front desk's CSV download of callback requests.

Every cell is quoted, so a `;` or `,` in a name never splits it (spreadsheets in
some countries split on `;`). Cells that a spreadsheet would run as a formula are
made plain text, and the phone number is written the way people dial it, so no
cell starts with + or =.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

COLUMNS = [
    "Reference",
    "Received",
    "Name",
    "Phone",
    "Town",
    "State",
    "ZIP code",
    "Procedure",
    "Best time",
    "Status",
    "Calls",
    "Assigned to",
    "Overdue",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def callback_requests_csv_response(rows, *, now) -> tuple[HttpResponse, int]:
    """A CSV file of the given requests (annotated with_queue_columns), in the given order.

    Returns the response and the number of rows written.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(now).strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="callback-requests-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows.select_related("procedure", "assigned_to"):
        writer.writerow(
            plain_cell(value)
            for value in [
                row.reference,
                timezone.localtime(row.received_at).strftime("%Y-%m-%d %H:%M"),
                row.full_name,
                row.phone.as_national,
                row.town,
                row.state,
                row.zip_code,
                row.procedure.title if row.procedure else "Not sure yet",
                row.get_best_time_display(),
                row.get_status_display(),
                row.attempt_count,
                row.assigned_to.get_username() if row.assigned_to else "",
                "yes" if row.is_overdue else "",
            ]
        )
        count += 1
    return response, count
