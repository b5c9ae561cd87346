"""The pre-publish report: one page for the people who approve a publish.

They do not read terminals, so the page says at a glance whether the content is
fit to publish and why, then shows the evidence: findings by entry with the
offending words marked, the policy facts and where each is stated, the
contacts in normalized form, link health from the link history, and what
changed since a git ref. `model` holds the page's data; `findings`, `contacts`,
`link_health` and `changes` build its parts from what the audit found;
`render` writes it as self-contained HTML or as Markdown, through Jinja2
templates that escape every piece of content.
"""

from __future__ import annotations

from audit.report.model import Report, verdict

__all__ = ["Report", "verdict"]
