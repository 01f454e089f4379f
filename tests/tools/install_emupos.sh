#!/usr/bin/env bash
# Install the emupos ESC/POS printer simulator into .venv-emupos (it needs Python 3.13 or newer).
# The receipt tests start it; EMUPOS_BIN may point at another installation instead.
set -euo pipefail
EMUPOS_VERSION="0.4.0"
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.venv-emupos"
if [ -x "$venv/bin/emupos" ] && "$venv/bin/emupos" --version 2>/dev/null | grep -q "$EMUPOS_VERSION"; then
  exit 0
fi
python=""
for candidate in "${EMUPOS_PYTHON:-}" python3.13 python3.14 "$HOME/.pyenv/versions/3.13.0/bin/python"; do
  [ -n "$candidate" ] || continue
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
if [ -z "$python" ] && command -v pyenv >/dev/null 2>&1; then
  python=$(PYENV_VERSION=3.13.0 pyenv which python 2>/dev/null || true)
fi
if [ -z "$python" ]; then
  echo "install_emupos.sh: no Python 3.13 found (set EMUPOS_PYTHON)." >&2
  exit 1
fi
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "emupos==$EMUPOS_VERSION"
"$venv/bin/emupos" --version
