"""A request with a NUL character in its query string or a cookie is refused (400) at once.

PostgreSQL cannot store or compare text holding NUL: psycopg raises before the query
is sent, which would be a 500. No browser puts NUL (%00) in an address or a cookie,
so a robot's request that does is refused before anything reads it (a session cookie
holding NUL was looked up on every page; a NUL in the front desk's list filters went
into a query). Form fields are checked by the forms themselves (appointments/typed_text.py).
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET.lists()) or _has_nul(
            (name, [value]) for name, value in request.COOKIES.items()
        ):
            raise BadRequest("A NUL character in the query string or a cookie.")
        return self.get_response(request)


def _has_nul(pairs) -> bool:
    return any(NUL in name or any(NUL in value for value in values) for name, values in pairs)
