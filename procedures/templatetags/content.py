"""Template filters for editor-written content."""

from django import template
from django.template.loader import render_to_string

from procedures.markup import render_markdown
from procedures.translated import in_english_only

register = template.Library()


@register.filter
def markdown(text: str):
    """Render an editor's light formatting as sanitised HTML."""
    return render_markdown(text)


@register.filter
def english_only(obj, field: str) -> bool:
    """`{% if section|english_only:"body" %}`: this part shows the English (translated.py)."""
    return in_english_only(obj, field)


@register.simple_tag(takes_context=True)
def call_link(context, css_class: str = "", prefix: str = ""):
    """The clinic's tap-to-call link as a value, for a sentence that is translated whole:
    `{% call_link as link %}{% blocktranslate %}Call us at {{ link }}.{% endblocktranslate %}`."""
    return render_to_string(
        "includes/call_link.html",
        {"clinic": context["clinic"], "class": css_class, "prefix": prefix},
    )
