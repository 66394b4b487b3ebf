"""The filters of the procedures list: review due, Spanish out of date."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from procedures import spanish_review


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Review due now"), ("soon", "Due in the next 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.review_due(on=today)
        if self.value() == "soon":
            return queryset.review_due_within().exclude(next_review_due__lte=today)
        return queryset


class SpanishOutOfDateFilter(admin.SimpleListFilter):
    title = "Spanish"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [
            ("out_of_date", "Spanish out of date"),
            ("not_reviewed", "Spanish not reviewed yet"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "out_of_date":
            # The admin's queryset reads each page's parts in one go (get_queryset).
            pks = [
                procedure.pk
                for procedure in queryset
                if spanish_review.out_of_date_parts(procedure)
            ]
            return queryset.filter(pk__in=pks)
        if self.value() == "not_reviewed":
            return queryset.filter(Q(spanish_reviewed_by="") | Q(spanish_reviewed_on=None))
        return queryset
