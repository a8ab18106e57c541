"""Tier 1: coordinates precise enough to find a house, where the text ties them to a home.

"Location: 41.902215, -87.684310 (matches registered garaging address on policy)",
``"privacy_zone": {"lat": -36.86421, "lon": 174.77631}``, "Take-off: 51.75201, -1.25773 (back
garden)": four decimals or more put a point within about ten metres, a house rather than a
town, and no format rule reads a pair of numbers as personal. Coordinates in general text
("The Eiffel Tower stands at 48.85837, 2.29448") and a geocoder's worked example ("the address
1600 Amphitheatre Parkway is at 37.42248, -122.08425") stay public: only a word of a home or of
the person who lives there (home, garden, garaging, residence, insured, privacy zone, ...) on
the same line, or just before a JSON object's coordinates, makes them private.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sglang_safekv.detect.categories import Category, Span
from sglang_safekv.detect.registry import Recognizer, TextWindow

SCORE = 0.9
CUE_BEFORE = 200  # characters before the coordinates (on their line) a home word may be
CUE_AFTER = 120

_LAT = r"-?\d{1,2}\.\d{4,12}"
_LON = r"-?\d{1,3}\.\d{4,12}"
_PAIR = re.compile(
    rf"(?<![\w.-]){_LAT}°?[ \t]*[,;/][ \t]*{_LON}°?(?![\w.])"
    rf"|(?i:[\"']?(?:lat|latitude)[\"']?[ \t]*[:=][ \t]*){_LAT}[ \t]*[,;&][ \t]*"
    rf"(?i:[\"']?(?:lon|lng|long|longitude)[\"']?[ \t]*[:=][ \t]*){_LON}(?![\w.])"
)
_HOME_CUE = re.compile(
    r"(?i:\bhome(?:\b(?! to\b)|_)|\bhouse\b|\bgarden|\bback ?yard|\bgarag(?:e|ing)\b|\bresiden(?:ce|tial)\b"
    r"|\bapartment\b|\binsured\b|\bprivacy[ _]?zone|\bgeofence|\bwhere (?:i|we|he|she|they) live"
    r"|\blives at\b|\bdomicil\w*|\bwohnort|\bzuhause\b|\bdomicile\b|\bcasa\b|\bmaison\b)"
)


def home_location_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(begin, end) of each pair of precise coordinates overlapping ``text[start:end]`` with a
    home word near it."""
    found = []
    for m in _PAIR.finditer(text, max(0, start - 60), end):
        if m.end() <= start:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        before = text[max(line_start, m.start() - CUE_BEFORE) : m.start()]
        if m.group().lstrip("\"'").lower().startswith("lat"):
            before = text[max(0, m.start() - 60) : m.start()]  # the object's key: a line above
        after = text[m.end() : min(line_end, m.end() + CUE_AFTER)]
        if _HOME_CUE.search(before) or _HOME_CUE.search(after):
            found.append(m.span())
    return found


class HomeLocationRecognizer(Recognizer):
    tier = 1
    name = "home_location"
    categories = frozenset({Category.LOCATION})

    def analyze(self, windows: Sequence[TextWindow]) -> list[list[Span]]:
        return [
            [
                Span(b, e, Category.LOCATION, 1, SCORE, self.name)
                for b, e in home_location_spans(w.text, w.start, w.end)
            ]
            for w in windows
        ]
