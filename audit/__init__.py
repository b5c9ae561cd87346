"""faq-audit: keep a customer FAQ true.

The package is organised as a one-way pipeline: ``loader`` turns files into
entries with source positions, ``checks`` turn entries into findings, and
``reporters`` turn the result into text. Only ``cli`` prints or exits.
"""

__version__ = "0.1.0"
