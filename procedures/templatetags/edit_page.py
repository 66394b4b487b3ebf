"""What the procedure edit page shows above its form: the sections' list and the mistakes."""

from dataclasses import dataclass

from django import template
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.text import capfirst

register = template.Library()

NEW_SECTION = "New section"


@dataclass(frozen=True)
class Mistake:
    text: str
    field_id: str


@register.filter
def section_title(form) -> str:
    """A section's heading as the editor sees it (as typed, if the page came back); a section
    not saved yet is a “New section”."""
    if not form.instance.pk:
        return NEW_SECTION
    return (form["heading_en"].value() or "").strip() or form.instance.heading_en or NEW_SECTION


def row_title(inline_admin_formset, index: int, form) -> str:
    opts = inline_admin_formset.opts
    if opts.model._meta.model_name == "section":
        return section_title(form)
    return f"{capfirst(opts.model._meta.verbose_name)} {index + 1}"


@register.simple_tag
def edit_page_mistakes(adminform, inline_admin_formsets) -> list[Mistake]:
    """Every mistake on the page, main form first then each list's rows, each with the id of
    the field it is about, e.g. “How to get ready: Body (English): This field is required.”"""
    mistakes = list(_form_mistakes(adminform.form, prefix=""))
    for inline_admin_formset in inline_admin_formsets:
        formset = inline_admin_formset.formset
        for error in formset.non_form_errors():
            mistakes.append(Mistake(error, f"{formset.prefix}-group"))
        for index, form in enumerate(formset.forms):
            title = row_title(inline_admin_formset, index, form)
            mistakes += _form_mistakes(form, prefix=f"{title}: ", row=f"{formset.prefix}-{index}")
    return mistakes


def _form_mistakes(form, *, prefix: str, row: str = ""):
    visible = [field for field in form.visible_fields()]
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            field_id = row or (visible[0].id_for_label if visible else "")
            label = ""
        else:
            field_id = form[name].id_for_label
            label = f"{form.fields[name].label or capfirst(name)}: "
        for error in errors:
            yield Mistake(f"{prefix}{label}{error}", field_id)


@register.simple_tag
def edit_page_sections(inline_admin_formsets) -> list[tuple[str, str]]:
    """The page's sections as (anchor, heading), in the order the page shows them."""
    for inline_admin_formset in inline_admin_formsets:
        formset = inline_admin_formset.formset
        if inline_admin_formset.opts.model._meta.model_name == "section":
            return [
                (f"{formset.prefix}-{index}", section_title(form))
                for index, form in enumerate(formset.forms)
            ]
    return []


@register.simple_tag
def edit_page_lists(inline_admin_formsets) -> list[tuple[str, str]]:
    """The page's lists (steps, warning signs, questions) as (anchor, name)."""
    return [
        (f"{s.formset.prefix}-group", capfirst(s.opts.verbose_name_plural))
        for s in inline_admin_formsets
        if s.opts.model._meta.model_name != "section"
    ]
