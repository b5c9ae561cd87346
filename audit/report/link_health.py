"""Link health as the link history tells it: what broke, for how long, what flaps, what moved.

The report probes nothing: it reads the history that `faq-audit links` keeps
(the nightly job's), so writing the page is quick and offline. Without a
history file the section says so, and the verdict calls link health unknown.
"""

from __future__ import annotations

from pathlib import Path

from audit.links.history import History
from audit.links.occurrences import Occurrence, from_corpus, web_urls
from audit.model import Corpus
from audit.report.model import LinkHealth, LinkRow, Place


def link_health(corpus: Corpus, history: Path, notes: list[str]) -> LinkHealth:
    """The FAQ's web links that need attention; `notes` receives the history's warnings."""
    occurrences = list(from_corpus(corpus))
    urls = web_urls(occurrences)
    if not history.is_file():
        return LinkHealth(str(history), False, len(urls), ())
    with History(history) as opened:
        notes.extend(opened.warnings)
        trends = opened.trends(urls)
        moved = opened.permanent_redirects()
    rows = []
    for url in urls:
        trend = trends[url]
        places = _places(occurrences, url)
        flaky = " (flaky: it has failed and passed by turns)" if trend.flaky else ""
        if trend.broken_runs >= 2:
            state, detail = f"broken for {trend.broken_runs} runs", f"broken{flaky}"
            rows.append(LinkRow(url, state, detail, True, places))
        elif trend.broken_runs == 1:
            detail = f"broken in the latest run only{flaky}"
            rows.append(LinkRow(url, "newly broken", detail, True, places))
        elif trend.flaky:
            detail = "passes now, but has failed and passed by turns lately"
            rows.append(LinkRow(url, "flaky", detail, False, places))
        if url in moved:
            rows.append(LinkRow(url, "moved permanently", moved[url], False, places))
    return LinkHealth(str(history), True, len(urls), tuple(rows))


def _places(occurrences: list[Occurrence], url: str) -> tuple[Place, ...]:
    return tuple(
        Place(f"{o.position.path}:{o.position.line}", o.entry, o.raw)
        for o in occurrences
        if o.url == url
    )
