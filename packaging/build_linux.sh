#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller and smoke-run it:
# --version, a products import into a fresh database, and the GUI starting offscreen.
#   bash packaging/build_linux.sh        -> dist/bazaar-pos/bazaar-pos
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUILD_VENV="$ROOT/.venv-build"
python3 -m venv "$BUILD_VENV"
"$BUILD_VENV/bin/pip" install --quiet --disable-pip-version-check "$ROOT" "pyinstaller>=6.10,<7"
"$BUILD_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build" packaging/pyinstaller/bazaar-pos.spec

APP="$ROOT/dist/bazaar-pos/bazaar-pos"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
echo "smoke: version"
"$APP" --version
echo "smoke: products import"
"$APP" --db "$SMOKE/shop.sqlite" products import resources/demo/products.csv
"$APP" --db "$SMOKE/shop.sqlite" check
echo "smoke: GUI starts offscreen"
QT_QPA_PLATFORM=offscreen BAZAAR_POS_QUIT_AFTER_MS=1500 "$APP" --db "$SMOKE/shop.sqlite"
echo "Built $APP"
