#!/usr/bin/env bash
# Install Debian's Chromium for the browser test (tests/exporters/test_browser.py), if missing.
# Needs root or sudo; without either it says so and the browser tests skip (CI requires them).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "chromium: not installed and no root/sudo; browser tests will skip" >&2
  exit 0
fi
echo "installing Debian chromium and chromium-driver for the browser test" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
