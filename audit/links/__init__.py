"""Link probing: extraction of URLs, the prober, its safety guard and the history.

A layer of its own, below the rules: rules may read its results, it never imports
a rule (an import-linter contract in pyproject.toml says so). The link audit
(`faq-audit links`) fills it.
"""
