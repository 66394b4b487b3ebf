"""Which language a public page is in, and the one place the browser's preference counts.

A page's language comes from its address alone: `/es/...` is Spanish, every other address
is English (the site's addresses from before Spanish came, so no saved link changes
language). A shared link therefore opens in the language it was shared in, whatever the
reader's browser prefers.

The browser's Accept-Language counts only on the home page, and only on arrival from
elsewhere (a typed address, a bookmark, a search result): a browser that prefers Spanish is
sent to /es/. A visitor who follows the site's own “English” link comes from this site
(the Referer header, which SECURE_REFERRER_POLICY "same-origin" sends), and stays.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

HOME = "/"


class PatientLanguageMiddleware:
    """Turn on the language of the page's address for the rest of the request.

    Instead of Django's LocaleMiddleware, which adds `Vary: Accept-Language` to every
    unprefixed (English) page although only the address decides its language: that header
    would keep those pages out of the public page cache (config/page_cache.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's next work (a test, a worker) starts as it was.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def came_from_this_site(request) -> bool:
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if not referer.netloc:
        return False
    site = urlsplit(settings.SITE_URL).netloc
    return referer.netloc in {site, request.get_host()}


class HomeLanguageMiddleware:
    """Send a browser that prefers another of the site's languages from / to its home page.

    Runs before the public page cache, so a cached English home never reaches a browser
    that should have been sent on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HOME or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        # Django's reading of Accept-Language ("es-PR,es;q=0.9" is Spanish); English when
        # the browser names none of the site's languages.
        wanted = translation.get_language_from_request(request)
        prefers_other = wanted != settings.LANGUAGE_CODE
        if prefers_other and not came_from_this_site(request):
            query = request.META.get("QUERY_STRING")
            redirect = HttpResponseRedirect(f"/{wanted}/" + (f"?{query}" if query else ""))
            add_never_cache_headers(redirect)
            patch_vary_headers(redirect, ("Accept-Language",))
            return redirect
        response = self.get_response(request)
        # Shared caches must keep the English home apart from the redirect...
        patch_vary_headers(response, ("Accept-Language",))
        if prefers_other:
            # ...and must not keep it at all for a browser that is usually sent on.
            patch_cache_control(response, private=True)
        return response


def address_in(path: str, language: str) -> str:
    """The same page's address in `language`: “/es/x/” ↔ “/x/” (the rest of the path is shared)."""
    current = translation.get_language_from_path(path)
    bare = path[len(current) + 1 :] if current else path
    return bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"


def language_versions(path: str) -> list[dict]:
    """Every language's address of the page at `path`: for hreflang links and the switch link."""
    return [
        {"code": code, "name": name, "path": address_in(path, code)}
        for code, name in settings.LANGUAGES
    ]
