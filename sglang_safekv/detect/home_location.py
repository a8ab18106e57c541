"""Tier 1: coordinates precise enough to find a house, where the text ties them to a home.

"Location: 41.902215, -87.684310 (matches registered garaging address on policy)",
``"privacy_zone": {"lat": -36.86421, "lon": 174.77631}``, "Take-off: 51.75201, -1.25773 (back
garden)": four decimals or more put a point within about ten metres, a house rather than a
town, and no format rule reads a pair of numbers as personal. Coordinates in general text
("The Eiffel Tower stands at 48.85837, 2.29448") and a geocoder's worked example ("the address
1600 Amphitheatre Parkway is at 37.42248, -122.08425") stay public: only a word of someone's
home ("my house", "home address", "home:", garden, garaging, privacy zone, ...) on the same
line, or just before a JSON object's coordinates, makes them private, and not in a feature's
documentation ("for example a 200 m zone around ...").
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
_LAT_KEY = r"(?i:[\"']?(?:home_?)?(?:lat|latitude)[\"']?[ \t]*[:=]?[ \t]*)"
_LON_KEY = r"(?i:[\"']?(?:home_?)?(?:lon|lng|long|longitude)[\"']?[ \t]*[:=]?[ \t]*)"
_PAIR = re.compile(
    rf"(?<![\w.-])(?P<a>{_LAT})°?[ \t]*[,;/][ \t]*(?P<b>{_LON})°?(?![\w.])"
    # keyed: JSON, YAML on two lines, "Lat 34.05221 Lon -118.24371"
    rf"|{_LAT_KEY}(?P<c>{_LAT})[ \t]*[,;&]?[ \t]*\n?[ \t]*{_LON_KEY}(?P<d>{_LON})(?![\w.])"
)
_RELATIVE = (
    r"dad|mum|mom|mother|father|grandma|grandpa|grandmother|grandfather|sister|brother|aunt"
    r"|uncle|son|daughter|husband|wife"
)
# A word of someone's home, not of a landmark's or a town's ("the White House", "Elvis's former
# home", "home range", "PX4's default home position").
_HOME_CUE = re.compile(
    rf"(?i:\b(?:my|our|your|(?:the[ \t]+)?(?:user|customer|driver|insured|employee|courier"
    rf"|tenant|client)['’]s|(?:{_RELATIVE}|parents)['’]s)[ \t]+(?:(?:new|old|own|family|current|holiday"
    r"|summer|rented)[ \t]+)?(?:home(?![ \t]+(?:race|track|circuit|event|grand prix|games?|ground"
    r"|region|crowd|fans|turf)\b)|house|flat|apartment|place(?![ \t]+(?:in|on)\b)|address|garden)\b"
    # a relative's tracked position: "Dad's last location at 40.74213, -73.98861"
    rf"|\b(?:{_RELATIVE})['’]s[ \t]+(?:(?:last|latest|live|current)[ \t]+)?"
    r"(?:known[ \t]+)?(?:location|position|whereabouts)\b"
    r"|\bhome[ \t]+address\b|\bhome_|[\"']home[\"'][ \t]*[:=]|\bhome[ \t]*=|\bat home\b"
    r"|\bthat's home\b|\bback ?(?:garden|yard)|\bgaraging\b|\binsured's\b|\bprivacy[ _]?zone"
    r"|\bwhere (?:i|we|he|she|they) live|\bplace of residence\b"
    r"|\bmeine wohnung|\bunsere wohnung|\belternhaus|\bzuhause\b|\bresid[êe]ncia\b|\bsegurad[oa]\b"
    r"|\bdomicilio\b|\bdomicile\b|自宅|住所)",
)
# Documentation of a feature ("for example a 200 m zone around ...") gives no one's home.
_EXAMPLE = re.compile(
    r"(?i:\bfor example\b|\be\.g\.|\bexample\b|\bsample\b|\bdemo\b|\bdefault\b|\bsuch as\b"
    r"|\bdocs?\b|\bdocumentation\b|\bsitl\b|\bsimulat\w*)"
)


def _a_place(lat: str, lon: str) -> bool:
    """A point on the map, not two statistics ("0.4821, 0.2633")."""
    a, b = float(lat), float(lon)
    return abs(a) <= 90 and abs(b) <= 180 and max(abs(a), abs(b)) >= 2


def home_location_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(begin, end) of each pair of precise coordinates overlapping ``text[start:end]`` with a
    home word near it."""
    found = []
    for m in _PAIR.finditer(text, max(0, start - 60), end):
        if m.end() <= start:
            continue
        lat, lon = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        if not _a_place(lat, lon):
            continue
        if m.group("c"):  # keyed: the object's key may stand on a line above
            before = text[max(0, m.start() - 60) : m.start()]
        else:
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - CUE_BEFORE) : m.start()]
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        after = text[m.end() : min(line_end, m.end() + CUE_AFTER)]
        if _EXAMPLE.search(before) or _EXAMPLE.search(after):
            continue
        if _HOME_CUE.search(before) or _HOME_CUE.search(after) or _HOME_CUE.search(m.group()):
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
