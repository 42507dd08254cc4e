"""`python -m ownersrep` does what the `ownersrep` command does."""

import sys

from ownersrep.cli import main

sys.exit(main())
