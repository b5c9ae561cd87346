"""Files that cannot be read or parsed as YAML.

These problems are found while loading, before any other rule can look at a
file; this module gives them their rule ids so they can be listed, selected
and suppressed like any other.

- `unreadable-file`: the file cannot be read, is binary, is not UTF-8, or is
  larger than faq-audit reads (10 MB). Its bytes cannot be shown here:

      orders.yaml saved as "Western (Windows 1252)"   # unreadable-file: not UTF-8
      orders.yaml saved as "UTF-8"                    # passes

- `byte-order-mark`: the file starts with an invisible byte-order mark, which
  some tools then show as stray characters. It cannot be seen, so in words:

      orders.yaml saved as "UTF-8 with BOM"           # byte-order-mark
      orders.yaml saved as "UTF-8"                    # passes
- `yaml-syntax`: the text is not valid YAML (bad indentation, a tab, an
  unclosed quote, two documents in one file), nests absurdly deep, or uses
  aliases that expand without bound.

      question: 'How do I track my order?     # yaml-syntax: the quote is never closed
      question: 'How do I track my order?'    # passes

- `duplicate-key`: a key appears twice in one mapping. YAML keeps the last
  value and silently drops the first:

      - id: track-order
        question: How do I track my order?
        question: Where is my order?      # duplicate-key

  Keep the one that is meant:

      - id: track-order
        question: Where is my order?      # passes
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Rule, RuleContext, Scope, entry_check
from audit.source import compose as syntax
from audit.source import loader, reading

UNREADABLE = Rule(
    reading.UNREADABLE, Severity.ERROR, "the file cannot be read as UTF-8 text", Scope.ENTRY
)
BOM = Rule(reading.BOM, Severity.WARNING, "the file starts with a byte-order mark", Scope.ENTRY)
SYNTAX = Rule(syntax.SYNTAX, Severity.ERROR, "the file is not valid YAML", Scope.ENTRY)
DUPLICATE_KEY = Rule(
    loader.DUPLICATE_KEY, Severity.ERROR, "a key appears twice in one mapping", Scope.ENTRY
)
RULES = (UNREADABLE, BOM, SYNTAX, DUPLICATE_KEY)


@entry_check(SYNTAX, UNREADABLE, BOM, DUPLICATE_KEY)
def loading_problems(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    yield from source.problems
