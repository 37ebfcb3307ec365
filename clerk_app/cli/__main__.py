"""`python -m clerk_app.cli …`: the same as the `clerk` script (tests start servers this way)."""

import sys

from clerk_app.cli import main

sys.exit(main())
