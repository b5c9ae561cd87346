"""Times of day that customers act on, with a zone that is wrong half the year, or none.

"Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST": EST is Eastern *Standard* Time,
which New York keeps only in winter; from March to November the same office
hours are 8:30 \u2013 6:00 EDT. Hours kept all year are written in the zone's
generic name, ET. A sentence about the season ("summer hours", "in winter")
means the seasonal name, and so does a place that keeps standard time all
year (Arizona's MST, Queensland's AEST, Saskatchewan's CST).

Opening hours or an order cut-off ("orders placed by 2 pm ship the same
day") given without a zone, on a page that names a zone elsewhere, leave the
reader to guess whether it is the same one (or which, when the page names
several). Round-the-clock hours need no zone, and neither does a page that
says once that all its times are in one zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from audit.extract.claims import Claim, ClaimKind
from audit.facts.matching import zone_code, zone_family
from audit.facts.statements import Statement
from audit.model import Problem, Related
from audit.rules.policy.wording import TIME_OF_DAY, bound

# A seasonal zone: its name, the season it holds in, its counterpart, the generic name.
SEASONAL = {
    "EST": ("Eastern Standard Time", "winter", "EDT", "ET"),
    "EDT": ("Eastern Daylight Time", "summer", "EST", "ET"),
    "CST": ("Central Standard Time", "winter", "CDT", "CT"),
    "CDT": ("Central Daylight Time", "summer", "CST", "CT"),
    "MST": ("Mountain Standard Time", "winter", "MDT", "MT"),
    "MDT": ("Mountain Daylight Time", "summer", "MST", "MT"),
    "PST": ("Pacific Standard Time", "winter", "PDT", "PT"),
    "PDT": ("Pacific Daylight Time", "summer", "PST", "PT"),
    "AKST": ("Alaska Standard Time", "winter", "AKDT", "AKT"),
    "AKDT": ("Alaska Daylight Time", "summer", "AKST", "AKT"),
    "GMT": ("Greenwich Mean Time", "winter", "BST", "UK time"),
    "BST": ("British Summer Time", "summer", "GMT", "UK time"),
    "CEST": ("Central European Summer Time", "summer", "CET", "Central European Time"),
    "AEST": ("Australian Eastern Standard Time", "winter", "AEDT", "AET"),
    "AEDT": ("Australian Eastern Daylight Time", "summer", "AEST", "AET"),
}
# Places that keep a standard zone all year, where the seasonal name is right.
ALL_YEAR = {
    "MST": re.compile(r"\b(?:arizona|phoenix|tucson)\b", re.IGNORECASE),
    "AEST": re.compile(r"\b(?:queensland|brisbane)\b", re.IGNORECASE),
    "CST": re.compile(r"\b(?:saskatchewan|regina|china|beijing|shanghai)\b", re.IGNORECASE),
}
SEASON = re.compile(
    r"\b(?:summer|winter|spring|autumn|fall hours|daylight saving|dst|seasonal|"
    r"season|until (?:march|november)|(?:from|between) (?:march|april|may|june|july|august|"
    r"september|october|november|december|january|february))\b",
    re.IGNORECASE,
)
# "All times are ET", "times shown are in Pacific Time": one zone said once for the page.
ALL_TIMES = re.compile(
    r"\ball (?:our |the )?(?:times|hours)\b(?: (?:shown|listed|given|above|below))? are\b"
    r"|\btimes (?:shown |listed |given |quoted )?(?:are )?in\b",
    re.IGNORECASE,
)
WHOLE_DAY = 24 * 60


def timezone_problems(statements: Sequence[Statement], rule_id: str) -> Iterator[Problem]:
    hours = [s for s in statements if _time_of_day(s)]
    for statement in hours:
        problem = _seasonal(statement, rule_id)
        if problem is not None:
            yield problem
    by_page: dict[str, list[Statement]] = {}
    for statement in hours:
        by_page.setdefault(statement.entry.path, []).append(statement)
    for page in by_page.values():
        yield from _without_zone(page, rule_id)


def _time_of_day(statement: Statement) -> bool:
    """Opening hours, or an order cut-off ("orders placed by 2 pm ship the same day")."""
    claim = statement.claim
    if claim.kind is ClaimKind.HOURS:
        return claim.opens is not None and claim.closes is not None
    return claim.kind is ClaimKind.THRESHOLD and claim.variable == TIME_OF_DAY


def _seasonal(statement: Statement, rule_id: str) -> Problem | None:
    claim = statement.claim
    zone = zone_code(claim.zone) if claim.zone else ""
    if zone not in SEASONAL or SEASON.search(statement.sentence):
        return None
    place = ALL_YEAR.get(zone)
    if place is not None and place.search(statement.text.value):  # once per seasonal zone
        return None
    name, season, other, generic = SEASONAL[zone]
    other_season = "summer" if season == "winter" else "winter"
    written = " ".join((claim.zone or "").lower().split())
    called = "holds" if written == name.lower() else f"is {name}, which holds"
    message = (
        f'"{claim.zone}" {called} only in {season} (in {other_season} the '
        f'clocks are on {other}), but {_these(claim)} all year; write "{generic}"'
    )
    if claim.zone_start is not None and claim.zone_end is not None:
        position = statement.text.position_of(claim.zone_start, claim.zone_end - claim.zone_start)
    else:
        position = statement.position
    return Problem(message, position, entry=statement.entry_id, rule=rule_id)


def _without_zone(page: list[Statement], rule_id: str) -> Iterator[Problem]:
    zoned = [s for s in page if s.claim.zone]
    if not zoned or len(zoned) == len(page):
        return
    texts = {id(s.text): s.text.value for s in page}  # each answer searched once
    if any(ALL_TIMES.search(text) for text in texts.values()):
        return
    zones = sorted({zone_family(s.claim.zone) or "" for s in zoned})
    for statement in page:
        claim = statement.claim
        if claim.zone:
            continue
        if claim.opens == 0 and (claim.closes or 0) >= WHOLE_DAY - 1:
            continue  # round the clock: the same in every zone
        example = zoned[0]
        if len(zones) == 1:
            said = f'{example.where()} gives "{example.claim.zone}"'
            fix = f'add the zone: "{bound(claim)} {zones[0]}"'
        else:
            said = f"the page names several zones ({', '.join(zones)})"
            fix = "add the zone it is in"
        written = " ".join(statement.words.split())
        message = f'"{written}" gives no time zone, but {said}; {fix}'
        related = tuple(Related(s.position, f'"{s.claim.zone}" in {s.where()}') for s in zoned[:20])
        yield Problem(
            message, statement.position, entry=statement.entry_id, related=related, rule=rule_id
        )


def _these(claim: Claim) -> str:
    return "these hours are kept" if claim.kind is ClaimKind.HOURS else "this time holds"
