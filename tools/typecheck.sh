#!/usr/bin/env bash
# mypy on the installed package layout: graph/, ontology/ and exporters/ are the packages
# councilgraph.graph, councilgraph.ontology and councilgraph.exporters (pyproject's package-dir),
# which mypy cannot map from the folders, so a folder of links gives it that layout.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .typecheck/councilgraph
for pkg in graph ontology exporters; do ln -sfn "../../$pkg" ".typecheck/councilgraph/$pkg"; done
cd .typecheck
MYPYPATH=. exec ../.venv/bin/mypy --config-file ../pyproject.toml -p councilgraph
