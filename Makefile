# Công Sở — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test lint lint-imports typecheck format browser-test clean messages

$(STAMP): requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python ≥ 3.11 (Python ≥ 3.11 required)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/congso compile_translations
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/congso compile_translations
	$(BIN)/congso demo --port $(PORT)

test: $(STAMP)
	$(BIN)/congso compile_translations
	$(BIN)/pytest -q -n 2 -m "not browser"

browser-test: $(STAMP)
	$(BIN)/congso compile_translations
	$(BIN)/pytest -q -m browser -p no:xdist

lint: $(STAMP) lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy with django-stubs on every rules, services, selectors and policy module ([tool.mypy]).
typecheck: $(STAMP)
	$(BIN)/mypy

# The layer contract of design.md §4 (pyproject.toml [tool.importlinter]).
lint-imports: $(STAMP)
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)
	cd congso && for app in common org accounts conduct surveys cases inspections dissemination evaluation emulation reports portal; do \
	  (cd $$app && ../../$(BIN)/congso makemessages -l en --no-obsolete --no-location >/dev/null); done
	$(BIN)/congso compile_translations

clean:
	rm -rf $(VENV) var
