"""The front desk's list and its CSV download stay quick with many requests.

Timing is benchmarks/front_desk.py's job; these prove what makes it quick: few
queries, one cheap count, indexes that serve the order, the filters and a phone
search (read from the database's own plan), and a download that streams.
"""

import csv
import io
import tracemalloc

import pytest
from django.db import connection, transaction
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appointments import csv_export
from appointments.models import CallbackRequest
from appointments.test_data import make_test_requests

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")
EXPORT = reverse("admin:appointments_callbackrequest_export")
MAX_QUERIES = 10
# The list, a status filter, the overdue filter, and a phone number as typed in the search.
PAGES = {
    "list": {},
    "status filter": {"status": "closed"},
    "overdue filter": {"overdue": "yes"},
    "phone search": {"q": "(413) 555-0142"},
}


@pytest.fixture
def many_requests(front_desk):
    """500 made-up requests with their calls, some assigned to the front desk; the front
    desk already at work (the first page of a session starts its clocks, a write)."""
    make_test_requests(500, seed=7)
    front_desk.get(reverse("admin:index"))
    return front_desk


@pytest.mark.parametrize("query", PAGES.values(), ids=PAGES.keys())
def test_each_page_of_the_list_takes_at_most_ten_queries(
    many_requests, query, django_assert_max_num_queries
):
    """Sign-in checks, permissions, the filter's choices, one count, one page of rows."""
    with django_assert_max_num_queries(MAX_QUERIES):
        response = many_requests.get(LIST, query)
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0


@pytest.mark.parametrize("query", PAGES.values(), ids=PAGES.keys())
def test_the_list_counts_its_rows_once_without_counting_calls(many_requests, query):
    """One COUNT, of the requests alone: no second count of every request for a total,
    and no join with the calls grouped over every request (the slow part at 100,000)."""
    with CaptureQueriesContext(connection) as queries:
        many_requests.get(LIST, query)
    sql = [q["sql"].upper() for q in queries.captured_queries]
    counts = [text for text in sql if "COUNT(*)" in text]
    assert len(counts) == 1, counts
    assert not [text for text in sql if 'GROUP BY "APPOINTMENTS_CALLBACKREQUEST"' in text]
    assert not [text for text in sql if 'JOIN "APPOINTMENTS_CALLATTEMPT"' in text]


def test_the_calls_column_still_counts_each_requests_calls(many_requests):
    """The count of calls, now a subquery per row, matches the calls on record."""
    response = many_requests.get(LIST)
    for row in response.context["cl"].result_list:
        assert row.attempt_count == row.call_attempts.count()


def query_plan(queryset, *, for_order: bool = False) -> str:
    """The database's plan for the query. PostgreSQL is told to avoid full scans and
    sorts where it can (its tables here are too small for it to bother with an index
    otherwise), so a full scan or a sort in the plan means no index serves the query."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("ANALYZE appointments_callbackrequest")  # its statistics, up to date
            cursor.execute("SET LOCAL enable_seqscan = off")
            if for_order:
                # Nor would it read 500 rows in index order when sorting them costs less;
                # with sorting discouraged, a sort means no index can give the order.
                cursor.execute("SET LOCAL enable_sort = off")
                cursor.execute("SET LOCAL enable_bitmapscan = off")
            return queryset.explain()
    return queryset.explain()


def page_query(client, query):
    """The query of the page of rows the list showed."""
    changelist = client.get(LIST, query).context["cl"]
    return changelist.queryset[: changelist.list_per_page]


@pytest.mark.parametrize(
    "query",
    [PAGES["list"], PAGES["status filter"]],
    ids=["list", "status filter"],
)
def test_the_lists_order_comes_from_an_index_not_a_sort(many_requests, query):
    """The order of the work, alone or within a status: read in index order, never sorting
    every row."""
    plan = query_plan(page_query(many_requests, query), for_order=True).upper()
    assert "TEMP B-TREE" not in plan  # SQLite: a sort of the rows found
    assert "SORT" not in plan and "SEQ SCAN" not in plan  # PostgreSQL
    assert "CALLBACK_QUEUE" in plan or "CALLBACK_STATUS_QUEUE" in plan


def test_a_phone_search_reads_the_phone_index(many_requests):
    """A number typed any familiar way is looked up in the index, not by reading every row."""
    plan = query_plan(page_query(many_requests, PAGES["phone search"])).upper()
    assert "CALLBACK_PHONE" in plan


def test_the_overdue_filter_reads_the_queues_index_in_order(many_requests):
    """Overdue (waiting for contact, past due) is the start of the queue's own index, read
    in the list's order."""
    plan = query_plan(page_query(many_requests, PAGES["overdue filter"]), for_order=True).upper()
    assert "CALLBACK_QUEUE" in plan
    assert "TEMP B-TREE" not in plan and "SORT" not in plan


def test_the_download_is_streamed(many_requests):
    """The CSV goes out as it is written, rows read a chunk at a time, not built whole first."""
    response = many_requests.get(EXPORT, {"status": "all"})
    assert isinstance(response, StreamingHttpResponse)
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == CallbackRequest.objects.count() == 500


def download_peak_bytes(client) -> tuple[int, int]:
    """Python's peak memory while the whole download is made and read; and its rows."""
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        response = client.get(EXPORT, {"status": "all"})
        # Read to its end, the test client's response closes itself.
        chunks = response.streaming_content if response.streaming else [response.content]
        lines = sum(chunk.count(b"\n") for chunk in chunks)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - base, lines - 1


def test_the_downloads_memory_does_not_grow_with_its_rows(front_desk, monkeypatch):
    """Five times the rows, well under twice the peak: memory holds one chunk of rows, not
    all (a file built whole grows with its rows: about four times here).

    The chunk is made small here so that both downloads span several chunks."""
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 200, raising=False)
    make_test_requests(1000, seed=1)
    download_peak_bytes(front_desk)  # the first download fills caches that stay
    small_peak, small_rows = download_peak_bytes(front_desk)
    make_test_requests(4000, seed=2)
    large_peak, large_rows = download_peak_bytes(front_desk)
    assert (small_rows, large_rows) == (1000, 5000)
    assert large_peak < 2 * small_peak, (small_peak, large_peak)
