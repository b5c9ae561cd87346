"""Opening hours and times of day: "Monday - Friday, 8:30 am - 6:00 pm EST", "9-5 PT".

A window is a range of two clock times, with the days it holds on and the
zone it is given in, where written. Days are numbered 0 (Monday) to 6
(Sunday); times are minutes after midnight (8:30 am is 510, 6:00 pm 1080,
midnight as a closing time 1440). The zone is kept as written ("EST", "ET",
"Pacific Time") with its span, because a seasonal zone written for the whole
year is itself worth a finding.

Only a range that reads as clock times is a window: one with am/pm, a colon,
a day, a zone, or a word of opening hours before it ("open 9-5"); never one
followed by a unit ("5-7 business days"). "24/7" and "24 hours a day" are not
windows to check (`audit.extract.numbers` marks them). Missing am/pm is read
the way people mean it: "9-5" is 9 am to 5 pm, "9-5 pm" too.

A single time ("by 2 pm ET") is a `ClockTime`, for order cut-offs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)s?(?:\.(?=\s*(?:[-\u2013\u2014,&/]|to\b|through\b|thru\b)))?"
)
_TO = r"\s*(?:-|\u2013|\u2014|to|through|thru|until|till|til)\s*"
_DAY_RANGE = rf"{_DAY}(?:{_TO}{_DAY})?"
_DAYS = (
    rf"(?:{_DAY_RANGE}(?:\s*(?:,|&|and|\+|/)\s*{_DAY_RANGE})*"
    r"|weekdays|weekends|daily|every\s+day|seven\s+days\s+a\s+week|7\s+days\s+a\s+week)"
)
_ZONE = (
    r"(?-i:\b(?:[ECMP][SD]?T|AK[SD]?T|H[AS]?T|GMT|UTC|BST|CES?T|WES?T|AE[SD]T|ACST|AWST|NZ[SD]T)"
    r"(?:\s*[+-]\s*\d{1,2})?\b)"
    r"|(?:eastern|central|mountain|pacific|atlantic|alaska|hawaii)(?:\s+(?:standard|daylight))?"
    r"(?:\s+time)?\b|local\s+time\b"
)


def _time(n: int) -> str:
    return (
        rf"(?:(?P<h{n}>\d{{1,2}})(?::(?P<m{n}>[0-5]\d))?(?:\s*(?P<ap{n}>[ap](?:\.\s?m\.|\s?m\b)))?"
        rf"|(?P<w{n}>noon|midday|midnight))"
    )


_WINDOW = re.compile(
    rf"""
    (?:(?P<d1>{_DAYS})\s*[:,]?\s*(?:from\s+)?)?(?P<between>between\s+)?
    (?<![\d:.,/$])(?:{_time(1)})(?:{_TO}|(?(between)\s+and\s+|(?!)))(?:{_time(2)})(?![\d:/%])
    (?:\s*,?\s*\(?(?P<z1>{_ZONE})\)?)?
    (?:\s*,?\s*(?:on\s+)?(?P<d2>{_DAYS})(?:\s*,?\s*\(?(?P<z2>{_ZONE})\)?)?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SINGLE = re.compile(
    rf"(?<![\d:.,/$])(?:(?P<h1>\d{{1,2}})(?::(?P<m1>[0-5]\d))?\s*(?P<ap1>[ap](?:\.\s?m\.|\s?m\b))"
    rf"|(?P<hc>\d{{1,2}}):(?P<mc>[0-5]\d)|(?P<w1>noon|midnight))(?![\d:])"
    rf"(?:\s*,?\s*\(?(?P<z1>{_ZONE})\)?)?",
    re.IGNORECASE,
)
_OPENING_WORDS = re.compile(
    r"\b(?:open|opens|hours|staffed|available|answered|call\s+us|reach\s+us)\b[^.;\d]{0,24}$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:business\s+|calendar\s+|working\s+)?(?:days?|hours?|hrs?|weeks?|months?|years?|"
    r"minutes?|%|percent|items?|seats?|users?|stars?)\b",
    re.IGNORECASE,
)
# A window needs two numbers (or noon, midnight) joined as a range: a cheap test first.
_HINT = re.compile(
    r"(?:\d|noon|midday|midnight)\s*(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?\s*"
    r"(?:-|\u2013|\u2014|to|until|till|til|through|thru|and)\s*(?:\d|noon|midday|midnight)",
    re.IGNORECASE,
)
# What makes a range of two numbers read as clock times, without a word of opening hours.
_CUES = ("between", "ap1", "ap2", "m1", "m2", "w1", "w2", "d1", "d2", "z1", "z2")
_SHARED_ZONE_GAP = re.compile(r"[\s,;]*(?:and\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HoursWindow:
    """A time window: `days` (0 = Monday), `opens`/`closes` in minutes, the zone as written."""

    start: int
    end: int
    days: tuple[int, ...]
    opens: int
    closes: int
    zone: str | None = None
    zone_start: int | None = None
    zone_end: int | None = None


@dataclass(frozen=True, slots=True)
class ClockTime:
    """One time of day in minutes after midnight, and its zone as written."""

    start: int
    end: int
    minutes: int
    zone: str | None = None
    zone_start: int | None = None
    zone_end: int | None = None


@lru_cache(maxsize=2048)
def find_hours(text: str) -> tuple[HoursWindow, ...]:
    """Every opening-hours window in `text`, in order.

    A window without a zone takes the zone of the window right after it when
    only a comma or "and" stands between them ("Mon-Fri 9-6, Sat 10-4 ET").
    """
    if _HINT.search(text) is None:
        return ()
    found: list[HoursWindow] = []
    position = 0
    while (match := _WINDOW.search(text, position)) is not None:
        window = _window(text, match)
        if window is not None:
            found.append(window)
        position = window.end if window is not None else match.end("h2") or match.end()
    for i in range(len(found) - 2, -1, -1):
        here, after = found[i], found[i + 1]
        if here.zone is None and after.zone is not None:
            gap = _SHARED_ZONE_GAP.fullmatch(text, here.end, after.start)
            if gap is not None:
                found[i] = HoursWindow(
                    here.start, here.end, here.days, here.opens, here.closes,
                    after.zone, after.zone_start, after.zone_end,
                )  # fmt: skip
    return tuple(found)


def _window(text: str, match: re.Match[str]) -> HoursWindow | None:
    g = match.groupdict()
    if _UNIT_AFTER.match(text, match.end("h2") if g["h2"] else match.end()):
        return None
    first = _clock(g["h1"], g["m1"], g["w1"])
    second = _clock(g["h2"], g["m2"], g["w2"])
    if first is None or second is None:
        return None
    if g["d1"] and g["d2"]:
        # days on both sides: the ones after belong to the next window ("…, Sat 10-4")
        zone = "z1" if g["z1"] else None
        end = match.end(zone) if zone else _time_end(match)
        days_text = g["d1"]
    else:
        zone = "z1" if g["z1"] else "z2" if g["z2"] else None
        end = match.end()
        days_text = g["d1"] or g["d2"]
    cued = any(g[k] for k in _CUES)
    if not cued and not _OPENING_WORDS.search(text, max(0, match.start() - 40), match.start()):
        return None
    opens, closes = _meridiem(first, second, g["ap1"], g["ap2"], bool(g["m1"] or g["m2"]))
    if opens is None or closes is None:
        return None
    return HoursWindow(
        match.start(),
        end,
        parse_days(days_text) if days_text else (),
        opens,
        closes,
        " ".join(match.group(zone).split()) if zone else None,
        match.start(zone) if zone else None,
        match.end(zone) if zone else None,
    )


def _time_end(match: re.Match[str]) -> int:
    return max(match.end(k) for k in ("h2", "m2", "ap2", "w2") if match.group(k))


def _clock(hours: str | None, minutes: str | None, word: str | None) -> tuple[int, int] | None:
    """(hour, minute) as written; None when no clock shows it."""
    if word is not None:
        return {"noon": (12, 0), "midday": (12, 0)}.get(word.casefold(), (24, 0))
    assert hours is not None
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or (hour == 24 and minute):
        return None
    return hour, minute


def _meridiem(
    first: tuple[int, int], second: tuple[int, int], ap1: str | None, ap2: str | None, colon: bool
) -> tuple[int | None, int | None]:
    """Both times in minutes, reading a missing am/pm the way people mean it."""
    h1, h2 = first[0], second[0]
    if ap1 is None and ap2 is None and (h1 > 12 or h2 > 12 or (colon and h1 == 0)):
        return h1 * 60 + first[1], h2 * 60 + second[1]  # a 24-hour clock
    pm1 = _pm(ap1) if ap1 else None
    pm2 = _pm(ap2) if ap2 else None
    if pm1 is None:
        # "9-5 pm" is 9 am, "1-5 pm" 1 pm, "9-5" 9 am, "12-5" noon
        pm1 = h1 == 12 or (bool(pm2) and h1 <= h2)
    if pm2 is None:
        # "9 am - 5" is 5 pm, "8 am - 11" 11 am, "9-12" noon
        pm2 = h2 == 12 or pm1 or h2 <= h1
    opens = _minutes(first, pm1) if h1 <= 12 else 0 if first == (24, 0) else None
    closes = _minutes(second, pm2) if h2 <= 12 or second == (24, 0) else None
    if closes == 0:
        closes = 1440  # "… to 12 am": midnight, at the day's end
    return opens, closes


def _pm(ap: str) -> bool:
    return ap.strip().casefold().startswith("p")


def _minutes(time: tuple[int, int], pm: bool) -> int:
    hour, minute = time
    if hour == 24:
        return 1440
    hour = hour % 12 + (12 if pm else 0)
    return hour * 60 + minute


def parse_days(written: str) -> tuple[int, ...]:
    """The days a days phrase names: "Monday - Friday" is (0, 1, 2, 3, 4)."""
    lower = written.casefold()
    if "weekday" in lower:
        return (0, 1, 2, 3, 4)
    if "weekend" in lower:
        return (5, 6)
    if "daily" in lower or "every" in lower or "week" in lower:
        return tuple(range(7))
    days: set[int] = set()
    for part in re.split(r"\s*(?:,|&|\band\b|\+|/)\s*", lower):
        ends = [
            _DAY_NAMES.index(m[:3]) for m in re.findall(r"[a-z]{3,}", part) if m[:3] in _DAY_NAMES
        ]
        if len(ends) == 2:
            first, last = ends
            days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
        days.update(ends)
    return tuple(sorted(days))


@lru_cache(maxsize=2048)
def find_times(text: str) -> tuple[ClockTime, ...]:
    """Every single time of day (with am/pm or a colon) in `text` outside a window."""
    windows = find_hours(text)
    starts = [w.start for w in windows]
    found = []
    for match in _SINGLE.finditer(text):
        i = bisect_right(starts, match.start()) - 1
        if i >= 0 and match.start() < windows[i].end:
            continue  # a time of a window
        g = match.groupdict()
        if g["w1"]:
            minutes = 720 if g["w1"].casefold() == "noon" else 0
        elif g["hc"]:
            hour, minute = int(g["hc"]), int(g["mc"])
            if hour > 23:
                continue
            minutes = hour * 60 + minute
        else:
            hour = int(g["h1"])
            if not 1 <= hour <= 12:
                continue
            minutes = _minutes((hour, int(g["m1"] or 0)), _pm(g["ap1"]))
        zone = g["z1"]
        found.append(
            ClockTime(
                match.start(),
                match.end(),
                minutes,
                " ".join(zone.split()) if zone else None,
                match.start("z1") if zone else None,
                match.end("z1") if zone else None,
            )
        )
    return tuple(found)
