# One verb per task. PY is the project's virtual environment.
PY ?= .venv/bin/python

.PHONY: setup browser run test check lint bench bench-serve fuzz screenshot clean

.venv/bin/python:
	python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade "pip>=25"

setup: .venv/bin/python
	$(PY) -m pip install --quiet -e '.[test,dev]'
	$(PY) tools/owl_profile.py --fetch

run: setup
	.venv/bin/councilgraph build --out out

browser:
	bash tools/install_chromium.sh

test: setup browser lint
	$(PY) -m pytest

# Everyday: lint and every test not marked slow (pyproject's markers), in under 3 minutes on two
# cores. make test (and CI, .ci/run) still runs everything.
check: lint
	$(PY) -m pytest -m "not slow" -q

lint: setup
	.venv/bin/ruff check graph ontology exporters tests tools benchmarks
	.venv/bin/ruff format --check graph ontology exporters tests tools benchmarks
	bash tools/typecheck.sh
	.venv/bin/lint-imports  # the layers and no import circles (pyproject's [tool.importlinter])

bench-serve: setup
	$(PY) benchmarks/bench_serve.py --count 500 --clients 50 --json benchmarks/serve.json

# The crash hunt (tools/fuzz.py): CASES recombined and damaged articles through extraction,
# resolution and the RDF builder; any internal error is printed with its seed and case number
# (and written to fuzz-crashes/). make fuzz CASES=5000 SEED=7 for a shorter or another run.
CASES ?= 100000
SEED ?= 1
fuzz: setup
	$(PY) tools/fuzz.py --cases $(CASES) --seed $(SEED)

SHARED ?= ../shared
screenshot: setup browser
	$(PY) tools/screenshot.py $(SHARED)/seeds $(SHARED)/corpus/dev/articles $(SHARED)/corpus/dev2/articles $(SHARED)/corpus/dev3/articles

bench: setup
	$(PY) benchmarks/bench_build.py --count 2000 --on-topic 1.0 --on-topic 0.1 --json benchmarks/latest.json

clean:
	rm -rf out .pytest_cache .typecheck .mypy_cache fuzz-crashes
