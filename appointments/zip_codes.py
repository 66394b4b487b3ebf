"""ZIP code to town, state and county, from the offline data of the `zipcodes` package.

The data (about 42,000 ZIP codes) is read into a dictionary once per process;
gunicorn workers do it as they start (config/gunicorn.py), so no patient
waits for it.
"""

import re
from dataclasses import dataclass
from functools import cache

import zipcodes

ZIP_PATTERN = re.compile(r"^(\d{5})(?:[-\s]?\d{4})?$")
COUNTY_SUFFIX = re.compile(r"\s+county$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    zip_code: str
    town: str
    state: str
    county: str  # without the word “County”, e.g. “Hampden”


def five_digits(raw: str) -> str | None:
    """The 5-digit ZIP from what a patient typed (5 digits or ZIP+4), or None if it is not one."""
    match = ZIP_PATTERN.match(raw.strip())
    return match.group(1) if match else None


@cache
def _places() -> dict[str, Place]:
    return {
        row["zip_code"]: Place(
            zip_code=row["zip_code"],
            town=row["city"],
            state=row["state"],
            county=county_name(row["county"]),
        )
        for row in zipcodes.list_all()
    }


def load() -> None:
    """Read the ZIP data now rather than on the first lookup."""
    _places()


def lookup(zip_code: str) -> Place | None:
    """Where a 5-digit ZIP code is, or None if no such ZIP code exists."""
    return _places().get(zip_code)


@cache
def counties_by_state() -> dict[str, frozenset[str]]:
    counties: dict[str, set[str]] = {}
    for place in _places().values():
        if place.county:
            counties.setdefault(place.state, set()).add(place.county)
    return {state: frozenset(names) for state, names in counties.items()}


def county_name(name: str) -> str:
    """“Hampden County” (in any case) becomes “Hampden”."""
    return COUNTY_SUFFIX.sub("", name.strip())


def places() -> list[Place]:
    """Every known ZIP code's place, in ZIP code order."""
    return sorted(_places().values(), key=lambda place: place.zip_code)
