"""The front desk's CSV download of callback requests.

Every cell is quoted, so a `;` or `,` in a name never splits it (spreadsheets in
some countries split on `;`). Cells that a spreadsheet would run as a formula are
made plain text, and the phone number is written the way people dial it, so no
cell starts with + or =.
"""

import csv
from collections.abc import Iterator

from django.http import StreamingHttpResponse
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
    "Language to call in",
    "Other language",
    "Interpreter",
    "Form filled in",
    "Status",
    "Calls",
    "Assigned to",
    "Overdue",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Rows read from the database at a time: memory stays the same however many rows there are.
CHUNK_SIZE = 2000
# Lines are sent in blocks of about this many characters, not one write per line.
BLOCK_BYTES = 64 * 1024


class _Line:
    """A file-like object for csv.writer that hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def callback_requests_csv_response(rows, *, now) -> StreamingHttpResponse:
    """A CSV file of the given requests (annotated with_queue_columns), in the given order.

    Streamed: each line goes to the client as it is written, and the rows are read
    CHUNK_SIZE at a time (on PostgreSQL through a server-side cursor), so 100,000
    rows take no more memory than 2,000, and the first byte leaves at once.
    """
    response = StreamingHttpResponse(
        _lines(rows.select_related("procedure", "assigned_to")),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime(now).strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="callback-requests-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _lines(rows) -> Iterator[bytes]:
    """The file's header line at once, then its rows, about BLOCK_BYTES at a time."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    yield writer.writerow(COLUMNS).encode()
    block: list[str] = []
    size = 0
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        line = writer.writerow(
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
                row.get_call_language_display() or "Not asked",
                row.call_language_other,
                row.get_needs_interpreter_display() or "Not asked",
                row.get_page_language_display(),
                row.get_status_display(),
                row.attempt_count,
                row.assigned_to.get_username() if row.assigned_to else "",
                "yes" if row.is_overdue else "",
            ]
        )
        block.append(line)
        size += len(line)
        if size >= BLOCK_BYTES:
            yield "".join(block).encode()
            block, size = [], 0
    if block:
        yield "".join(block).encode()
