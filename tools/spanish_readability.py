"""Print the reading ease of each section of the Spanish port-placement starter content.

Run from the project root: `.venv/bin/python tools/spanish_readability.py`.
Each section is scored on what a reader sees of it: its heading, its rendered body
and the list shown under it (steps, warning signs or questions), with
`procedures.readability.spanish_scores`. Floors: INFLESZ 65, Fernandez-Huerta 70.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textstat

from procedures.content import port_placement, port_placement_es
from procedures.readability import spanish_scores, starter_content_blocks

SUMMARY_HEADING = "En resumen"


def main() -> None:
    kinds = [section["kind"] for section in port_placement.SECTIONS]
    sections = starter_content_blocks(port_placement_es, kinds, SUMMARY_HEADING)
    print(f"| {'Section':<34} | {'Words':>5} | {'INFLESZ':>7} | {'Fernández-Huerta':>16} |")
    print(f"|{'-' * 36}|{'-' * 6}:|{'-' * 8}:|{'-' * 17}:|")
    for heading, blocks in sections.items():
        scores = spanish_scores(blocks)
        words = textstat.lexicon_count(" ".join(blocks))
        print(
            f"| {heading:<34} | {words:>5} | {scores.inflesz:>7.1f} "
            f"| {scores.fernandez_huerta:>16.1f} |"
        )


if __name__ == "__main__":
    main()
