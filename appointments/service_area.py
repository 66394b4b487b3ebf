"""The service area in words, from the ServiceAreaCounty rows, so it always matches the table.

“Berkshire, Franklin, Hampden and Hampshire counties in Massachusetts;
Hartford, Litchfield, Tolland and Windham counties in Connecticut”
"""

from appointments.models import ServiceAreaCounty

# Every state code in the ZIP code data (zipcodes), with the name patients know.
STATE_NAMES = {
    "AA": "the Armed Forces Americas",
    "AE": "the Armed Forces Europe",
    "AK": "Alaska",
    "AL": "Alabama",
    "AP": "the Armed Forces Pacific",
    "AR": "Arkansas",
    "AS": "American Samoa",
    "AZ": "Arizona",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DC": "the District of Columbia",
    "DE": "Delaware",
    "FL": "Florida",
    "FM": "Micronesia",
    "GA": "Georgia",
    "GU": "Guam",
    "HI": "Hawaii",
    "IA": "Iowa",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "MA": "Massachusetts",
    "MD": "Maryland",
    "ME": "Maine",
    "MH": "the Marshall Islands",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MO": "Missouri",
    "MP": "the Northern Mariana Islands",
    "MS": "Mississippi",
    "MT": "Montana",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "NE": "Nebraska",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NV": "Nevada",
    "NY": "New York",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "PR": "Puerto Rico",
    "PW": "Palau",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VA": "Virginia",
    "VI": "the U.S. Virgin Islands",
    "VT": "Vermont",
    "WA": "Washington",
    "WI": "Wisconsin",
    "WV": "West Virginia",
    "WY": "Wyoming",
}


def counties_in_words() -> str:
    """The counties served, grouped by state, states in the order they were first added."""
    by_state: dict[str, list[str]] = {}
    for state, county in ServiceAreaCounty.objects.order_by("pk").values_list("state", "county"):
        by_state.setdefault(state, []).append(county)
    return "; ".join(
        f"{_and_list(sorted(counties))} {'County' if len(counties) == 1 else 'counties'} "
        f"in {STATE_NAMES.get(state, state)}"
        for state, counties in by_state.items()
    )


def _and_list(names: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
