"""`python -m clerk_app.cli …` runs the command line (tests start it this way)."""

import sys

from clerk_app.cli import main

sys.exit(main())
