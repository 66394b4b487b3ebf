"""English dates on patients' pages, written out: “November 20, 2026”."""

DATE_FORMAT = "F j, Y"
