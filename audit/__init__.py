"""faq-audit: keep a customer FAQ true.

The package flows one way, in layers that import only from those below them
(import-linter contracts in pyproject.toml keep it so): ``source`` turns files
into entries with positions, ``rules`` turn entries into problems, the ``engine``
runs them, ``findings`` stamps, suppresses, sorts and fingerprints, and
``reporters`` turn the result into text. Only ``cli`` and ``commands`` print or exit.
"""

__version__ = "0.1.0"
