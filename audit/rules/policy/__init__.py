"""Policy numbers that disagree: thresholds with gaps or overlaps, values that differ, wrong zones.

The numbers of a policy (prices and fees, order thresholds, percentages, time
windows, opening hours, order cut-offs) are read from every answer as typed
claims (`audit.extract.claims`), each attached to a topic (shipping, returns,
restocking-fee, support-hours, …) and, for a threshold, to the variable it
bounds (the order total, the number of seats, the days since purchase). The
rules compare them within an answer, across all entries, and with the policy
registry, faq/policies.yaml. A number that is not a policy (a $25 credit, a
phone extension, a year, a model number, "24/7", "2-for-1", prices in a range)
makes no claim, and numbers about different variants of a service
("standard" and "express" shipping, "economy" and "business class", an
exception such as "damaged items") are not compared. The family id `policy`
stands for all five rules.

- `threshold-gap`: rules on the same topic and variable leave a range that
  none covers, so a customer there cannot tell what applies. Where two
  bounds meet ("under $500" and "over $500") the gap is the single point.
  Counted quantities have gaps too: "up to 5 seats" and "7 seats or more"
  leave 6.

      answer: We offer $10 shipping on orders under $499 and free shipping on orders over $500.
      answer: We offer $10 shipping under $500 and free shipping on orders of $500 or more.

  The first is reported: order totals from $499.00 to $500.00 (both
  included) are covered by neither rule. The second passes.

- `threshold-overlap`: two rules with different outcomes both apply to some
  values.

      answer: Shipping is free on orders over $35 and costs $4.95 on orders up to $60.
      answer: Shipping is free on orders over $60 and costs $4.95 on orders up to $60.

  The first is reported: order totals from $35.00 to $60.00 ($35.00
  excluded) are covered by both. The second passes.

- `numeric-contradiction`: the same quantity of the same topic is stated with
  different values in different places: a 30-day return window here and 60
  days there, a 20% restocking fee here and 15% there, free shipping over
  $500 here and over $400 there, support hours of 9\u20135 here and 8\u20136 there.
  Values are compared in one unit: 48 hours is 2 days, "30 calendar days" is
  30 days, but a business day is not a day.

      answer: Refunds take 5 business days. Refunds take 5 days.
      answer: Refunds take 5 business days. Refunds take 5 business days.

  The first is reported on "5 days". The value stated most often is taken as
  meant, and each claim that gives another is reported, naming every claim of
  the value meant. A sentence that itself gives two values ("refunds within
  14 days, store credit within 30") draws a distinction on purpose and is
  left alone; a 20% fee "after 30 days" is consistent with a 30-day window.

- `policy-mismatch`: a claim states a fact of the policy registry with another
  value. With `free-shipping-threshold` at 500 in faq/policies.yaml:

      answer: Shipping is free on orders over $450.
      answer: Shipping is free on orders over $500.

  The first is reported. Without a registry this rule finds nothing; the
  other four still run. A registry value of 500 agrees with "over $500" and
  with "$500 or more": where two rules meet is the gap rule's business.

- `timezone-ambiguous`: a seasonal zone written for hours kept all year (EST
  is winter time; from March to November the same hours are EDT: write ET),
  or a time customers act on (opening hours, an order cut-off) given without a
  zone on a page that names one elsewhere.

      answer: Our team is available Monday \u2013 Friday, 8:30 am \u2013 6:00 pm EST.
      answer: Our team is available Monday \u2013 Friday, 8:30 am \u2013 6:00 pm ET.

  The first is reported on "EST". Hours for a season ("summer hours"), a
  place that keeps standard time all year (Arizona's MST), round-the-clock
  hours and a page that says "all times are ET" are left alone.

Each finding names every claim involved, with its entry and line (the first
in reading order carries the finding, the others are listed with it), states
the exact range or the differing values, and suggests the fix.

Severities: `policy-mismatch` is an error, since the registry says which value
is right and the answer contradicts it; the other four are warnings, since a
person must decide which of two statements is meant (or whether an hour is
kept all year).

Options (set them under `policy:` for the whole family):

- `topics`, of every rule but `timezone-ambiguous`: more topic words, each
  "topic: word|word", added to the default lexicon, e.g. "referral: refer a
  friend|referral credit". A number whose sentence names no topic makes no
  claim.
- `variants`, of `threshold-gap`, `threshold-overlap` and
  `numeric-contradiction`: the words that name a variant of a service, tier,
  class or exception ("ground", "business class", "holiday"; "a|b" makes b
  another spelling of a). Claims next to different variant words are not
  compared. The list replaces the default one. Express and international
  shipping need no entry: the claims' topics tell them apart already
  ("shipping/express").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.facts.statements import Statement, lexicon_of, statements
from audit.model import Corpus, Problem, Severity, SourceFile
from audit.rules import Option, Rule, RuleContext, Scope, corpus_check
from audit.rules.policy.contradictions import contradiction_problems
from audit.rules.policy.mismatch import covered, mismatch_problems
from audit.rules.policy.thresholds import gap_problems, overlap_problems, rule_sets
from audit.rules.policy.timezones import timezone_problems
from audit.rules.policy.variants import DEFAULT_VARIANTS, variant_sets

FAMILY = "policy"
_TOPICS = Option(
    "topics",
    (),
    doc="more topic words, 'topic: word|word', e.g. 'referral: refer a friend|referral credit'",
)
_VARIANTS = Option(
    "variants",
    DEFAULT_VARIANTS,
    doc="words that name a variant (ground, business class, holiday); 'a|b' spells a as b too",
)

THRESHOLD_GAP = Rule(
    "threshold-gap",
    Severity.WARNING,
    'threshold rules leave a range uncovered: "under $499" and "over $500"',
    Scope.CORPUS,
    options=(_TOPICS, _VARIANTS),
    family=FAMILY,
)
THRESHOLD_OVERLAP = Rule(
    "threshold-overlap",
    Severity.WARNING,
    "two threshold rules with different outcomes both apply to some values",
    Scope.CORPUS,
    options=(_TOPICS, _VARIANTS),
    family=FAMILY,
)
NUMERIC_CONTRADICTION = Rule(
    "numeric-contradiction",
    Severity.WARNING,
    "the same policy quantity is stated with different values: 30 days here, 60 there",
    Scope.CORPUS,
    options=(_TOPICS, _VARIANTS),
    family=FAMILY,
)
POLICY_MISMATCH = Rule(
    "policy-mismatch",
    Severity.ERROR,
    "a policy number disagrees with the policy registry (faq/policies.yaml)",
    Scope.CORPUS,
    options=(_TOPICS,),
    family=FAMILY,
)
TIMEZONE_AMBIGUOUS = Rule(
    "timezone-ambiguous",
    Severity.WARNING,
    'hours in a seasonal zone ("EST" all year) or without a zone where the page names one',
    Scope.CORPUS,
    family=FAMILY,
)
RULES = (
    THRESHOLD_GAP,
    THRESHOLD_OVERLAP,
    NUMERIC_CONTRADICTION,
    POLICY_MISMATCH,
    TIMEZONE_AMBIGUOUS,
)


def claims_of(source: SourceFile, context: RuleContext) -> tuple[Statement, ...]:
    """The claims of a file's answers, each with its entry, answer and position: reading
    and locating them is most of the family's work, so it is done where the file is
    loaded (in the workers), and only the comparing waits for every file."""
    if not context.rules:
        return ()
    topics = context.options_of(context.rules[0]).get("topics", ())
    found = statements(Corpus((source,)), lexicon_of(topics), context.config.region)
    return tuple(statement.located() for statement in found)


@corpus_check(*RULES, prepare=claims_of)
def policy(
    corpus: Corpus, context: RuleContext, prepared: Sequence[tuple[Statement, ...]]
) -> Iterator[Problem]:
    """Every answer's claims, read once per file, judged by each rule that runs."""
    if not context.rules:
        return
    found = [statement for claims in prepared for statement in claims]
    if not found:
        return
    if context.runs(THRESHOLD_GAP) or context.runs(THRESHOLD_OVERLAP):
        yield from _thresholds(found, context)
    if context.runs(NUMERIC_CONTRADICTION):
        facts = context.facts
        checked_elsewhere = context.runs(POLICY_MISMATCH) and bool(facts.facts)
        variants = variant_sets(found, context.options_of(NUMERIC_CONTRADICTION)["variants"])
        yield from contradiction_problems(
            found,
            variants,
            NUMERIC_CONTRADICTION.id,
            skip=lambda s: checked_elsewhere and covered(s, facts),
        )
    if context.runs(POLICY_MISMATCH) and context.facts.facts:
        yield from mismatch_problems(found, context.facts, POLICY_MISMATCH.id)
    if context.runs(TIMEZONE_AMBIGUOUS):
        yield from timezone_problems(found, TIMEZONE_AMBIGUOUS.id)


def _thresholds(found: list[Statement], context: RuleContext) -> Iterator[Problem]:
    for rule, report in ((THRESHOLD_GAP, gap_problems), (THRESHOLD_OVERLAP, overlap_problems)):
        if not context.runs(rule):
            continue
        variants = variant_sets(found, context.options_of(rule)["variants"])
        for rule_set in rule_sets(found, variants):
            yield from report(rule_set, rule.id)
