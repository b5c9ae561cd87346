"""`vague-link-text`: links carried by words that do not say where they go."""

from __future__ import annotations

from tests.rules.helpers import CONTENT, assert_findings, audit


def test_vague_link_text_on_a_bank_page() -> None:
    assert_findings(
        audit(CONTENT / "bank.yaml", ["vague-link-text"]),
        [
            ("vague-link-text", "open-account", 7, "'Read more'"),  # "Read more: https://…"
            ("vague-link-text", "find-branch", 14, "'here'"),  # <a href="…">here</a>
            ("vague-link-text", "mobile-app", 21, "'Tap here'"),  # no link in sight
            ("vague-link-text", "mobile-app", 23, "'this link'"),  # [this link](…)
            ("vague-link-text", "card-limits", 62, "'here'"),  # "here:" and the URL below
            # silent: "staff are here to help", "more than 300 ATMs", "available here at
            # every branch", "and more online", "pay bills and more", "Here's what it
            # costs", "For more information, call customer care", "Ask us for more
            # details on https://…" (words stand between "more" and the URL).
        ],
    )


def test_vague_link_text_phrases_are_options() -> None:
    path = CONTENT / "bank.yaml"
    assert (
        audit(path, ["vague-link-text"], {"vague-link-text": {"phrases": [], "anywhere": []}}) == []
    )
    found = audit(
        path, ["vague-link-text"], {"vague-link-text": {"phrases": [], "anywhere": ["here"]}}
    )
    assert [(f.entry, f.position.line) for f in found] == [
        ("open-account", 9),  # "staff are here to help"
        ("find-branch", 14),  # the link's text
        ("find-branch", 16),  # "available here at every branch"
        ("mobile-app", 21),  # "Tap here"
        ("card-limits", 62),  # "listed here:"
    ]
