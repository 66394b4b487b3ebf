"""Made-up callback requests for trying the front desk's list at scale, and removing them.

`manage.py make_test_callback_requests N` (appointments/management/commands/) uses
these. Every made-up request is marked three ways, so nobody mistakes it for a
patient and nobody calls it:

- its reference starts with TEST- (real ones start with CB-, appointments/references.py),
  which the list, a request's page and the CSV download all show, and by which
  `--remove` finds them again;
- the name says "Test patient";
- the phone number is one of the 555-0100 to 555-0199 numbers that the North American
  numbering plan keeps for fiction, in the service area's area codes: no real phone rings.

No email is queued for them: they are written straight to the table, not through the form.
"""

import random
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from appointments import zip_codes
from appointments.business_days import one_business_day_after
from appointments.models import CallAttempt, CallbackRequest, ServiceAreaCounty
from appointments.references import ALPHABET
from procedures.models import Procedure

PREFIX = "TEST-"
# TEST- and 5 letters fill the reference's 10 characters: 19**5 (about 2.5 million) of them.
LENGTH = 5
CAPACITY = len(ALPHABET) ** LENGTH
CONSENT_VERSION = "test-data"
# Western Massachusetts; Northern Connecticut (860 and its overlay 959).
AREA_CODES = ["413", "860", "959"]
BATCH = 2000

Status = CallbackRequest.Status
Outcome = CallAttempt.Outcome


def test_requests():
    """Every made-up request (and, by cascade, its calls and emails)."""
    return CallbackRequest.objects.filter(reference__startswith=PREFIX)


def fictional_phone_numbers() -> list[PhoneNumber]:
    numbers = [
        PhoneNumber.from_string(f"+1{area}555{line:04d}")
        for area in AREA_CODES
        for line in range(100, 200)
    ]
    return [number for number in numbers if number.is_valid()]


def service_area_places() -> list[zip_codes.Place]:
    counties = {(c.state, c.county.lower()) for c in ServiceAreaCounty.objects.all()}
    return [
        place
        for place in zip_codes.places()
        if (place.state, place.county.lower()) in counties and place.town
    ]


def _status_for(age: timedelta, rng: random.Random) -> str:
    """A spread like a busy front desk's: recent requests open, older ones mostly closed.

    New or trying-to-reach requests past their due time are overdue: about 1 in 100
    of the older ones, more of the last two weeks'.
    """
    if age < timedelta(days=1):
        weights = {Status.NEW: 80, Status.TRYING: 15, Status.REACHED: 5}
    elif age < timedelta(days=14):
        weights = {
            Status.NEW: 5,
            Status.TRYING: 10,
            Status.REACHED: 20,
            Status.SCHEDULED: 40,
            Status.CLOSED: 25,
        }
    else:
        weights = {
            Status.NEW: 0.5,
            Status.TRYING: 1,
            Status.REACHED: 3,
            Status.SCHEDULED: 10,
            Status.CLOSED: 85.5,
        }
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _received_at(now: datetime, days: int, rng: random.Random) -> datetime:
    """A moment in the last `days` days, in the daytime, busier the more recent."""
    age_days = min(rng.expovariate(3 / days), days - 1) if days > 1 else 0
    day = timezone.localtime(now) - timedelta(days=age_days)
    moment = day.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59), second=0)
    return min(moment, now - timedelta(minutes=rng.randint(1, 600)))


def _new_references(count: int, rng: random.Random) -> list[str]:
    taken = set(test_requests().values_list("reference", flat=True))
    if len(taken) + count > CAPACITY // 2:
        raise ValueError(f"At most {CAPACITY // 2 - len(taken)} more test requests fit.")
    made: list[str] = []
    while len(made) < count:
        reference = PREFIX + "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
        if reference not in taken:
            taken.add(reference)
            made.append(reference)
    return made


def _calls(request: CallbackRequest, staff: list, rng: random.Random) -> list[CallAttempt]:
    """The calls that brought a request to its status: misses, then the call that reached."""
    if request.status == Status.NEW:
        return []
    misses = rng.randint(1, 3) if request.status == Status.TRYING else rng.randint(0, 1)
    outcomes = [rng.choice([Outcome.NO_ANSWER, Outcome.VOICEMAIL]) for _ in range(misses)]
    if request.status != Status.TRYING:
        outcomes.append(Outcome.REACHED)
    made_at = request.received_at
    calls = []
    for outcome in outcomes:
        made_at += timedelta(hours=rng.randint(1, 20))
        calls.append(
            CallAttempt(
                callback_request=request,
                made_at=made_at,
                made_by=rng.choice(staff) if staff else None,
                outcome=outcome,
            )
        )
    return calls


def _insert(objects: list) -> None:
    """INSERT the model instances in one executemany, as bulk_create would, much faster.

    Each value is prepared for the database by its own field, as Django does; values
    shared by many rows (a phone number, a ZIP code, a choice) are prepared once.
    Django's bulk_create spends most of its time per value compiling its query and
    validating the phone number again, and took about a minute for 100,000 rows.
    """
    model = type(objects[0])
    # A generated column (CallbackRequest.queue_stage) is the database's to fill.
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.generated
    ]
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; the values go as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared: dict = {}

    def prepare(field, value):
        if isinstance(value, datetime):
            return field.get_db_prep_save(value, connection)
        key = (field.attname, id(value) if isinstance(value, PhoneNumber) else value)
        if key not in prepared:
            prepared[key] = field.get_db_prep_save(value, connection)
        return prepared[key]

    rows = [
        tuple(prepare(field, getattr(obj, field.attname)) for field in fields) for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def make_test_requests(
    count: int, *, days: int = 180, seed: int | None = None, now: datetime | None = None
) -> int:
    """Write `count` made-up requests received over the last `days` days, with their calls.

    Returns how many were made. Written in batches of BATCH rows, each batch in one
    transaction.
    """
    # Made-up data, not secrets: a seeded generator makes the same data again.
    rng = random.Random(seed if seed is not None else secrets.randbits(64))  # noqa: S311
    now = now or timezone.now()
    places = service_area_places()
    if not places:
        raise ValueError("The service area has no ZIP codes: add counties to it first.")
    phones = fictional_phone_numbers()
    procedures = [*Procedure.objects.all(), None]
    staff = list(get_user_model().objects.filter(is_staff=True, is_active=True)[:8])
    references = _new_references(count, rng)
    made = 0
    for start in range(0, count, BATCH):
        requests = []
        for reference in references[start : start + BATCH]:
            received_at = _received_at(now, days, rng)
            status = _status_for(now - received_at, rng)
            place = rng.choice(places)
            closed_at = None
            if status == Status.CLOSED:
                closed_at = min(received_at + timedelta(days=rng.uniform(0.2, 10)), now)
            requests.append(
                CallbackRequest(
                    reference=reference,
                    received_at=received_at,
                    contact_due_at=one_business_day_after(received_at),
                    full_name=f"Test patient {reference.removeprefix(PREFIX)}",
                    phone=rng.choice(phones),
                    zip_code=place.zip_code,
                    town=place.town,
                    state=place.state,
                    county=place.county,
                    procedure=rng.choice(procedures),
                    best_time=rng.choice(CallbackRequest.BestTime.values),
                    call_language=rng.choices(CallbackRequest.CallLanguage.values, [70, 25, 5])[0],
                    needs_interpreter=rng.choices(CallbackRequest.Interpreter.values, [15, 80, 5])[
                        0
                    ],
                    page_language=rng.choices(CallbackRequest.PageLanguage.values, [75, 25])[0],
                    consent_to_call=True,
                    consent_to_voicemail=rng.random() < 0.7,
                    consent_to_text=rng.random() < 0.4,
                    consent_version=CONSENT_VERSION,
                    consented_at=received_at,
                    status=status,
                    closed_at=closed_at,
                    assigned_to=rng.choice(staff) if staff and rng.random() < 0.4 else None,
                    form_token=f"test-data-{reference}",
                )
            )
        with transaction.atomic():
            _insert(requests)
            ids = dict(
                CallbackRequest.objects.filter(
                    reference__in=[request.reference for request in requests]
                ).values_list("reference", "pk")
            )
            for request in requests:
                request.pk = ids[request.reference]
            calls = [call for request in requests for call in _calls(request, staff, rng)]
            if calls:
                _insert(calls)
        made += len(requests)
    return made


def remove_test_requests() -> int:
    """Delete every made-up request, with its calls; returns how many requests."""
    with transaction.atomic():
        CallAttempt.objects.filter(callback_request__reference__startswith=PREFIX).delete()
        _, deleted = test_requests().delete()
    return deleted.get(CallbackRequest._meta.label, 0)
