"""The clinic's details: one set, edited in place."""

from django.contrib import admin
from django.shortcuts import redirect
from modeltranslation.admin import (
    TranslationAdmin,
)
from phonenumber_field.modelfields import PhoneNumberField

from config.change_history_admin import ChangeHistoryAdmin
from config.phone_numbers import USPhoneNumberField
from procedures.admin.common import EnglishBesideSpanish
from procedures.models import (
    ClinicDetails,
    ClinicDetailsChange,
)
from procedures.services import (
    clinic_details_change_undo,
    clinic_details_save,
)


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(ChangeHistoryAdmin, EnglishBesideSpanish, TranslationAdmin):
    """The History button lists every change (who, when, before -> after); editors undo one
    there (config/change_history_admin.py)."""

    fields = [
        "name",
        "phone",
        "address",
        ("hours_en", "hours_es"),
        ("service_area_sentence_en", "service_area_sentence_es"),
    ]
    # "(413) 693-2852" and "413.693.2852" are taken; the box shows the number as 413-693-2852.
    formfield_overrides = {PhoneNumberField: {"form_class": USPhoneNumberField}}

    def save_model(self, request, obj, form, change):
        clinic_details_save(details=obj, by=request.user)

    def recorded_changes(self, obj):
        return ClinicDetailsChange.objects.select_related("undoes")

    def change_undo(self, *, change, by):
        clinic_details_change_undo(change=change, by=by)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is only one set of clinic details: go straight to it."""
        details = ClinicDetails.objects.first()
        if details and self.has_view_or_change_permission(request, details):
            return redirect("admin:procedures_clinicdetails_change", details.pk)
        return super().changelist_view(request, extra_context)
