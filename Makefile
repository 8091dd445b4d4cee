# trialkg: `make demo` and `make test` work on a fresh machine (Python 3.11+ and make).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STORE  ?= .trialkg/store
N      ?= 20000

.PHONY: setup demo test lint typecheck bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(KG) build seeds/ --store $(STORE)
	$(KG) stats --store $(STORE)
	$(KG) query trials --store $(STORE)
	$(KG) query trial-drugs --store $(STORE)
	$(KG) query trials-by-drug --param drug=AK105 --store $(STORE)
	$(KG) query trials-by-target --param target=VEGFR2 --store $(STORE)
	$(KG) query trials-by-condition --param condition="small cell lung cancer" --store $(STORE)
	$(KG) query cited-evidence --store $(STORE)
	$(KG) show NCT05001971 --store $(STORE)
	$(KG) validate --store $(STORE)

lint: setup
	$(VENV)/bin/ruff check kg tests benchmarks
	$(VENV)/bin/ruff format --check kg tests benchmarks

typecheck: setup
	$(VENV)/bin/mypy kg

test: setup lint typecheck
	$(PY) -m pytest -q -W ignore::DeprecationWarning

bench: setup
	$(PY) benchmarks/bench.py --n $(N) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .trialkg .pytest_cache .mypy_cache
