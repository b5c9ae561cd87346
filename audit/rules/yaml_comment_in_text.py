"""Text that YAML silently cut off, because ` #` starts a comment.

- `yaml-comment-in-text`: in an unquoted (plain) question or answer, a `#`
  after a space begins a YAML comment, so everything from there to the end of
  the line is dropped without a word, and the website shows half a sentence:

      question: Is there a discount code?
      answer: Use code #SAVE10 at checkout.       # flagged: YAML reads "Use code"
      answer: 'Use code #SAVE10 at checkout.'     # fine: quoted

      question: What does the # key do?           # flagged: YAML reads "What does the"
      question: 'What does the # key do?'         # fine
      answer: It starts a search.

  The fix puts the whole value in quotes, as it was written (single quotes,
  or double quotes when the text holds an apostrophe), so that YAML reads
  the words that were cut off as part of it. Quoted text and block text
  (`answer: |`) keep a `#` as it is and are never reported, nor is a `#`
  without a space before it ("order#123"). A value that is nothing but such a
  comment (`answer: #1 in our tests.`) is read as empty: it is reported, with
  no fix, because quoting would turn an empty value into text.

  A comment an editor meant is left alone: `# faq-audit: ignore[…]`, and a
  comment after a complete sentence that does not read as the rest of it.
  Only two shapes are taken for cut text: a `#` directly followed by a
  letter or digit (a code, a hashtag, a number: "#SAVE10", "desk #4") after
  a single space or after words that do not end a sentence; and words that
  do not end a sentence followed by a comment that does.

      question: Do you ship abroad?
      answer: We ship worldwide.  # checked with legal   # fine: a comment
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from audit.model import Fix, Position, Problem, Severity, SourceFile, TextField
from audit.rules import Rule, RuleContext, Scope, entry_check
from audit.rules._fields import TEXT_FIELDS, texts
from audit.source.scalars import ScalarText

YAML_COMMENT_IN_TEXT = Rule(
    "yaml-comment-in-text",
    Severity.ERROR,
    "a ' #' in unquoted text, which YAML reads as a comment that cuts the text short",
    Scope.ENTRY,
    fixable=True,
)
RULES = (YAML_COMMENT_IN_TEXT,)

# What follows a plain scalar on its last line: blanks, then the comment.
_COMMENT = re.compile(r"([ \t]+)#([^\r\n]*)")
_DIRECTIVE = re.compile(r"\s*faq-audit:")
# Where a sentence, a question or a list item may end.
_ENDS = ".!?:;)]\"'\u201d\u2019\u2026"


def _cut_text(value: str, blanks: str, comment: str) -> bool:
    """Whether the comment reads as the rest of the text rather than a note about it."""
    if _DIRECTIVE.match(comment):
        return False
    body = comment.rstrip()
    if not body:
        return False
    complete = value.rstrip().endswith(tuple(_ENDS))
    if body[0].isalnum() and (len(blanks) == 1 or not complete):
        return True  # "#SAVE10", "order #123", "#1 choice"
    return not complete and body.endswith((".", "!", "?"))


@entry_check(YAML_COMMENT_IN_TEXT)
def comments_in_text(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    yield from _emptied(source)
    for entry, field, text in texts(source):
        if text.style != "" or not isinstance(text, ScalarText):
            continue
        found = _COMMENT.match(text.source, text.end)
        if found is None or not _cut_text(text.value, found[1], found[2]):
            continue
        hash_at = found.start(2) - 1
        end = hash_at + 1 + len(found[2].rstrip())
        lost = text.source[hash_at:end]
        yield Problem(
            f"YAML reads ' #' as the start of a comment, so this {field} is cut short "
            f"after {_tail(text.value)!r} and {lost!r} is dropped; put the whole {field} "
            "in quotes",
            _position(text, hash_at, end),
            entry=entry.id,
            fix=_quoting_fix(text, end, field),
        )


_AFTER_KEY = re.compile(r"[ \t]*:([ \t]+)#([^\r]*)")


def _emptied(source: SourceFile) -> Iterator[Problem]:
    """A question or answer that is nothing but a comment: YAML reads it as empty (null).

    The schema reports the empty value; this says why it is empty. No fix: quoting
    turns an empty value into text, which `fix` never does unasked.
    """
    lines: list[str] | None = None
    for entry in source.entries:
        for field in TEXT_FIELDS:
            if entry.data.get(field, "") is not None or field not in entry.fields:
                continue
            key = entry.fields[field].key
            if lines is None:
                lines = (source.text or "").split("\n")
            if key.end_column is None or key.line > len(lines):
                continue
            line = lines[key.line - 1]
            found = _AFTER_KEY.match(line, key.end_column - 1)
            if found is None or not _cut_text("", found[1], found[2]):
                continue
            lost = "#" + found[2].rstrip()
            column = found.start(2)  # 0-based index of the text after '#': the '#' is 1-based
            yield Problem(
                f"YAML reads ' #' as the start of a comment, so this {field} is empty and "
                f"{lost!r} is dropped; put the whole {field} in quotes",
                Position(key.path, key.line, column, key.line, column + len(lost)),
                entry=entry.id,
            )


def _tail(value: str) -> str:
    words = value.split()
    return ("… " if len(words) > 6 else "") + " ".join(words[-6:])


def _position(text: TextField, start: int, end: int) -> Position:
    """The comment's place: on the scalar's last line, where YAML cut the text."""
    src = text.source
    line = text.position_of(max(len(text.value) - 1, 0), 1).line
    column = start - src.rfind("\n", 0, start)
    return Position(text.position_of(0).path, line, column, line, column + (end - start))


def _quoting_fix(text: ScalarText, end: int, field: str) -> Fix | None:
    """The scalar and the words cut from it, quoted as one value, when that reads back as
    exactly the text that was meant (the value, the blanks and the comment)."""
    raw = text.source[text.start : end]
    if raw[:1] in "&!":
        return None  # an anchor or a tag: a person quotes the value after it
    if "'" in raw and '"' not in raw and "\\" not in raw:
        quoted = f'"{raw}"'
    else:
        quoted = "'" + raw.replace("'", "''") + "'"
    meant = text.value + text.source[text.end : end]
    if _reads_as(text, quoted) != meant:
        return None
    where = text.position_of(0, len(text.value))
    return Fix(where, text.start, end, quoted, f"put the whole {field} in quotes")


def _reads_as(text: ScalarText, quoted: str) -> object:
    """What YAML reads from the quoted value standing where the scalar stands: its
    continuation lines keep their indentation, under a key at the margin."""
    try:
        return yaml.safe_load("key: " + quoted)["key"]
    except (yaml.YAMLError, TypeError, KeyError):
        return None
