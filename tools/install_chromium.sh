#!/usr/bin/env bash
# Install Debian's Chromium for the browser test (tests/exporters/test_browser.py), if missing.
# Needs root or sudo; without either it says so and the browser tests skip (CI requires them).
# When another process holds the package manager's lock (an unattended upgrade, another install),
# apt waits for it (DPkg::Lock::Timeout) and the whole step is retried a few times, saying so.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "chromium: not installed and no root/sudo; browser tests will skip" >&2
  exit 0
fi
WAIT=${COUNCILGRAPH_APT_LOCK_WAIT:-300}   # seconds apt waits for a held lock, per attempt
TRIES=${COUNCILGRAPH_APT_TRIES:-3}
echo "installing Debian chromium and chromium-driver for the browser test" >&2
for try in $(seq 1 "$TRIES"); do
  if $SUDO apt-get -o DPkg::Lock::Timeout="$WAIT" update -qq \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout="$WAIT" \
      install -y -qq chromium chromium-driver >/dev/null; then
    exit 0
  fi
  if [ "$try" -lt "$TRIES" ]; then
    echo "chromium: apt failed (attempt $try of $TRIES; another process may hold its lock); retrying in 20 s" >&2
    sleep 20
  fi
done
echo "chromium: could not install after $TRIES attempts" >&2
exit 1
