"""Content that staff edit in the admin: procedures, their parts, the clinic's details, and
language help in more languages."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from phonenumber_field.modelfields import PhoneNumberField

from config import phone_numbers
from config.change_history import ChangeRecord
from procedures.fields import MeasuredOnceImageField
from procedures.language_tags import (
    is_well_formed,
    normalized,
    primary_language,
    text_direction,
    validate_language_tag,
)
from procedures.markup import render_markdown
from procedures.validators import validate_image_size

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
PHONE_EXAMPLE = "Enter a US phone number with area code, e.g. 413-693-2852."
# Editors hear of a page's coming medical review this many days ahead (home panel, email).
REVIEW_SOON_DAYS = 30


class ClinicDetailsManager(models.Manager):
    CACHE_KEY = "clinic-details"

    def current(self) -> "ClinicDetails":
        """The one row of clinic details (cached), or the built-in defaults if none is saved."""
        details = cache.get(self.CACHE_KEY)
        if details is None:
            details = self.refresh_cached()
        return details

    def refresh_cached(self) -> "ClinicDetails":
        """Read the details from the database and cache them, replacing any cached copy."""
        details = self.filter(pk=ClinicDetails.SINGLETON_PK).first() or ClinicDetails()
        self.remember(details)
        return details

    def remember(self, details: "ClinicDetails") -> None:
        """Put freshly saved details in the cache, so no page has to read them again."""
        cache.set(self.CACHE_KEY, details, timeout=None)


class ClinicDetails(models.Model):
    """Name, phone and the rest, kept in one place and shown on every page."""

    SINGLETON_PK = 1

    name = models.CharField(
        max_length=120,
        default="New England Endovascular Center",
        help_text="The clinic's name as patients know it.",
    )
    phone = PhoneNumberField(
        region=phone_numbers.REGION,
        default="+14136932852",
        error_messages={"invalid": PHONE_EXAMPLE},
        help_text="The number patients call, e.g. 413-693-2852. "
        "Pages turn it into a tap-to-call link.",
    )
    address = models.TextField(
        blank=True,
        help_text="Street address. Put each line of the address on its own line.",
    )
    hours = models.TextField(
        blank=True,
        help_text="When the phones are answered, e.g. “Monday to Friday, 8 am to 4:30 pm”.",
    )
    service_area_sentence = models.CharField(
        max_length=200,
        default="We care for patients throughout Western Massachusetts and Northern Connecticut.",
        help_text="One sentence that tells patients where the clinic's patients live.",
    )

    objects = ClinicDetailsManager()

    class Meta:
        verbose_name = "clinic details"
        verbose_name_plural = "clinic details"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="clinic_details_single_row"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @property
    def phone_shown(self) -> str:
        """The phone number as patients know it, e.g. 413-693-2852."""
        return phone_numbers.shown(self.phone)

    @property
    def phone_e164(self) -> str:
        """The phone number for tel: links, e.g. +14136932852."""
        return self.phone.as_e164

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class ClinicDetailsChange(ChangeRecord):
    """One save of the clinic's details that changed them: who, when, each field before and
    after. Written by procedures.services.clinic_details_save; listed on the details' History
    page, where an editor can undo one."""

    FIELD_LABELS = {
        "name": "Name",
        "phone": "Phone",
        "address": "Address",
        "hours_en": "Hours (English)",
        "hours_es": "Hours (Spanish)",
        "service_area_sentence_en": "Service area sentence (English)",
        "service_area_sentence_es": "Service area sentence (Spanish)",
    }

    class Meta(ChangeRecord.Meta):
        verbose_name = "change to the clinic details"
        verbose_name_plural = "changes to the clinic details"

    def value_in_words(self, name: str, value: str) -> str:
        if name == "phone" and (number := phone_numbers.us_number(value)):
            return phone_numbers.shown(number)
        return super().value_in_words(name, value)


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. The one place this rule is written.

        A published page always has a live revision (a constraint holds it): patients see
        that revision's snapshot, never the rows editors are working on.
        """
        return self.filter(status=Procedure.Status.PUBLISHED)

    def with_live_revision(self):
        """With the snapshot patients see, read in the same query."""
        return self.select_related("live_revision")

    def scheduled_due(self, now=None):
        """Pages whose scheduled publish time has come."""
        return self.filter(scheduled_revision__publish_at__lte=now or timezone.now())

    def review_due(self, on=None):
        """Pages whose next review date has come (or passed)."""
        return self.filter(next_review_due__lte=on or timezone.localdate())

    def review_due_within(self, *, days: int = REVIEW_SOON_DAYS, today=None):
        """Pages overdue for their medical review, or due within `days`: the soonest first.

        Overdue pages (due before today) come first, as their dates are the earliest. The
        one rule behind the staff home's panel, the editors' daily email and the list filter.
        """
        today = today or timezone.localdate()
        return self.review_due(on=today + timedelta(days=days)).order_by("next_review_due", "title")

    def with_page_parts(self):
        """Everything the explainer shows, in a fixed number of queries."""
        return self.prefetch_related(
            "sections",
            "steps",
            Prefetch(
                "warning_signs", queryset=WarningSign.objects.order_by("tier", "position", "pk")
            ),
            "questions",
        )


class Procedure(models.Model):
    """A procedure the clinic does, explained for patients."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (hidden from patients)"
        PUBLISHED = "published", "Published (patients can see it)"

    class ProcedureType(models.TextChoices):
        # Values are schema.org MedicalProcedureType names.
        PERCUTANEOUS = "PercutaneousProcedure", "Through the skin, with a needle or a small cut"
        SURGICAL = "SurgicalProcedure", "Open surgery"
        NONINVASIVE = "NoninvasiveProcedure", "No cut and no needle"

    title = models.CharField(
        max_length=120,
        help_text="The name patients will search for, e.g. “Port placement for chemotherapy”.",
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The last part of the page's web address. Filled in from the title; "
        "changing it later breaks links people saved.",
    )
    summary = models.TextField(
        "in short",
        help_text="The “In short” box at the top: a few bullet points (start each line "
        "with “- ”). Say what it is, how long it takes, when you go home, and anything to "
        "arrange, like a driver.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other names patients may hear for this procedure, one per line.",
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        help_text="Set by publishing and unpublishing (procedures/publishing.py), never typed.",
    )
    live_revision = models.ForeignKey(
        "PageRevision",
        # A live version cannot be deleted, except with its whole page.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The version patients see, while the page is published.",
    )
    scheduled_revision = models.ForeignKey(
        "PageRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The version to publish at its publish_at time, if one is scheduled.",
    )
    reviewed_by = models.CharField(
        max_length=160,
        blank=True,
        help_text="Who checked the medical facts, with credentials, e.g. “Jane Smith, MD”.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The day the reviewer last checked this page."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the page must be checked again (usually within a year).",
    )
    meta_description = models.CharField(
        max_length=160,
        help_text="One or two sentences shown under the title in search results "
        "(160 characters at most).",
    )
    procedure_type = models.CharField(
        max_length=40,
        choices=ProcedureType.choices,
        default=ProcedureType.PERCUTANEOUS,
        help_text="How the procedure is done. Search engines use this.",
    )
    body_location = models.CharField(
        max_length=120,
        blank=True,
        help_text="Where on the body it is done, e.g. “Upper chest, below the collarbone”.",
    )
    spanish_reviewed_by = models.CharField(
        "Spanish reviewed by",
        max_length=160,
        blank=True,
        help_text="The qualified medical translator who checked the Spanish, with credentials, "
        "e.g. “Ana Rivera, CMI-Spanish”. Until this and the date are filled in, the Spanish "
        "page tells patients no translator has reviewed it yet.",
    )
    spanish_reviewed_on = models.DateField(
        "Spanish reviewed on",
        null=True,
        blank=True,
        help_text="The day the translator finished checking the Spanish against the English.",
    )
    # What the English said when the Spanish was last reviewed: a fingerprint per part of
    # the page (procedures/spanish_review.py), recorded by services.spanish_review_record.
    english_at_spanish_review = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Fingerprints of the English at the last Spanish review, one per part.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_procedure", "Can publish procedure pages")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(live_revision__isnull=False),
                name="published_page_has_live_revision",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procedures:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # Publishing does not need a medical review: recording one is its own action
        # (procedures/admin/clinical_review.py), and the page tells patients when none is.
        errors = {}
        if self.spanish_reviewed_by.strip() and not self.spanish_reviewed_on:
            errors["spanish_reviewed_on"] = "Give the date the translator reviewed the Spanish."
        if self.spanish_reviewed_on and not self.spanish_reviewed_by.strip():
            errors["spanish_reviewed_by"] = (
                "Say which qualified medical translator reviewed the Spanish."
            )
        if self.spanish_reviewed_on and self.spanish_reviewed_on > timezone.localdate():
            errors["spanish_reviewed_on"] = "The Spanish review cannot be in the future."
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            errors["next_review_due"] = "The next review must come after the last review."
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def other_names_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.splitlines() if name.strip()]

    @property
    def review_is_overdue(self) -> bool:
        """The date of the next medical review has passed (it was due before today)."""
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    @property
    def spanish_is_reviewed(self) -> bool:
        """A qualified medical translator's review of the Spanish is on record (who and when)."""
        return bool(self.spanish_reviewed_by.strip() and self.spanish_reviewed_on)


class OrderedPart(models.Model):
    """A part of a procedure page that editors put in order."""

    position = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lower numbers come first. Leave gaps (10, 20, 30) to make moving easy.",
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Section(OrderedPart):
    """One headed part of a procedure page."""

    class Kind(models.TextChoices):
        GENERAL = "general", "General information"
        PREPARATION = "preparation", "How to get ready"
        STEPS = "steps", "What happens (the numbered steps show under this text)"
        RECOVERY = "recovery", "Recovery and follow-up"
        WARNING_SIGNS = "warning_signs", "When to get help (the warning signs show under this text)"
        QUESTIONS = "questions", "Questions to ask (the questions show under this text)"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(
        max_length=120,
        help_text="A short heading a patient would look for, e.g. “How to get ready”.",
    )
    kind = models.CharField(
        "what this section is about",
        max_length=20,
        choices=Kind.choices,
        default=Kind.GENERAL,
        help_text="Choose “What happens”, “When to get help” or “Questions to ask” for the "
        "section where those lists belong. Each of these can be used once per page.",
    )
    body = models.TextField(
        help_text="Plain text. Leave a blank line between paragraphs; start a line with “- ” "
        "for a bullet point; put **two stars** around words to make them bold.",
    )
    image = MeasuredOnceImageField(
        "illustration",
        upload_to="procedures/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[
            FileExtensionValidator(
                IMAGE_EXTENSIONS,
                message="Please upload a JPEG, PNG or WebP picture. "
                "Files ending in “.%(extension)s” can't be used.",
            ),
            validate_image_size,
        ],
        help_text="Optional. A JPEG, PNG or WebP picture, 5 MB at most.",
    )
    # Measured once when a picture is uploaded, so pages never open the file to size it.
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "illustration description",
        max_length=250,
        blank=True,
        help_text="Required with a picture: say what it shows for people who cannot see it, "
        "e.g. “Drawing of a port under the skin of the upper chest”.",
    )

    class Meta(OrderedPart.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "kind"],
                condition=~Q(kind="general"),
                name="one_special_section_of_each_kind",
                violation_error_message="Each kind of section except “General information” "
                "can be used once per page.",
            )
        ]

    def __str__(self) -> str:
        return self.heading

    @cached_property
    def body_html(self) -> SafeString:
        """The body as sanitised HTML, rendered once however many parts of a page use it."""
        return render_markdown(self.body)

    def clean(self) -> None:
        # The English description is the one required (the Spanish page falls back to it);
        # the error names its column, the field editors see in the admin.
        if self.image and not (self.image_alt_en or "").strip():
            raise ValidationError(
                {"image_alt_en": "Describe the picture for people who cannot see it."}
            )


class Step(OrderedPart):
    """One numbered step of “what happens”."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(max_length=400, help_text="One step, in one or two short sentences.")

    def __str__(self) -> str:
        return self.text


class WarningSign(OrderedPart):
    """A sign that should make a patient call, in one of two tiers."""

    class Tier(models.TextChoices):
        CALL_CLINIC = "call_clinic", "Call the clinic"
        EMERGENCY = "emergency", "Call 911 or go to the emergency room"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="warning_signs")
    tier = models.CharField(
        max_length=20,
        choices=Tier.choices,
        default=Tier.CALL_CLINIC,
        help_text="“Call the clinic” for worries that can wait for office hours; "
        "“Call 911” for emergencies.",
    )
    text = models.CharField(
        max_length=200, help_text="A short phrase, e.g. “Fever of 100.4°F or higher”."
    )

    def __str__(self) -> str:
        return self.text


class Question(OrderedPart):
    """A question a patient may want to ask their care team."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(
        max_length=300, help_text="One question, written as the patient would ask it."
    )

    def __str__(self) -> str:
        return self.text


class PageRevision(models.Model):
    """One recorded version of a whole procedure page: saved as a draft, published,
    scheduled, restored or taken down. Never changed once written (only `published_at` is
    filled in when a draft or scheduled version goes live), never deleted while its page
    exists, so history can always be compared and restored."""

    class Kind(models.TextChoices):
        DRAFT = "draft", "Saved draft"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        RESTORED = "restored", "Restored from an earlier version"
        UNPUBLISHED = "unpublished", "Taken off the site"

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(help_text="1, 2, 3... for this page: “version 4”.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    content = models.JSONField(help_text="The whole page (procedures/page_content.py).")
    note = models.CharField(
        "note about this change",
        max_length=200,
        blank=True,
        help_text="Optional. A few words for the page's history, e.g. “Updated recovery "
        "advice after Dr Smith's review”.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # Kept when the user is deleted, so history still says who.
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="For a scheduled version: when it goes live."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When this version went live, if it did."
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="one_revision_number_per_page"
            )
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    @property
    def author(self) -> str:
        """Who made this version, as staff know them; “the scheduler” for none."""
        if self.created_by is not None:
            return self.created_by.get_full_name() or self.created_by.get_username()
        return self.created_by_name or "the system"


class StarterContentLoad(models.Model):
    """A note that a piece of starter content was loaded, so it is never loaded again.

    Editors may delete the starter page; this row stays, and the page stays deleted.
    """

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="Which starter content was loaded: the slug of its page, e.g. “port-placement”.",
    )
    loaded_at = models.DateTimeField(default=timezone.now, help_text="When it was loaded.")

    def __str__(self) -> str:
        return self.name


class LanguageHelpNotice(models.Model):
    """“Free interpreters by phone” in one more language, shown on the language help page.

    English and Spanish are the page's own text (templates/procedures/language_help.html,
    translated in locale/), so they are never rows here.
    """

    ON_THE_PAGE_ALREADY = {"en": "English", "es": "Spanish"}

    language = models.CharField(
        "language code",
        max_length=35,
        unique=True,
        validators=[validate_language_tag],
        help_text="The language's short code: “pt” Portuguese, “vi” Vietnamese, “ht” Haitian "
        "Creole, “zh-Hant” Chinese (traditional characters), “ar” Arabic. Browsers and screen "
        "readers use it to read the text aloud in the right language.",
        error_messages={"unique": "This language is on the page already: change that one."},
    )
    name = models.CharField(
        "language name",
        max_length=60,
        help_text="The language's name for itself, as its speakers write it: “Português”, "
        "“Tiếng Việt”, “Kreyòl ayisyen”, “中文”, “العربية”.",
    )
    sentence = models.TextField(
        max_length=400,
        help_text="In that language: “Free interpreters are available by phone, at no cost to "
        "you. Call us and tell us the language you speak.” Plain text. The page shows the "
        "clinic's phone number under it: do not type it here.",
    )
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text="Lower numbers come first. Leave gaps (10, 20, 30) to make moving easy.",
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "language help in another language"
        verbose_name_plural = "language help in other languages"

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"

    def clean(self) -> None:
        if not is_well_formed(self.language):
            return  # the field's own check says what is wrong
        self.language = normalized(self.language)
        already = self.ON_THE_PAGE_ALREADY.get(primary_language(self.language))
        if already:
            message = ValidationError(
                "%(language)s is already on the page, from the site's own English and "
                "Spanish text. Add other languages here.",
                code="language_on_the_page_already",
                params={"language": already},
            )
            raise ValidationError({"language": message})

    @property
    def direction(self) -> str:
        """“rtl” for a language written right to left (Arabic, Persian, Hebrew, Urdu...)."""
        return text_direction(self.language)
