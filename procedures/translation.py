"""Which content fields patients can read in Spanish (django-modeltranslation).

Each field named here gets a column per language (`title_en`, `title_es`); reading
`procedure.title` gives the text in the language of the page, or the English when the
Spanish is empty (procedures/translated.py tells the page when that happened).
"""

from modeltranslation.translator import TranslationOptions, register

from procedures.models import ClinicDetails, Procedure, Question, Section, Step, WarningSign


@register(Procedure)
class ProcedureTranslation(TranslationOptions):
    fields = ("title", "summary", "other_names", "meta_description", "body_location")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "body", "image_alt")


@register(Step)
class StepTranslation(TranslationOptions):
    fields = ("text",)


@register(WarningSign)
class WarningSignTranslation(TranslationOptions):
    fields = ("text",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(ClinicDetails)
class ClinicDetailsTranslation(TranslationOptions):
    fields = ("hours", "service_area_sentence")
