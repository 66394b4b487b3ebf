"""Callback requests from patients, the front desk's calls, and the clinic's service area."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from appointments import zip_codes
from config.change_history import ChangeRecord
from procedures.models import Procedure


class ServiceAreaCountyQuerySet(models.QuerySet):
    def covers(self, place: zip_codes.Place) -> bool:
        return self.filter(state=place.state, county__iexact=place.county).exists()


class ServiceAreaCounty(models.Model):
    """A county the clinic serves. A callback request is taken only from a ZIP code in one."""

    state = models.CharField(max_length=2, help_text="Two-letter state code, e.g. MA or CT.")
    county = models.CharField(
        max_length=60,
        help_text="The county's name without the word “County”, e.g. Hampden.",
    )

    objects = ServiceAreaCountyQuerySet.as_manager()

    class Meta:
        verbose_name = "service area county"
        verbose_name_plural = "service area"
        ordering = ["state", "county"]
        constraints = [
            models.UniqueConstraint(fields=["state", "county"], name="one_row_per_county")
        ]

    def __str__(self) -> str:
        return f"{self.county} County, {self.state}"

    def clean(self) -> None:
        self.state = self.state.strip().upper()
        self.county = zip_codes.county_name(self.county.strip())
        known = zip_codes.counties_by_state()
        if self.state not in known:
            raise ValidationError({"state": "Use a two-letter US state code, e.g. MA."})
        matches = [name for name in known[self.state] if name.lower() == self.county.lower()]
        if not matches:
            raise ValidationError(
                {
                    "county": f"{self.state} has no county called {self.county}. "
                    f"Counties in {self.state}: {', '.join(sorted(known[self.state]))}."
                }
            )
        self.county = matches[0]


class ServiceAreaChange(ChangeRecord):
    """A county added to the service area, changed or removed: who, when, before and after.
    Written by appointments/service_area_edits.py; listed on each county's History page
    (the whole service area's, so a county removed by mistake can be put back)."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        REMOVED = "removed", "Removed"

    FIELD_LABELS = {"state": "State", "county": "County"}

    action = models.CharField(max_length=10, choices=Action.choices, editable=False)
    # The county's row (its id is kept when the row is removed, to find it for an undo).
    county_row = models.PositiveIntegerField(editable=False)
    # "Hampden County, MA": as it was before the change (as added, for an addition).
    county_in_words = models.CharField(max_length=80, editable=False)

    class Meta(ChangeRecord.Meta):
        verbose_name = "change to the service area"
        verbose_name_plural = "changes to the service area"

    @property
    def summary(self) -> str:
        return f"{self.get_action_display()}: {self.county_in_words}."


# CallbackRequest.queue_stage: waiting for contact (new, trying) first, closed last.
WAITING_STAGE = 0
CLOSED_STAGE = 2
# The fields of CallbackRequestQuerySet.in_queue_order, for the admin's list too.
QUEUE_ORDER = ["queue_stage", "contact_due_at", "id"]

# A second form from the same visitor with the same answers within this time,
# while nobody has acted on the first, is that first request sent again.
SENT_AGAIN_WITHIN = timedelta(minutes=30)


class CallbackRequestQuerySet(models.QuerySet):
    def sent_again(self, *, reference: str, answers: dict, gave_email: bool, now=None):
        """The request `reference` if a new form with these answers is the same request again.

        That is the case (the patient went Back and pressed Send once more) when it
        was received within SENT_AGAIN_WITHIN, is still new, and every answer is the
        same: `answers` holds the form's fields as stored, and `gave_email` whether
        an email address was given (the stored one is deleted once the confirmation
        goes, so whether a confirmation was asked for is compared instead). A form
        with any answer changed is a new request, so nothing the patient typed is
        lost.
        """
        since = (now or timezone.now()) - SENT_AGAIN_WITHIN
        asked_for_confirmation = Exists(
            Notification.objects.filter(
                callback_request=OuterRef("pk"), kind=Notification.Kind.PATIENT_CONFIRMATION
            )
        )
        return self.annotate(asked_for_confirmation=asked_for_confirmation).filter(
            reference=reference,
            status=CallbackRequest.Status.NEW,
            received_at__gte=since,
            asked_for_confirmation=gave_email,
            **answers,
        )

    def overdue(self, now=None):
        """Requests with no contact yet (new, or trying to reach) past their one business day."""
        return self.filter(overdue_condition(now))

    def still_open(self):
        """Every request not closed: the front desk's list shows these unless asked for all.

        Asked of queue_stage (closed is its last stage), so the index that gives the
        list its order also finds, and counts, the open requests.
        """
        return self.filter(queue_stage__lt=CLOSED_STAGE)

    def due_today(self, now=None):
        """Requests still waiting for contact whose due time is later today (clinic time).

        Not yet overdue: once the due time passes a request counts as overdue instead,
        so a request is never in both counts.
        """
        return self.filter(due_today_condition(now))

    def in_queue_order(self):
        """The order of the work: overdue first (the longest overdue first), then the other
        requests waiting for contact by due time (the soonest first), then those already
        reached or scheduled by due time, then closed ones; the id breaks ties.

        Overdue comes first without a clock in the order: among requests waiting for
        contact, the overdue ones are exactly those due before now, which an order by due
        time puts first. So the order is read from an index (queue_stage, due time, id).
        """
        return self.order_by(*QUEUE_ORDER)

    def with_queue_columns(self, now=None):
        """Add what the front desk's list shows: how many calls were tried, and overdue.

        The calls are counted for each row shown (a subquery on the calls' index), not
        with a join and GROUP BY over every request: that made the database count the
        calls of all 100,000 requests, and sort them all, before it could return one
        page of 100 (about 1.7 s), and made the paginator's count as slow again.
        """
        calls = (
            CallAttempt.objects.filter(callback_request=OuterRef("pk"))
            .order_by()
            .annotate(count=Func(F("pk"), function="COUNT"))  # COUNT(*) of these, no GROUP BY
            .values("count")
        )
        return self.annotate(
            attempt_count=Subquery(calls, output_field=models.IntegerField()),
            is_overdue=models.ExpressionWrapper(
                overdue_condition(now), output_field=models.BooleanField()
            ),
        )

    def purgeable(self, now=None):
        """Requests closed for longer than the retention period (CALLBACK_RETENTION_DAYS).

        A closed request with no closing time on record counts from when it came in.
        """
        cutoff = (now or timezone.now()) - timedelta(days=settings.CALLBACK_RETENTION_DAYS)
        return self.filter(
            Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, received_at__lt=cutoff),
            status=CallbackRequest.Status.CLOSED,
        )


def overdue_condition(now=None) -> Q:
    """The one definition of “overdue”: no contact after one business day.

    That is a request still new or still trying to reach the patient (calls that
    missed them do not count as contact) whose due time has passed.
    """
    # queue_stage WAITING_STAGE is exactly the statuses in WAITING_FOR_CONTACT; asked this
    # way, the index that orders the list finds the overdue requests already in order.
    return Q(queue_stage=WAITING_STAGE, contact_due_at__lt=now or timezone.now())


def due_today_condition(now=None) -> Q:
    """The one definition of “due today”: waiting for contact, due from now to midnight
    (clinic time). Shared by due_today() and the counts on the staff home page."""
    now = now or timezone.now()
    end_of_today = datetime.combine(
        timezone.localdate(now) + timedelta(days=1),
        time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    return Q(queue_stage=WAITING_STAGE, contact_due_at__gte=now, contact_due_at__lt=end_of_today)


class CallbackRequest(models.Model):
    """A patient's request that the clinic call them back.

    Everything a patient typed here is protected health information.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        TRYING = "trying", "Trying to reach"
        REACHED = "reached", "Reached"
        SCHEDULED = "scheduled", "Scheduled"
        CLOSED = "closed", "Closed"

    class BestTime(models.TextChoices):
        # Lazily translated: the Spanish form shows them in Spanish, the admin in English.
        MORNING = "weekday_morning", _("Weekday morning")
        AFTERNOON = "weekday_afternoon", _("Weekday afternoon")
        ANY = "any_time", _("Any time")

    class CallLanguage(models.TextChoices):
        """The language to speak on the call (the form says each in the patient's language)."""

        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"
        OTHER = "other", "Another language"

    class Interpreter(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_SURE = "not_sure", "Not sure"

    class PageLanguage(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    reference = models.CharField(max_length=10, unique=True, editable=False)
    received_at = models.DateTimeField("received", default=timezone.now, editable=False)
    contact_due_at = models.DateTimeField(
        "call due by", editable=False, help_text="One business day after the request came in."
    )
    full_name = models.CharField(max_length=100)
    phone = PhoneNumberField("phone number", region="US")
    zip_code = models.CharField("ZIP code", max_length=5)
    town = models.CharField(max_length=60, blank=True)
    state = models.CharField(max_length=2)
    county = models.CharField(max_length=60)
    procedure = models.ForeignKey(
        Procedure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the patient was not sure yet.",
    )
    best_time = models.CharField(max_length=20, choices=BestTime.choices)
    # Empty on requests sent before the form asked (migration 0016): nobody was asked.
    call_language = models.CharField(
        "language to call in",
        max_length=5,
        choices=CallLanguage.choices,
        blank=True,
    )
    call_language_other = models.CharField(
        "other language",
        max_length=60,
        blank=True,
        help_text="Which language, as the patient wrote it, when they chose another.",
    )
    needs_interpreter = models.CharField(
        "needs an interpreter",
        max_length=8,
        choices=Interpreter.choices,
        blank=True,
    )
    page_language = models.CharField(
        "form filled in",
        max_length=5,
        choices=PageLanguage.choices,
        default=PageLanguage.ENGLISH,
        help_text="The language of the form the patient used; their confirmation email is in it.",
    )
    email = models.EmailField(
        blank=True, help_text="Only for the confirmation; deleted once it is sent."
    )
    consent_to_call = models.BooleanField("may call")
    consent_to_voicemail = models.BooleanField("may leave a voicemail")
    consent_to_text = models.BooleanField("may text")
    consent_version = models.CharField(max_length=20, editable=False)
    consented_at = models.DateTimeField(editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    closed_at = models.DateTimeField(
        "closed",
        null=True,
        blank=True,
        editable=False,
        help_text="When the request was closed. The retention period counts from here.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_callback_requests",
    )
    corrected_at = models.DateTimeField(
        "corrected by the patient",
        null=True,
        blank=True,
        editable=False,
        help_text="The patient sent the same form again with answers changed; "
        "what you see is what they sent last.",
    )
    # Each save of the request by the front desk (or a call logged, or the patient's
    # correction) counts one up, through appointments/services.py: a page opened at an
    # older count was changed meanwhile (appointments/edit_conflicts.py).
    version = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField("last changed", null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="last changed by",
    )
    # The one-time token of the form that sent this request: a second submit of
    # the same form finds this row instead of making another.
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    # Where the request stands in the front desk's queue: 0 still waiting for contact
    # (new, or trying to reach), 1 contacted (reached or scheduled), 2 closed. Kept by the
    # database from the status, so the queue's order (CallbackRequestQuerySet.in_queue_order)
    # is read from an index instead of sorting every open request.
    queue_stage = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=[Status.NEW, Status.TRYING], then=models.Value(WAITING_STAGE)),
            models.When(status__in=[Status.REACHED, Status.SCHEDULED], then=models.Value(1)),
            default=models.Value(CLOSED_STAGE),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )

    objects = CallbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        permissions = [("export_callbackrequest", "Can export callback requests as CSV")]
        # The front desk's list (appointments/admin.py) with 100,000 requests: each index
        # lets the database read one page in order instead of sorting every row.
        indexes = [
            # The list's order (in_queue_order), for the open requests or all of them.
            models.Index(fields=["queue_stage", "contact_due_at", "id"], name="callback_queue"),
            # A status filter in that order, and the count of its rows.
            models.Index(
                fields=["status", "queue_stage", "contact_due_at", "id"],
                name="callback_status_queue",
            ),
            # The county filter in the queue's order, and its count, from the index alone.
            models.Index(
                fields=["county", "queue_stage", "contact_due_at", "id"],
                name="callback_county_queue",
            ),
            # The towns of a county, offered once the county is chosen.
            models.Index(fields=["county", "town"], name="callback_county_towns"),
            # Newest first (the list sorted by when requests came in), the date filter.
            models.Index(fields=["received_at", "id"], name="callback_by_received"),
            # A search by phone number: the number is stored in E.164 and found exactly.
            models.Index(fields=["phone"], name="callback_phone"),
        ]

    def __str__(self) -> str:
        # Only the reference: this text lands in admin history and messages.
        return self.reference

    @property
    def language_in_words(self) -> str:
        """For the front desk, in one line: "Spanish · interpreter", "Other: Portuguese",
        "English · interpreter?" (not sure), "Not asked" (sent before the form asked)."""
        if not self.call_language:
            language = "Not asked"
        elif self.call_language == self.CallLanguage.OTHER:
            language = f"Other: {self.call_language_other or 'not said'}"
        else:
            language = self.get_call_language_display()
        interpreter = {
            self.Interpreter.YES: "interpreter",
            self.Interpreter.NOT_SURE: "interpreter?",
        }
        if self.needs_interpreter in interpreter:
            return f"{language} · {interpreter[self.needs_interpreter]}"
        return language


# Requests the clinic has not yet reached: a call that missed the patient is not contact.
WAITING_FOR_CONTACT = [CallbackRequest.Status.NEW, CallbackRequest.Status.TRYING]


class CallAttempt(models.Model):
    """One call the front desk made (or tried) about a request."""

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached the patient"
        VOICEMAIL = "voicemail", "Left a voicemail"
        NO_ANSWER = "no_answer", "No answer, no voicemail"
        TEXTED = "texted", "Sent a text"
        WRONG_NUMBER = "wrong_number", "Wrong or broken number"

    callback_request = models.ForeignKey(
        CallbackRequest, on_delete=models.CASCADE, related_name="call_attempts"
    )
    made_at = models.DateTimeField("when", default=timezone.now)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="who",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.CharField(
        max_length=500, blank=True, help_text="Short and factual. No medical details."
    )

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = "call attempt"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {timezone.localtime(self.made_at):%b %d %H:%M}"


class Notification(models.Model):
    """An email about a request (to staff, or the patient's confirmation) and whether it went."""

    class Kind(models.TextChoices):
        STAFF_ALERT = "staff_alert", "Email to staff"
        STAFF_CORRECTION = "staff_correction", "Email to staff: corrected by the patient"
        PATIENT_CONFIRMATION = "patient_confirmation", "Confirmation to patient"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    callback_request = models.ForeignKey(
        CallbackRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What went wrong, without any address or content: e.g. "ConnectionRefusedError".
    last_error = models.CharField(max_length=200, blank=True)
    # A sender holds this until the time given, so two workers never send the same email.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # Tries that handed the whole email to the mail server and got no answer (a timeout,
    # a dropped connection, a worker stopped while waiting): the server may have it.
    unanswered_handovers = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["callback_request", "kind"], name="one_email_of_each_kind"
            )
        ]
        indexes = [
            # The sweep and the late-email check read only the few emails still waiting.
            models.Index(
                fields=["kind", "created_at"],
                condition=Q(status="pending"),
                name="notification_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"


class RateLimitWindow(models.Model):
    """How many callback forms one client sent in one window of time (the address is hashed)."""

    client = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "window_start"], name="one_count_per_window")
        ]

    def __str__(self) -> str:
        return f"{self.hits} from one client since {self.window_start:%Y-%m-%d %H:%M}"


class PatientRecordAccess(models.Model):
    """One time a staff user saw patients' details: opened a request, searched, or downloaded.

    Recorded by appointments/access_records.py. A record says who, when and
    what: the request's reference, or the list's filters and how many rows were
    found or written; never the search words, which may be a patient's name.
    Records are kept ACCESS_RECORD_RETENTION_YEARS (six, HIPAA's documentation
    period), then purged daily by the worker.

    Our own model rather than django-auditlog's access log: that records views of
    one object only (a CSV download or a search has no object), and its LogEntry
    also keeps field-by-field changes of tracked models (which would copy patients'
    names into the log) and the client's address.
    """

    class Action(models.TextChoices):
        OPENED = "opened", "Opened a request"
        SEARCHED = "searched", "Searched the list"
        DOWNLOADED = "downloaded", "Downloaded CSV"

    at = models.DateTimeField("when", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty once the account is deleted; the user name stays.",
    )
    username = models.CharField("who", max_length=150)
    action = models.CharField("what", max_length=12, choices=Action.choices)
    reference = models.CharField(
        max_length=10,
        blank=True,
        db_index=True,
        help_text="The request opened; empty for a search or a download.",
    )
    filters = models.TextField(
        blank=True,
        help_text="The list's filters in use, e.g. “status__exact=new, overdue=yes”.",
    )
    searched = models.BooleanField(
        default=False,
        help_text="A search narrowed the rows. The words searched for are never kept.",
    )
    row_count = models.PositiveIntegerField(
        "rows",
        null=True,
        blank=True,
        help_text="Rows found by the search, or written to the download.",
    )

    class Meta:
        verbose_name = "patient record access"
        verbose_name_plural = "who saw which patient"
        ordering = ["-at", "-pk"]
        # Nothing to grant: only superusers see these, and nobody changes them.
        default_permissions = ()

    def __str__(self) -> str:
        what = self.reference or self.get_action_display().lower()
        return f"{self.username}, {what}, {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
