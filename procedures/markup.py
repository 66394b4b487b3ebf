"""Turn the light formatting editors type (Markdown) into safe HTML.

Editors never type HTML. Whatever they type is rendered with Python-Markdown,
then cleaned with nh3 so only a short list of harmless tags survives: no
scripts, no styles, no event handlers, and links only to web, email and phone
addresses. Headings typed in a body become level 3 and below, so every page
keeps a single ``h1`` and the section headings stay ``h2``.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> SafeString:
    """Render an editor's text as sanitised HTML, safe to put in a page."""
    html = markdown.markdown(
        text or "",
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": 3, "anchorlink": False, "permalink": False}},
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it
