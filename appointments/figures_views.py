"""The page "How the front desk is doing" and its CSV, beside the callback requests' list.

/admin/appointments/callbackrequest/figures/ and .../figures.csv, for whoever may see
the requests (the Front desk group and superusers); anyone else is refused (403).
The numbers come from appointments/service_figures.py.

Neither the page nor the CSV is recorded in the patient-record access log
(appointments/access_records.py): they show counts, shares and times by county,
never a patient's name, phone number, reference, town or ZIP code.
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from appointments.csv_export import plain_cell
from appointments.service_figures import (
    Figures,
    PeriodFigures,
    front_desk_figures,
    minutes_in_words,
)

CSV_COLUMNS = [
    "Period",
    "From",
    "To",
    "State",
    "County",
    "Requests received",
    "Due or called",
    "Called within one business day",
    "Called later",
    "Due and not called",
    "Not yet due and not called",
    "Share called within one business day (%)",
    "Requests called",
    "Median time to first call (minutes)",
]
ALL_COUNTIES = "All counties"


def figures_urls(model_admin) -> list:
    """The page and the CSV, for CallbackRequestAdmin.get_urls."""
    site = model_admin.admin_site
    return [
        path(
            "figures/",
            site.admin_view(lambda request: figures_page(request, model_admin)),
            name="appointments_callbackrequest_figures",
        ),
        path(
            "figures.csv",
            site.admin_view(lambda request: figures_csv(request, model_admin)),
            name="appointments_callbackrequest_figures_csv",
        ),
    ]


def _check_permission(request, model_admin) -> None:
    """Whoever may see the requests' list may see its figures: no one else."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied


def figures_page(request, model_admin) -> TemplateResponse:
    """The figures as three tables (today, this week, the last 30 days), by county.

    Not recorded in the access log: the page shows no patient.
    """
    _check_permission(request, model_admin)
    now = timezone.now()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "How the front desk is doing",
        "opts": model_admin.model._meta,
        "now": now,
        "tables": [_table(result) for result in front_desk_figures(now)],
    }
    return TemplateResponse(request, "admin/appointments/callbackrequest/figures.html", context)


def figures_csv(request, model_admin) -> HttpResponse:
    """The same figures as a CSV file: a line per period and county, all counties first.

    Not recorded in the access log: the file holds no patient's details.
    """
    _check_permission(request, model_admin)
    now = timezone.now()
    text = figures_csv_text(front_desk_figures(now))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(now).strftime("%Y-%m-%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="front-desk-figures-{stamp}.csv"'
    return response


def figures_csv_text(results: list[PeriodFigures]) -> str:
    """The CSV file: a header line, then per period a line of all counties and one per county."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for result in results:
        groups = [(None, result.all_counties), *result.by_county.items()]
        for county, figures in groups:
            writer.writerow([plain_cell(value) for value in _csv_line(result, county, figures)])
    return buffer.getvalue()


def _csv_line(result: PeriodFigures, county, figures: Figures) -> list:
    period = result.period
    share = figures.share_in_time_percent
    median = figures.median_wait_minutes
    return [
        period.name,
        timezone.localtime(period.start).strftime("%Y-%m-%d %H:%M"),
        timezone.localtime(period.end).strftime("%Y-%m-%d %H:%M"),
        county.state if county else "",
        county.name if county else ALL_COUNTIES,
        figures.received,
        figures.settled,
        figures.called_in_time,
        figures.called_late,
        figures.overdue_not_called,
        figures.not_yet_due,
        "" if share is None else share,
        figures.called,
        "" if median is None else median,
    ]


def _table(result: PeriodFigures) -> dict:
    """One period's table: the row of all counties, then a row per county, in words."""
    rows = [row_in_words(ALL_COUNTIES, result.all_counties, total=True)]
    rows += [row_in_words(str(county), figures) for county, figures in result.by_county.items()]
    return {"period": result.period, "rows": rows}


def row_in_words(where: str, figures: Figures, *, total: bool = False) -> dict:
    return {
        "where": where,
        "total": total,
        "received": f"{figures.received:,}",
        "share": _share_in_words(figures),
        "share_detail": _share_detail(figures),
        "median": _median_in_words(figures),
    }


def _share_in_words(figures: Figures) -> str:
    if not figures.received:
        return "No requests"
    if not figures.settled:
        return "None due yet"
    return f"{figures.share_in_time_percent}%"


def _share_detail(figures: Figures) -> str:
    """ "8 of 10; 2 not due yet", or empty."""
    parts = []
    if figures.settled:
        parts.append(f"{figures.called_in_time:,} of {figures.settled:,}")
    if figures.not_yet_due and figures.settled:
        parts.append(f"{figures.not_yet_due:,} not due yet")
    elif figures.not_yet_due:
        parts.append(f"{figures.not_yet_due:,} not called, not due yet")
    return "; ".join(parts)


def _median_in_words(figures: Figures) -> str:
    if not figures.received:
        return "No requests"
    if figures.median_wait_minutes is None:
        return "None called yet"
    return minutes_in_words(figures.median_wait_minutes)
