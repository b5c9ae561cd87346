"""Email addresses in questions and answers: valid, normalized, consistent, no typo'd domains.

Addresses are found in the text and in `mailto:` links; a sentence period
after an address is not part of it. Each is checked with email_validator,
without DNS, so an audit never touches the network.

- `email-invalid`: the address cannot receive mail as written; the message
  gives the reason. A near-address says what to change: a comma where the
  domain's dot belongs, two @-signs, a space after the @-sign.

      answer: Write to customercare@imageskincare.     # email-invalid
      answer: Write to help@example,com.               # email-invalid: write "example.com"
      answer: Write to customercare@imageskincare.com. # passes

  Things that only look like addresses are not addresses, for any of these
  rules: a chat channel (`#fedora@libera.chat`), a handle (`@brand`), a Git
  remote (`git@github.com:org/repo.git`), a user in a web address
  (`ssh://git@example.com`), and anything in a code span (`` `git@github.com` ``).

- `email-format`: the address is written in a form that normalizes
  differently, such as an upper-case domain. `faq-audit fix` writes the
  normalized form (the part before the @ keeps its case).

      answer: Write to CustomerCare@ImageSkincare.COM.  # email-format
      answer: Write to CustomerCare@imageskincare.com.  # passes

- `email-inconsistent`: two addresses are given for the same department, with
  the same purpose logic as `phone-inconsistent`: a contact's `email` in the
  config is the right one; without contacts, the address given most often.

      answer: Email customer care at care@example.com.       # in one entry
      answer: Email customer care at help@example.com.       # email-inconsistent
      answer: Email billing at billing@example.com.          # passes: another department

  With or without a department named, an address given once whose mailbox
  is a near copy of one given at least three times at the same domain (a
  letter dropped, added, or two neighbouring letters swapped: `suport@`
  for `support@`) is reported too, naming the usual address and where it is
  first given, unless its sentence names another department. Mailboxes
  shorter than four letters, and ones that differ by a digit, are different
  people's. A slip in the domain is `email-domain-typo`'s.

      answer: Email support@example.com. We read support@example.com daily.
      answer: Write to support@example.com about an order.
      answer: Email suport@example.com about a return.       # email-inconsistent

- `email-domain-typo`: the domain is one or two typing slips (a wrong,
  missing, extra or swapped letter) away from a common provider's domain (the
  `providers` option) or from the content's own domain (the config contacts'
  addresses, the website addresses in the content, and the domain most other
  addresses use), and is not itself one of them. Short names ("aol", "msn")
  are too close to real other domains to judge, and a different real
  top-level domain ("example.de" for "example.com") is not a slip.

      answer: Our shop is at https://imageskincare.com      # the content's own domain
      answer: Email us at customercare@imageskincare.con.   # email-domain-typo
      answer: Email us at jane@gmial.com.                   # email-domain-typo
      answer: Email us at customercare@imageskincare.com.   # passes

  Like `email-inconsistent`, it compares entries: the domain most addresses
  use and the website addresses can stand in any file, so it is judged once
  every file is read. Judged file by file, a typo in a file of its own would
  go unreported, and a report would depend on how the content is split into
  files. It costs nothing extra there: `email-inconsistent` reads every
  address of the run in the same pass.

  Each domain is compared with the others of a similar length. Content that
  names thousands of different domains is compared up to a bound (some
  millions of letter pairs, about half a second); then the check stops, and
  says so once, at the first address it did not check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from audit.config import Config
from audit.extract.emails import EmailMatch, find_emails, normalize
from audit.extract.purposes import DEFAULT_PURPOSES, Vocabulary, assign_purposes, display
from audit.extract.urls import web_domains
from audit.model import Corpus, Entry, Fix, Problem, Severity, SourceFile, TextField
from audit.rules import Option, Rule, RuleContext, Scope, corpus_check, entry_check
from audit.rules._contacts import Sighting, inconsistencies
from audit.rules._fields import problem_at, texts

# Common mailbox providers: their domains are never typos, and typos of them are.
# fmt: off
PROVIDERS = [
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk",
    "yahoo.ca", "yahoo.de", "yahoo.fr", "outlook.com", "hotmail.com", "hotmail.co.uk",
    "hotmail.ca", "hotmail.de", "hotmail.fr", "live.com", "live.co.uk", "live.ca", "msn.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "proton.me", "pm.me",
    "mail.com", "email.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "t-online.de",
    "zoho.com", "fastmail.com", "yandex.com", "comcast.net", "verizon.net", "att.net",
    "sbcglobal.net", "cox.net", "charter.net", "earthlink.net", "btinternet.com", "sky.com",
    "virginmedia.com", "orange.fr", "free.fr", "shaw.ca", "rogers.com", "bigpond.com",
]
# fmt: on

EMAIL_INVALID = Rule("email-invalid", Severity.ERROR, "an email address is not valid", Scope.ENTRY)
EMAIL_FORMAT = Rule(
    "email-format",
    Severity.WARNING,
    "an email address is not in its normalized form",
    Scope.ENTRY,
    fixable=True,
)
EMAIL_INCONSISTENT = Rule(
    "email-inconsistent",
    Severity.WARNING,
    "two different email addresses are given for the same department, or one given once "
    "looks like a typo of the usual one",
    Scope.CORPUS,
    options=(Option("purposes", tuple(DEFAULT_PURPOSES)),),
)
EMAIL_DOMAIN_TYPO = Rule(
    "email-domain-typo",
    Severity.ERROR,
    "an email address's domain looks like a typo of a well-known or the content's own domain",
    Scope.CORPUS,
    options=(Option("providers", tuple(PROVIDERS)),),
)
RULES = (EMAIL_INVALID, EMAIL_FORMAT, EMAIL_INCONSISTENT, EMAIL_DOMAIN_TYPO)

MAX_EDITS = 2
MIN_NAME = 5  # "aol" and "aon", "msn" and "msm": short names are all real
# Top-level domains that are slips for com or net, even those that are real (co, cm, om, ne).
_SLIP_TLDS = frozenset({"co", "cm", "om", "ne", "con", "cmo", "ocm", "comm", "vom", "xom", "nte"})
# Real top-level domains besides the two-letter country codes.
# fmt: off
_GENERIC_TLDS = frozenset({
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "io", "ai",
    "app", "dev", "me", "tv", "cc", "eu", "uk", "shop", "store", "online", "site", "xyz",
    "tech", "health", "clinic", "bank", "law", "travel",
})
# fmt: on


@dataclass(frozen=True, slots=True)
class Found:
    """An address and the entry and field it was found in."""

    entry: Entry
    text: TextField
    email: EmailMatch


@entry_check(EMAIL_INVALID, EMAIL_FORMAT)
def email_addresses(source: SourceFile, context: RuleContext) -> Iterator[Problem]:
    """Each address on its own: can it receive mail, is it in its normalized form."""
    for entry, _field, text in texts(source):
        for email in find_emails(text.value):
            item = Found(entry, text, email)
            if not email.valid:
                yield _invalid(item)
            elif email.normalized != email.raw:
                yield _format(item)


@corpus_check(EMAIL_INCONSISTENT, EMAIL_DOMAIN_TYPO)
def email_addresses_compared(corpus: Corpus, context: RuleContext) -> Iterator[Problem]:
    """The addresses of every entry compared: per department, and domain by domain."""
    config = context.config
    vocabulary = Vocabulary.build(
        config.contacts, context.options_of(EMAIL_INCONSISTENT)["purposes"]
    )
    consistency = context.runs(EMAIL_INCONSISTENT)
    found: list[Found] = []
    sightings: list[Sighting] = []
    websites: list[str] = []
    for entry, _field, text in texts(corpus):
        emails = find_emails(text.value)
        websites += web_domains(text.value)
        if not emails:
            continue
        found += [Found(entry, text, email) for email in emails]
        if not consistency:
            continue
        compared = [e for e in emails if e.valid and not e.in_link]
        purposes = assign_purposes(text.value, [(e.start, e.end) for e in compared], vocabulary)
        for email, (purpose, clause) in zip(compared, purposes, strict=True):
            shown = email.normalized or email.raw
            sightings.append(
                Sighting(
                    entry, text, email.start, email.end, shown.casefold(), shown, purpose, clause
                )
            )
    domains = _Domains.build(
        config, context.options_of(EMAIL_DOMAIN_TYPO), websites, [f.email for f in found]
    )
    comparing = context.runs(EMAIL_DOMAIN_TYPO)  # until the comparisons run out, in order
    for item in found:
        if not comparing or not item.email.valid:
            continue
        try:
            typo = domains.typo_of(item.email.domain)
        except _TooManyDomainsError:
            comparing = False
            yield _not_compared(item, domains)
            continue
        if typo is not None:
            yield _typo(item, *typo)
    yield from inconsistencies(
        sightings,
        _contact_addresses(config),
        config,
        noun="address",
        rule=EMAIL_INCONSISTENT.id,
        slip=mailbox_slip,
    )


MIN_MAILBOX = 4  # "tom@" and "tim@", "ann@" and "an@": short mailboxes are different people


def mailbox_slip(usual: str, odd: str) -> str | None:
    """How `odd` is `usual` mistyped in its mailbox (the part before the @-sign), at the
    same domain: a letter dropped or added, or two neighbouring letters swapped. A changed
    letter or digit names another mailbox as often as it is a slip, so it is not one."""
    mine, _, domain = odd.rpartition("@")
    theirs, _, usual_domain = usual.rpartition("@")
    if domain != usual_domain or min(len(mine), len(theirs)) < MIN_MAILBOX:
        return None
    if len(mine) + 1 == len(theirs) and _dropped(theirs, mine):
        return "a letter is missing"
    if len(mine) == len(theirs) + 1 and _dropped(mine, theirs):
        return "it has a letter more"
    if len(mine) != len(theirs):
        return None
    differ = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    if len(differ) == 2 and differ[1] == differ[0] + 1:
        i = differ[0]
        if mine[i] == theirs[i + 1] and mine[i + 1] == theirs[i] and mine[i : i + 2].isalpha():
            return "two letters are swapped"
    return None


def _dropped(longer: str, shorter: str) -> bool:
    """Whether `shorter` is `longer` with one letter (not a digit or a dot) left out."""
    i = next(
        (i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter)
    )
    return longer[i].isalpha() and longer[:i] + longer[i + 1 :] == shorter


def _invalid(item: Found) -> Problem:
    email = item.email
    if email.repair is not None:
        return _at(
            item, f'"{email.raw}" is not a valid email address: {email.slip}', EMAIL_INVALID.id
        )
    reason = (email.reason or "it is not in the form name@example.com").strip()
    reason = reason[:1].lower() + reason[1:]
    return _at(
        item,
        f'"{email.raw}" is not a valid email address: {reason} Write the address customers '
        "should use.",
        EMAIL_INVALID.id,
    )


def _format(item: Found) -> Problem:
    email = item.email
    wanted = email.normalized or email.raw
    local = email.raw.rpartition("@")[0]
    if email.raw.lower() != wanted.lower():
        why = "its normalized form"
    elif local == wanted.rpartition("@")[0]:
        why = "the domain in lower case"
    else:  # email_validator lower-cases role names such as Sales@ and Info@ as well
        why = "in lower case"
    length = email.end - email.start
    return _at(
        item,
        f'write "{email.raw}" as "{wanted}" ({why})',
        EMAIL_FORMAT.id,
        fix=item.text.fix(email.start, length, wanted, f'write the address as "{wanted}"'),
    )


def _typo(item: Found, intended: str, why: str) -> Problem:
    domain = item.email.domain
    return _at(
        item,
        f'"{domain}" looks like a typo of "{intended}" ({why}); check the address and correct it',
        EMAIL_DOMAIN_TYPO.id,
    )


def _not_compared(item: Found, domains: _Domains) -> Problem:
    return _at(
        item,
        "faq-audit stopped looking for typos in email domains here: there are "
        f"{len(domains.used):,} domains in addresses and {len(domains.trusted):,} trusted "
        "domains (providers, contacts, websites), too many to compare each with the others; "
        "check the domains of this and the later addresses by hand",
        EMAIL_DOMAIN_TYPO.id,
    )


def _at(item: Found, message: str, rule: str, fix: Fix | None = None) -> Problem:
    email = item.email
    return problem_at(
        item.entry, item.text, email.start, email.end - email.start, message, fix=fix, rule=rule
    )


def _contact_addresses(config: Config) -> dict[str, tuple[str, str]]:
    """Each contact's address from the config: how it is compared, and how it is shown."""
    addresses = {}
    for contact in config.contacts:
        normalized = normalize(contact.email) if contact.email else None
        if normalized is not None:
            addresses[contact.name] = (normalized.casefold(), normalized)
    return addresses


# --------------------------------------------------------------------------- domain typos


# A domain is compared with every trusted and used domain of a similar length, one
# dynamic-programming cell per pair of characters. Real content needs some thousands of
# cells; content that names thousands of domains would need billions (1,000 domains took
# 35 s). Past this many cells in one run, the rest are not compared, and the run says so.
MAX_COMPARISON_CELLS = 2_000_000


class _TooManyDomainsError(Exception):
    """The comparisons of domains ran past MAX_COMPARISON_CELLS."""


@dataclass(frozen=True, slots=True)
class _Domains:
    """The domains an address's domain may be a slip of, and why each is trusted."""

    trusted: dict[str, str]  # provider, contact or website domain → why it is right
    used: Counter[str]  # domains of the content's own valid addresses
    memo: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    owners: _Owners = field(default_factory=lambda: _Owners(()))
    by_length: dict[int, list[str]] = field(default_factory=dict)  # trusted, then used
    budget: list[int] = field(default_factory=lambda: [MAX_COMPARISON_CELLS])

    @classmethod
    def build(
        cls,
        config: Config,
        options: Mapping[str, Any],
        websites: Iterable[str],
        emails: Sequence[EmailMatch],
    ) -> _Domains:
        raw = options.get("providers", PROVIDERS)
        trusted = {str(p).lower(): "a common email provider" for p in raw if isinstance(p, str)}
        for site in websites:
            trusted.setdefault(site, "the domain of the website addresses in the content")
        for contact in config.contacts:
            normalized = normalize(contact.email) if contact.email else None
            if normalized is not None:
                domain = normalized.rpartition("@")[2].lower()
                trusted[domain] = f"the domain of {display(contact.name)}'s address"
        used = Counter(email.domain for email in emails if email.valid)
        by_length: dict[int, list[str]] = {}
        for domain in [*trusted, *(d for d in used if d not in trusted)]:
            by_length.setdefault(len(domain), []).append(domain)
        return cls(trusted, used, owners=_Owners(trusted), by_length=by_length)

    def typo_of(self, domain: str) -> tuple[str, str] | None:
        """The domain `domain` was meant to be, and why that one is right; None if none.

        Raises _TooManyDomainsError when the comparisons it needs run past the budget.
        """
        if domain not in self.memo:
            self.memo[domain] = self._typo_of(domain)
        return self.memo[domain]

    def _typo_of(self, domain: str) -> tuple[str, str] | None:
        if domain in self.trusted or self.owners.share(domain):
            return None
        references = list(self._references(domain))
        cost = sum(len(domain) * len(reference) for reference, _why in references)
        if cost > self.budget[0]:
            raise _TooManyDomainsError(domain)
        self.budget[0] -= cost
        best: tuple[tuple[int, int, int, str], str, str] | None = None
        for reference, why in references:
            distance = slip_distance(domain, reference)
            if distance is None:
                continue
            rank = (distance, -int(reference in self.trusted), -self.used[reference], reference)
            if best is None or rank < best[0]:
                best = (rank, reference, why)
        return None if best is None else (best[1], best[2])

    def _references(self, domain: str) -> Iterator[tuple[str, str]]:
        """The trusted and used domains that `domain` could be a slip of: only those of a
        length within MAX_EDITS of its own can be (see `slip_distance`)."""
        mine = self.used[domain]
        for length in range(len(domain) - MAX_EDITS, len(domain) + MAX_EDITS + 1):
            for other in self.by_length.get(length, ()):
                why = self.trusted.get(other)
                if why is not None:
                    yield other, why
                    continue
                count = self.used[other]
                if count <= mine or _tld(other) in _SLIP_TLDS:
                    continue  # the most used own domain is the reference, never the rarer one
                if not _same_owner(domain, other):
                    plural = "es" if count != 1 else ""
                    yield other, f"the domain of {count} other address{plural} in the content"


class _Owners:
    """Trusted domains by their labels from the right, to tell in the time of one
    domain's labels whether it shares an owner with any of them (see `_same_owner`);
    asking each trusted domain in turn made content with many domains quadratic."""

    def __init__(self, domains: Iterable[str]) -> None:
        self._root: dict[str | None, Any] = {}
        self._last_two: set[tuple[str, ...]] = set()
        for domain in domains:
            labels = domain.split(".")
            node = self._root
            for label in reversed(labels):
                node = node.setdefault(label, {})
            node[None] = {}  # a trusted domain ends here
            if len(labels) > 2:
                self._last_two.add(tuple(labels[-2:]))

    def share(self, domain: str) -> bool:
        """Whether a trusted domain ends with "." + `domain`, `domain` ends with "." + a
        trusted domain, or both have more than two labels and the same last two."""
        labels = domain.split(".")
        if len(labels) > 2 and tuple(labels[-2:]) in self._last_two:
            return True
        node = self._root
        for depth, label in enumerate(reversed(labels), 1):
            child: dict[str | None, Any] | None = node.get(label)
            if child is None:
                return False
            node = child
            if depth < len(labels) and None in node:
                return True  # a trusted domain is a dot-suffix of this one
        return any(key is not None for key in node)  # a trusted domain extends this one


def slip_distance(domain: str, reference: str) -> int | None:
    """How many typing slips turn `reference` into `domain`, when that is a plausible slip.

    Two real domains are often one letter apart ("aol.com", "aon.com"), so the
    name must be long enough that one slip in four letters is still a slip,
    and a real top-level domain ("example.de") is a choice, not a slip.
    """
    if abs(len(domain) - len(reference)) > MAX_EDITS:
        return None
    distance = damerau_levenshtein(domain, reference)
    if distance == 0 or distance > MAX_EDITS:
        return None
    name, tld = domain.rpartition(".")[::2]
    ref_name, ref_tld = reference.rpartition(".")[::2]
    slipped_tld = tld != ref_tld and (tld in _SLIP_TLDS or not _real_tld(tld))
    if name == ref_name:
        return distance if slipped_tld else None
    if tld != ref_tld and not slipped_tld:
        return None
    if len(ref_name) < MIN_NAME or damerau_levenshtein(name, ref_name) > len(ref_name) // 4:
        return None
    return distance


def damerau_levenshtein(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; each counts one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _tld(domain: str) -> str:
    return domain.rpartition(".")[2]


def _real_tld(tld: str) -> bool:
    """A generic top-level domain, or a country's (libphonenumber knows every country code)."""
    return tld in _GENERIC_TLDS or (len(tld) == 2 and tld.upper() in phonenumbers.SUPPORTED_REGIONS)


def _same_owner(domain: str, other: str) -> bool:
    """mail.example.com and example.com, or shop.example.com: one organisation's names."""
    if domain.endswith("." + other) or other.endswith("." + domain):
        return True
    mine, theirs = domain.split("."), other.split(".")
    return len(mine) > 2 and len(theirs) > 2 and mine[-2:] == theirs[-2:]
