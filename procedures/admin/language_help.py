"""The language help page's sentence in more languages."""

from django import forms
from django.contrib import admin

from procedures.models import (
    LanguageHelpNotice,
)
from procedures.services import language_help_notice_delete, language_help_notice_save


class LanguageHelpNoticeForm(forms.ModelForm):
    class Meta:
        model = LanguageHelpNotice
        fields = ["language", "name", "sentence", "position"]
        # Arabic, Hebrew, Persian and Urdu are typed right to left: let the browser decide.
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "sentence": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }


@admin.register(LanguageHelpNotice)
class LanguageHelpNoticeAdmin(admin.ModelAdmin):
    """The language help page's sentence in more languages (English and Spanish are built in)."""

    form = LanguageHelpNoticeForm
    list_display = ["name", "language", "position"]
    fieldsets = [
        (
            None,
            {
                "description": "The language help page (“Free language help” in every page's "
                "footer) already says in English and Spanish that free interpreters are "
                "available by phone. Add the same sentence here in another language, as a "
                "qualified translator wrote it; the page shows it under the English and "
                "Spanish, in that language, with the clinic's phone number.",
                "fields": ["language", "name", "sentence", "position"],
            },
        )
    ]

    def save_model(self, request, obj, form, change):
        language_help_notice_save(notice=obj)

    def delete_model(self, request, obj):
        language_help_notice_delete(notice=obj)

    def delete_queryset(self, request, queryset):
        for notice in queryset:
            language_help_notice_delete(notice=notice)
