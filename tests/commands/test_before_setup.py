"""The command line works on a shop never set up, and never opens the first-time setup."""

import os
import subprocess
import sys

from bazaar_pos.services.shop import Shop


def test_the_command_line_never_shows_the_setup(db_path):
    script = (
        "import sys\n"
        "from bazaar_pos.cli import main\n"
        f"codes = [main(['--db', r'{db_path}', 'check']),"
        f" main(['--db', r'{db_path}', 'products', 'export', r'{db_path.with_suffix('.csv')}'])]\n"
        "print(codes, 'PySide6' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.splitlines()[-1] == "[0, 0] False", done.stderr
    reopened = Shop.open(db_path)
    try:
        assert reopened.settings.needs_setup()
    finally:
        reopened.close()
