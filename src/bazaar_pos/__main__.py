"""Run Bazaar POS with ``python -m bazaar_pos``."""

import sys

from bazaar_pos.cli import main

sys.exit(main())
