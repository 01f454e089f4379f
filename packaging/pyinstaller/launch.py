"""Entry script for the frozen app built by PyInstaller."""

import sys

from bazaar_pos.cli import main

sys.exit(main())
