"""Content that does not have the shape `schemas/faq.schema.json` describes.

- `schema`: a missing or unknown field, a value of the wrong kind, an id that
  is not a slug, a question without a question mark, an empty answer, a date
  that is not YYYY-MM-DD. Each is said in plain words at the line of the value
  at fault, with one finding per defect (a misspelt field is one finding, not
  "unknown field" plus "missing field"; each unknown field of an entry is one,
  and the text under a slip for `question` or `answer` is still read by the
  text rules, so one run shows every problem of the entry). `fix` makes the two certain repairs:
  a field name one typing slip from the only field it can be, when the entry
  does not have that field yet (`anwser` to `answer`), and an allowed value
  written in another case (`audience: Everyone` to `everyone`).

      - id: track-order
        question: How do I track my order?
        anwser: Use the link in your order e-mail.   # schema: did you mean `answer`?
        answer: Use the link in your order e-mail.   # passes

- `implicit-type`: text that YAML 1.1 reads as something else. Unquoted `No`,
  `yes`, `on` and `off` are booleans, `1.10` is the number 1.1, `2024-01-01`
  is a date; the website then shows `False`, `1.1` or nothing at all. `fix`
  puts such a value in quotes when it stands on one line with no anchor or
  tag. A tag (`!!float 1e400`) asks for the type: the message says to remove it.

      answer: No           # implicit-type: read as the boolean false
      answer: "No"         # fine
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Rule, RuleContext, Scope, entry_check
from audit.source.schema_messages import Target, validate

SCHEMA = Rule(
    "schema",
    Severity.ERROR,
    "the content does not match the FAQ schema",
    Scope.ENTRY,
    fixable=True,
)
IMPLICIT_TYPE = Rule(
    "implicit-type",
    Severity.ERROR,
    "unquoted text that YAML reads as a boolean, number or date",
    Scope.ENTRY,
    fixable=True,
)
RULES = (SCHEMA, IMPLICIT_TYPE)
_TARGET = Target("faq.schema.json", SCHEMA.id, IMPLICIT_TYPE.id)


@entry_check(SCHEMA, IMPLICIT_TYPE)
def schema_problems(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    yield from validate(source, _TARGET)
