"""Frequent grammar slips, found by a few narrow patterns that do not cry wolf.

The `grammar` family is not a grammar checker. It knows five slips that FAQ
writers make again and again, each a rule of its own, and reports them only
where a pattern is certain; anything it cannot be sure of it leaves alone,
because a rule that flags correct sentences gets switched off. The message
names the slip and the words to write instead.

The family id stands for all five: `--select grammar`, `--ignore grammar`,
`rules: grammar:` in faq-audit.yaml and `ignore[grammar]` apply to each of
them; a rule's own id picks out one (`rules: grammar-articles: {severity:
'off'}` silences only the articles).

- `grammar-agreement`: a singular count noun of a short list (order, item, payment,
  refund, account, …) with no determiner, right after "once", "when", "if",
  "unless", "whether", "because", "while" or "as soon as" (or at the start of
  a sentence, also after "after", "before", "until" or "since"), followed by a
  plural verb: are, were, have, do and their negations. Also "there is" or
  "there was" followed by a number and a plural noun of that list. "If payment
  were" is a subjunctive and is accepted; so is anything with a determiner or a
  plural noun ("Once orders are placed", "When the order is placed").

      Once order are placed it is sent to our warehouse.     (reported: "order are")
      Once orders are placed they are sent to our warehouse.
      There is 3 items in your cart.                          (reported)
      There are 3 items in your cart.

  And "each" or "every" with a plural verb, where the verb follows the noun
  at once: "each of the orders are", "each of them have", "every item are".
  "They each are" and "the plans each are priced" put "each" after a plural
  subject and are right; a list or a clause between noun and verb is not judged.

      Each of the orders are checked before they ship.       (reported)
      Each of the orders is checked before it ships.

- `grammar-articles`: "a" before a vowel sound, "an" before a consonant sound. Sound,
  not spelling, decides: "an hour", "an honest", "a user", "a one-time fee",
  "a European", "a URL", "an FAQ", "an MRI", "an 8-week course", "an 18-month
  plan", "a 10% discount", "a U-turn", "an X-ray". Words it cannot be sure of
  are skipped: mixed-case names (iPhone), words with apostrophes, "historic",
  "hotel" and "herb" (both forms are in use), acronyms that may be read as a
  word or letter by letter ("a FAQ" is accepted too), and a capital "A" in the
  middle of a sentence, which is usually a letter ("Plan A").

      It takes about a hour to approve a account.    (reported twice)
      It takes about an hour to approve an account.

- `grammar-repeated-words`: the same word twice in a row, also across a line break:
  "the the", "to to". Doubles that English allows are accepted: "had had",
  "that that", "log in in", "will will", "do do", "what it is is", and a
  repeated capitalised word ("Walla Walla"). This is the only slip with a fix:
  `--fix` removes the second copy and the space before it (unless a line break
  stands between the two, which a person joins by hand).

      Click the the button.     (reported; the fix leaves "Click the button.")
      We had had the parcel for a week.

- `grammar-its`: "it's" (it is, it has) where the possessive "its" is meant,
  judged only where "it is" and "it has" cannot be read: "it's own"; after a
  verb that takes a thing ("keeps it's color", "lost it's shape"); after a
  preposition ("in it's original box"), unless a word that follows "it is"
  comes next ("for it's been") or the preposition ends a phrasal verb ("turn it
  on it's ready"). "It's been shipped", "it's ours", "once charged it's ready"
  and a sentence that opens with "It's" are never reported.

      The case keeps it's color for years.    (reported: "it's color")
      The case keeps its color, and it's been tested for years.

- `grammar-your`: "your" where "you're" (you are) is meant, judged only on the
  words that follow "you are" and never a possessive: "not", "too", "so", an
  article ("your a member"), "all set", "going to" and a verb, and an adjective
  or participle with no noun after it ("your eligible for", "your logged in").
  "Your going-away gift", "your shipping address", "your ordering history",
  "your welcome pack" and "your registered address" are never reported.

      If your going to love it, tell a friend.     (reported: "your going to")
      If you're going to love it, tell a friend about your shipping address.

Text in double quotes (a button label, an error message, what a customer
types) is quoted as it stands and is not judged; neither are URLs, email
addresses and `code`. A text longer than 100,000 characters is not prose
someone wrote as one answer and is not read at all.

Option, of each of the five (set it under `grammar:` for all of them):
`allow`, phrases to accept, matched without regard to case; a finding that
touches one of them is not reported, e.g. `allow: ["a FAQ", "what it is is"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from audit.model import Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, entry_check
from audit.rules._fields import problem_at, texts
from audit.rules.grammar.checks import AGREEMENT, ARTICLES, ITS, REPEATED_WORDS, YOUR, find_slips
from audit.rules.grammar.common import touches
from audit.text.phrases import phrase_pattern

FAMILY = "grammar"
_ALLOW = Option("allow", (), doc="phrases to accept, matched without regard to case")

GRAMMAR_AGREEMENT = Rule(
    "grammar-agreement",
    Severity.WARNING,
    'a subject and its verb that do not agree: "Once order are placed"',
    Scope.ENTRY,
    options=(_ALLOW,),
    family=FAMILY,
)
GRAMMAR_ARTICLES = Rule(
    "grammar-articles",
    Severity.WARNING,
    '"a" before a vowel sound or "an" before a consonant sound',
    Scope.ENTRY,
    options=(_ALLOW,),
    family=FAMILY,
)
GRAMMAR_REPEATED_WORDS = Rule(
    "grammar-repeated-words",
    Severity.WARNING,
    'the same word twice in a row: "the the"',
    Scope.ENTRY,
    options=(_ALLOW,),
    fixable=True,
    family=FAMILY,
)
GRAMMAR_ITS = Rule(
    "grammar-its",
    Severity.WARNING,
    '"it\'s" (it is) where the possessive "its" is meant: "keeps it\'s color"',
    Scope.ENTRY,
    options=(_ALLOW,),
    family=FAMILY,
)
GRAMMAR_YOUR = Rule(
    "grammar-your",
    Severity.WARNING,
    '"your" where "you\'re" (you are) is meant: "your going to love it"',
    Scope.ENTRY,
    options=(_ALLOW,),
    family=FAMILY,
)
RULES = (GRAMMAR_AGREEMENT, GRAMMAR_ARTICLES, GRAMMAR_REPEATED_WORDS, GRAMMAR_ITS, GRAMMAR_YOUR)
# The slip each rule reports, as `find_slips` names it.
_RULE_OF_SLIP = {
    AGREEMENT: GRAMMAR_AGREEMENT,
    ARTICLES: GRAMMAR_ARTICLES,
    REPEATED_WORDS: GRAMMAR_REPEATED_WORDS,
    ITS: GRAMMAR_ITS,
    YOUR: GRAMMAR_YOUR,
}


@entry_check(*RULES)
def grammar(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    running = {slip: rule for slip, rule in _RULE_OF_SLIP.items() if context.runs(rule)}
    if not running:
        return
    allowed = {
        slip: _patterns(tuple(context.options_of(rule)["allow"])) for slip, rule in running.items()
    }
    for entry, _field, text in texts(source):
        for slip in find_slips(text.value, running):
            if any(touches(p, text.value, slip) for p in allowed[slip.check]):
                continue
            fix = None
            # Only when both copies stand in the file as in the text: across a line break,
            # deleting would take indentation along, so a person joins the lines.
            if slip.remove and text.source_span(slip.start, slip.end - slip.start):
                start, end = slip.remove
                word = text.value[start:end].strip()
                fix = text.fix(start, end - start, "", f'remove the repeated "{word}"')
            rule = running[slip.check].id
            yield problem_at(
                entry, text, slip.start, slip.end - slip.start, slip.message, fix=fix, rule=rule
            )


def _patterns(phrases: Iterable[object]) -> list[re.Pattern[str]]:
    """Each phrase on its own: a slip that touches any one of them is allowed."""
    patterns = (phrase_pattern([str(phrase)]) for phrase in phrases)
    return [pattern for pattern in patterns if pattern is not None]
