"""Spanish dates on patients' pages, written out: “20 de noviembre de 2026”."""

DATE_FORMAT = r"j \d\e F \d\e Y"
