"""The report as a self-contained HTML page or as Markdown, through Jinja2 templates.

The HTML environment escapes every value (autoescape on, for every template):
the model holds only text, so a question that contains `<script>` shows as
those characters. The page carries its CSS inline and no script, so it reads
offline, from an email attachment or a CI artifact, and prints through
`@media print`. The Markdown template escapes with the `md` filter, so content
cannot open a link, a table cell or raw HTML in a pull-request comment.
"""

from __future__ import annotations

import re
from functools import cache

import jinja2

from audit.report.model import Report

_SPACES = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # emphasis, code, links, cells


def html(report: Report) -> str:
    return _environment(escape=True).get_template("report.html.j2").render(report=report)


def markdown(report: Report) -> str:
    return _environment(escape=False).get_template("report.md.j2").render(report=report)


def markdown_text(value: object) -> str:
    """Content as literal Markdown text on one line: special characters backslashed,
    `<` and `&` as entities, each run of white space (line breaks too) as one space."""
    text = _SPACES.sub(" ", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@cache
def _environment(*, escape: bool) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("audit.report", "templates"),
        autoescape=escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    return environment
