#!/usr/bin/env bash
# The most common developer install works: `pip install -e .` in a fresh virtual environment, in
# pip's default (lenient) editable mode and in strict mode, then a build of the bundled samples.
# CI runs this after the tests (.ci/run); it needs the package index the machine uses.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for mode in lenient strict; do
  python3 -m venv "$work/$mode"
  "$work/$mode/bin/python" -m pip install --quiet --upgrade "pip>=25"
  if [ "$mode" = strict ]; then
    "$work/$mode/bin/python" -m pip install --quiet -e . --config-settings editable_mode=strict
  else
    "$work/$mode/bin/python" -m pip install --quiet -e .
  fi
  (cd "$work" && "$work/$mode/bin/councilgraph" build --out "$work/out-$mode" -q --format ttl >/dev/null)
  test -s "$work/out-$mode/graph.ttl"
  echo "pip install -e . ($mode): councilgraph build works"
done
