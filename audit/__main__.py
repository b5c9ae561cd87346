"""`python -m audit` is the same as `faq-audit`."""

from audit.cli import main

raise SystemExit(main())
