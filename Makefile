# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= ../shared/corpus
# The demo article: the sample shipped with the package (written for the project).
DEMO   ?= tts/text/sample.md
AXE    := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: setup demo test lint typecheck pytest bench clean

setup: $(VENV)/.installed $(AXE)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev,silero]' \
		--config-settings editable_mode=compat  # a plain .pth: no import hook at start-up
	touch $@

# axe-core (the accessibility scan in the browser tests) comes from npm when npm is there;
# without it those tests are skipped locally (and fail in CI).
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

demo: setup
	$(BIN)/tts build $(DEMO) -o output

lint: setup
	$(BIN)/ruff check tts tests benchmarks
	$(BIN)/ruff format --check tts tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest -q

test: lint typecheck pytest

# The issue-7 targets as figures and ratios (about 6 minutes; --quick skips the book).
bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
