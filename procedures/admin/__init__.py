"""The editors' screens: procedures with their parts in order, and the clinic's details.

One module per screen; importing them registers each with the admin.
"""

from procedures.admin import clinic, language_help, procedure  # noqa: F401
