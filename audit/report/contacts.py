"""Every phone number and email address the FAQ gives, in normalized form, with each place.

The same extraction the phone and email rules use (`audit.extract`), and the
house style of the config, so "(800) 796 - 7546" and "800.796.7546" show as one
number with two ways of writing it; a number that is a department's canonical
one (the config's `contacts:`) says whose it is.
"""

from __future__ import annotations

from audit.config import Config
from audit.extract.emails import find_emails, normalize
from audit.extract.phones import find_phones
from audit.model import Corpus, Position
from audit.report.model import ContactRow, Place

FIELDS = ("question", "answer")


def contacts(corpus: Corpus, config: Config) -> tuple[ContactRow, ...]:
    """Phone numbers first, then addresses, each in order of first appearance."""
    region, style = config.region, config.phone_style
    owners = _owners(config)
    found: dict[tuple[str, str], tuple[bool, list[Place]]] = {}
    for entry in corpus.entries:
        for name in FIELDS:
            text = entry.texts.get(name)
            if text is None:
                continue
            for phone in find_phones(text.value, region):
                shown = phone.formatted(style, region) if phone.valid else phone.raw
                place = _place(text.position_of(phone.start), entry.id, phone.raw)
                found.setdefault(("phone", shown), (phone.valid, []))[1].append(place)
            for email in find_emails(text.value):
                shown = email.normalized or email.raw
                place = _place(text.position_of(email.start), entry.id, email.raw)
                found.setdefault(("email", shown), (email.valid, []))[1].append(place)
    rows = [
        ContactRow(kind, value, valid, owners.get((kind, value)), tuple(places))
        for (kind, value), (valid, places) in found.items()
    ]
    return tuple(sorted(rows, key=lambda row: row.kind != "phone"))


def _owners(config: Config) -> dict[tuple[str, str], str]:
    """(kind, normalized value) → the department the config gives it to."""
    owners: dict[tuple[str, str], str] = {}
    for contact in config.contacts:
        for phone in find_phones(contact.phone or "", config.region)[:1]:
            owners["phone", phone.formatted(config.phone_style, config.region)] = contact.name
        address = normalize(contact.email) if contact.email else None
        if address:
            owners["email", address] = contact.name
    return owners


def _place(position: Position, entry: str | None, written: str) -> Place:
    return Place(f"{position.path}:{position.line}", entry, written)
