"""What probing the links found, as findings on each place a link is written.

These rules report only in a run of `faq-audit links`, which probes each
address once and hands the results to the rules; plain `validate` probes
nothing, so they say nothing there. Every occurrence of an address gets its
own finding, so suppressions, `--select` and fingerprints work per place.
`mailto:` and `tel:` links are judged offline (never by a probe), and links to
another entry (`#entry-id`) against the ids the run knows.

- `link-broken`: the page is gone (404, 410, another 4xx, a 5xx after retries),
  or a `mailto:`/`tel:` link holds no valid address or number:

      See https://shop.example.com/old-page for the details.      # 404: flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-redirect`: the address has moved for good (301, 308); the finding
  names the new address to write instead, and `faq-audit fix --links` writes
  it for each permanent redirect the link history holds. A temporary redirect
  is fine:

      Visit https://example.com/moved for the catalogue.          # 301: flagged
      Visit https://example.com/new for the catalogue.            # its fix
      Visit https://example.com/today for the catalogue.          # 302: fine

- `link-timeout`: the site did not answer within the time limits:

      Watch it at https://slow.example.com/video today.           # flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-error`: the site could not be reached at all (no such host, connection
  refused or reset, a TLS failure, an address the prober refuses to reach):

      Log in at https://portal.example.invalid first.             # flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-blocked` (a warning, never "broken"): the site blocks automated
  checks (a bot challenge, LinkedIn's 999, 429 after every retry); check it by
  hand:

      Follow us at https://www.linkedin.com/company/example now.  # flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-fragment`: the page (or the FAQ) has no element with the `#fragment`'s id:

      Read [the steps](#reset-password) first.                    # no such entry: flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-soft-404` (a warning): the page answers 200, but its title or main
  heading says it was not found:

      Shop at https://shop.example.com/gone-sale this week.       # flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-unchecked` (information): the address was not checked this run (the
  run's time budget ran out, or the host's circuit breaker deferred it):

      Browse https://busy.example.com/catalog at leisure.         # flagged
      See https://shop.example.com/specials for the details.      # 200: fine

- `link-exception-expired` (a warning): an exception in the config's
  `links: rules:` is past its `expires` day, so it no longer applies (the links
  it excused are judged again); reported at that day in the config file, so an
  exception does not quietly outlive its reason. Renew the date or remove the
  rule. With this config, a run that checks
  "Follow us at https://www.linkedin.com/company/example now." reports it:

      links:
        rules:
          - host: www.linkedin.com
            accept: [999]
            reason: LinkedIn answers 999 to every robot
            expires: 2020-01-31                                 # flagged
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from audit.links.exclusions import Exclusions, expiry_message
from audit.links.occurrences import in_text
from audit.links.results import LinkResult, Verdict
from audit.model import Corpus, Problem, Severity
from audit.rules import Rule, RuleContext, Scope, corpus_check
from audit.rules._fields import problem_at, texts


def _rule(rule_id: str, severity: Severity, summary: str) -> Rule:
    return Rule(rule_id, severity, summary, Scope.CORPUS, family="links")


LINK_BROKEN = _rule("link-broken", Severity.ERROR, "a link whose page is gone (4xx, 5xx)")
LINK_REDIRECT = Rule(
    "link-redirect",
    Severity.WARNING,
    "a link that has moved permanently (301, 308)",
    Scope.CORPUS,
    fixable=True,
    family="links",
)
LINK_TIMEOUT = _rule("link-timeout", Severity.ERROR, "a link whose site did not answer in time")
LINK_ERROR = _rule("link-error", Severity.ERROR, "a link whose site could not be reached")
LINK_BLOCKED = _rule(
    "link-blocked", Severity.WARNING, "a link that could not be verified: the site blocks bots"
)
LINK_FRAGMENT = _rule("link-fragment", Severity.ERROR, "a link to a #fragment the page lacks")
LINK_SOFT_404 = _rule(
    "link-soft-404", Severity.WARNING, "a link to a page that answers 200 but says not found"
)
LINK_UNCHECKED = _rule("link-unchecked", Severity.INFO, "a link not checked in this run")
LINK_EXCEPTION_EXPIRED = _rule(
    "link-exception-expired", Severity.WARNING, "a link exception in the config past its expiry"
)
PROBE_RULES = (
    LINK_BROKEN,
    LINK_REDIRECT,
    LINK_TIMEOUT,
    LINK_ERROR,
    LINK_BLOCKED,
    LINK_FRAGMENT,
    LINK_SOFT_404,
    LINK_UNCHECKED,
)
RULES = (*PROBE_RULES, LINK_EXCEPTION_EXPIRED)
RULE_OF = {
    Verdict.BROKEN: LINK_BROKEN,
    Verdict.REDIRECT: LINK_REDIRECT,
    Verdict.TIMEOUT: LINK_TIMEOUT,
    Verdict.ERROR: LINK_ERROR,
    Verdict.BLOCKED: LINK_BLOCKED,
    Verdict.BROKEN_FRAGMENT: LINK_FRAGMENT,
    Verdict.SOFT_404: LINK_SOFT_404,
    Verdict.UNCHECKED: LINK_UNCHECKED,
}


@corpus_check(*PROBE_RULES)
def links(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    if not context.links:
        return  # nothing was probed: a plain `validate`
    running = {rule.id for rule in context.rules}
    for entry, _field, text in texts(corpus):
        for url, raw, start in in_text(text.value):
            result = context.links.get(url)
            rule = RULE_OF.get(result.verdict) if result is not None else None
            if result is None or rule is None or rule.id not in running:
                continue
            fix = None
            if result.verdict is Verdict.REDIRECT and result.final_url:
                fix = text.fix(start, len(raw), result.final_url, f"write {result.final_url}")
            yield problem_at(
                entry, text, start, len(raw), message(raw, result), fix=fix, rule=rule.id
            )


@corpus_check(LINK_EXCEPTION_EXPIRED)
def expired_exceptions(_corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    """Each `links: rules:` exception whose day has passed, at its `expires` in the config.
    Only in a run of `faq-audit links`, like the other link rules: that is where
    the exceptions apply."""
    if not context.links:
        return
    exclusions = Exclusions.from_config(context.config.links, dt.date.today())
    for rule in exclusions.expired():
        at = context.config.where("links", "rules", rule.index, "expires")
        yield Problem(expiry_message(rule), at)


def message(shown: str, result: LinkResult) -> str:
    """What a link's result means for the reader, with the fix where there is one."""
    detail = result.error or (f"HTTP {result.status}" if result.status else "")
    match result.verdict:
        case Verdict.BROKEN:
            return f"link {shown} is broken ({detail or 'no page'})"
        case Verdict.REDIRECT:
            return (
                f"link {shown} has moved permanently to {result.final_url}: write the new address"
            )
        case Verdict.TIMEOUT:
            return f"link {shown} did not answer in time ({detail or 'timed out'})"
        case Verdict.ERROR:
            return f"link {shown} could not be reached: {detail or 'unknown error'}"
        case Verdict.BLOCKED:
            return (
                f"link {shown} could not be verified: the site blocks automated checks "
                f"({detail or 'blocked'}); check it by hand"
            )
        case Verdict.BROKEN_FRAGMENT:
            return f"link {shown} points to a part of the page that does not exist ({detail})"
        case Verdict.SOFT_404:
            return f"link {shown} answers, but its page says it was not found"
        case _:
            return f"link {shown} was not checked in this run ({detail or 'deferred'})"
