"""Pure text helpers, each job in one place: sentences, phrases as patterns, folding, Markdown.

The rules and the extractors read prose the same way because they ask these
modules: where a sentence ends (`sentences`), how a list of words becomes one
pattern that finds them (`phrases`), what makes two texts the same text
(`normalize`), and what an answer's Markdown shows and links to (`markdown`).
Nothing here knows of rules, config, findings or YAML; a function takes a
string and returns offsets into it, or a string.
"""
