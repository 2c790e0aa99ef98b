# One verb per task. PY is the project's virtual environment.
PY ?= .venv/bin/python

.PHONY: setup browser run test lint bench clean

.venv/bin/python:
	python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade "pip>=25"

setup: .venv/bin/python
	$(PY) -m pip install --quiet -e '.[test,dev]' --config-settings editable_mode=strict

run: setup
	.venv/bin/councilgraph build --out out

browser:
	bash tools/install_chromium.sh

test: setup browser
	$(PY) -m pytest

lint: setup
	.venv/bin/ruff check graph ontology exporters tests tools benchmarks

bench: setup
	$(PY) benchmarks/bench_pipeline.py

clean:
	rm -rf build out .pytest_cache
