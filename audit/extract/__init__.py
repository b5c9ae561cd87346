"""What a text states, as typed spans: phone numbers, addresses, links, amounts.

Each module takes a text (a scalar's value) and returns frozen dataclasses
with offsets into it: `phones`, `emails`, `urls` (bare addresses, Markdown
and HTML links), `purposes` (the department named next to a contact detail),
and the amounts, durations and clock times the policy checks read. Nothing
here yields a finding or reads the config: a rule decides what a span means
for the content and reports it, so one span serves several rules.
"""
