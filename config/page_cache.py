"""Serve public pages to anonymous visitors from the shared "pages" cache.

Patients get the same page whoever they are, so each public page is rendered
once and kept (already compressed) in the "pages" cache, which every web
worker shares. Publishing clears that cache (procedures/publishing.py), so
patients see the change on their next visit.

Django's own cache middleware does the same job more generally, but builds
two cache keys and reads two cache entries for every hit; this one reads one,
which is what lets a cached page be served nearly as fast as a static file
(see benchmarks/run.py).

Only these are stored: answers to GET without a query string from visitors
without a session (staff always get fresh pages), with status 200, no cookie
set, not marked private or no-store, and varying on nothing but
Accept-Encoding. A request with a query string (?x=1) is rendered fresh and
not stored, so made-up query strings can neither fill the cache nor push
patients' pages out of it.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, split_header_value

# A published change must reach every copy of a page within a second
# (procedures/publishing.py clears this cache when a page is published). So browsers
# keep no copy without asking again (max-age=0, must-revalidate; a cached page is
# served nearly as fast as a static file anyway), and nginx keeps one a second at most
# (X-Accel-Expires, which nginx reads and never passes on): enough to answer a burst of
# patients, short enough that nobody sees a page an editor has replaced.
BROWSER_MAX_AGE = 0
PROXY_SECONDS = 1


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.META.get("QUERY_STRING")
        ):
            return self.get_response(request)
        request.get_host()  # the same ALLOWED_HOSTS check a rendered page gets
        key = self.key(request)
        stored = self.cache.get(key)
        if isinstance(stored, HttpResponse):  # anything else is left from an older release
            if request.method == "HEAD":
                stored.content = b""  # Content-Length still gives the page's size
            return stored
        response = self.get_response(request)
        if request.method == "GET" and self.can_store(response):
            # X-Accel-Expires goes before Cache-Control: nginx 1.22 reads the headers in
            # order, and a max-age=0 read first would stop it keeping the page at all.
            cache_control = response.headers.pop("Cache-Control", None)
            response["X-Accel-Expires"] = str(PROXY_SECONDS)
            if cache_control:
                response["Cache-Control"] = cache_control
            patch_cache_control(
                response, public=True, max_age=BROWSER_MAX_AGE, must_revalidate=True
            )
            response["Content-Length"] = str(len(response.content))
            self.cache.set(key, response, self.timeout)
        return response

    @staticmethod
    def key(request) -> str:
        gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        return f"{'gzip' if gzip else 'plain'}:{request.path}"

    @staticmethod
    def can_store(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        vary = {value.lower() for value in split_header_value(response.get("Vary", ""))}
        return vary <= {"accept-encoding"}
