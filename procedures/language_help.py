"""/language-help/ (and /es/language-help/): free interpreters by phone, in many languages.

The page's own language comes first, then the site's other language, then the languages
editors add in the admin (LanguageHelpNotice), each in its own language.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from procedures.models import LanguageHelpNotice


def language_help(request):
    here = translation.get_language()
    others = [code for code, _name in settings.LANGUAGES if code != here]
    context = {
        "page_languages": [here, *others],
        "notices": LanguageHelpNotice.objects.all(),
    }
    return render(request, "procedures/language_help.html", context)
