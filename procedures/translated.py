"""Whether a piece of content shows in English on a page in another language.

django-modeltranslation gives the English when a field has no text in the page's language
(MODELTRANSLATION_FALLBACK_LANGUAGES). That is the choice for every part of a procedure
page: English text a patient can show to someone, or call about, is safer than a gap in
the steps or the warning signs. But it is never silent: the page marks such a part
lang="en" (so a screen reader reads it in English) and says, in the page's language,
that this part is only in English.
"""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


def in_english_only(obj, field: str) -> bool:
    """True when the page is not in English and `obj.field` has no text in its language."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    text = getattr(obj, build_localized_fieldname(field, language), None)
    return not (text and text.strip()) and bool(getattr(obj, field))
