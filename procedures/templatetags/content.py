"""Template filters for editor-written content."""

from django import template

from procedures.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render an editor's light formatting as sanitised HTML."""
    return render_markdown(text)
