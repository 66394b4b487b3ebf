"""The service area in words, from the ServiceAreaCounty rows, so it always matches the table.

“Berkshire, Franklin, Hampden and Hampshire counties in Massachusetts;
Hartford, Litchfield, Tolland and Windham counties in Connecticut”, in the language of the page
(“condados de Berkshire, Franklin, Hampden y Hampshire en Massachusetts; ...” in Spanish).
"""

import us
from django.utils.translation import gettext, ngettext

from appointments.models import ServiceAreaCounty


def counties_in_words() -> str:
    """The counties served, grouped by state, states in the order they were first added."""
    by_state: dict[str, list[str]] = {}
    for state, county in ServiceAreaCounty.objects.order_by("pk").values_list("state", "county"):
        by_state.setdefault(state, []).append(county)
    return "; ".join(
        ngettext(
            "%(counties)s County in %(state)s",
            "%(counties)s counties in %(state)s",
            len(counties),
        )
        % {"counties": _and_list(sorted(counties)), "state": state_name(state)}
        for state, counties in by_state.items()
    )


def _and_list(names: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”."""
    if len(names) == 1:
        return names[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def state_name(code: str) -> str:
    """“Massachusetts” for MA (from the `us` package); the code itself if it names no state."""
    state = us.states.lookup(code)
    return state.name if state else code
