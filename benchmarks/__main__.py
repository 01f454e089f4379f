"""``python -m benchmarks``: build (once) the big shop, measure every figure, print the table."""

import sys

from benchmarks.suite import main

sys.exit(main())
