# Every target sets itself up: a fresh clone needs nothing but python3 (>= 3.11) and make.
PYTHON ?= python3
VENV := .venv
GEN_VENV := .venv-gen
DOCS_VENV := .venv-docs
DEMO_VENV := .venv-demo
BIN := $(VENV)/bin
GEN_BIN := $(GEN_VENV)/bin
DOCS_BIN := $(DOCS_VENV)/bin
DEMO_BIN := $(DEMO_VENV)/bin
PIP_FLAGS := --quiet --disable-pip-version-check

SPEC := openapi/gitlab-users.yaml
TEMPLATES := openapi/templates
GENERATED := gitlab_users_client/_generated
GEN_CHECK := build/gen-check/gitlab_users_client/_generated

.PHONY: help venv test test-steps lint format typecheck pytest matrix generate check-generated docs demo bench mutation clean

help:
	@echo "make test      lint, type-check, generated-code check, all tests, docs (strict), matrix"
	@echo "make matrix    the tests again on Python 3.11-3.13 and the lowest dependency versions"
	@echo "make demo      run the bulk admin demo against the bundled fake GitLab"
	@echo "make docs      build the documentation site into build/site"
	@echo "make generate  regenerate $(GENERATED) from $(SPEC)"
	@echo "make bench     run the benchmarks (see benchmarks/README.md)"
	@echo "make mutation  mutation-test the safety-critical modules (MODULES=\"_urls links\" for some)"

$(BIN)/.stamp: pyproject.toml requirements/dev.txt requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_FLAGS) -c requirements/constraints.txt -r requirements/dev.txt
	$(BIN)/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	touch $@

$(GEN_BIN)/.stamp: requirements/generator.txt requirements/generator-constraints.txt
	test -x $(GEN_BIN)/python || $(PYTHON) -m venv $(GEN_VENV)
	$(GEN_BIN)/pip install $(PIP_FLAGS) -c requirements/generator-constraints.txt -r requirements/generator.txt
	touch $@

# The docs toolchain (mkdocs, mkdocstrings) and the demo get their own small virtualenvs:
# neither needs the dev tools, and the demo's first run should not wait for them.
$(DOCS_BIN)/.stamp: requirements/docs.txt requirements/docs-constraints.txt
	test -x $(DOCS_BIN)/python || $(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_BIN)/pip install $(PIP_FLAGS) -c requirements/docs-constraints.txt -r requirements/docs.txt
	touch $@

$(DEMO_BIN)/.stamp: pyproject.toml requirements/constraints.txt
	test -x $(DEMO_BIN)/python || $(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_BIN)/pip install $(PIP_FLAGS) -c requirements/constraints.txt -e ".[testing]"
	touch $@

venv: $(BIN)/.stamp

# Generates into $(1) (a path ending in gitlab_users_client/_generated inside this
# tree, so the ruff post-hooks read this project's pyproject.toml either way).
define run_generator
	$(GEN_BIN)/python openapi/prepare.py $(SPEC) build/gitlab-users.prepared.json
	PATH="$(CURDIR)/$(GEN_BIN):$$PATH" $(GEN_BIN)/openapi-python-client generate \
		--path build/gitlab-users.prepared.json --config generator-config.yaml --meta none \
		--custom-template-path $(TEMPLATES) --output-path $(1) \
		--overwrite --fail-on-warning > build/generate.log 2>&1 \
		|| (cat build/generate.log; exit 1)
endef

generate: $(GEN_BIN)/.stamp
	@mkdir -p build
	$(call run_generator,$(GENERATED))
	@echo "generated $$(find $(GENERATED) -name '*.py' | wc -l) modules into $(GENERATED)"

check-generated: $(GEN_BIN)/.stamp
	@rm -rf build/gen-check && mkdir -p $(dir $(GEN_CHECK))
	@cp pyproject.toml build/gen-check/
	$(call run_generator,$(GEN_CHECK))
	@diff -r -x __pycache__ $(GEN_CHECK) $(GENERATED) \
		|| (echo "$(GENERATED) differs from what 'make generate' produces: run it and commit"; exit 1)
	@echo "generated code is in sync with $(SPEC)"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# pyright's --verifytypes checks what users' type checkers see of the public API (every
# exported name fully typed). It finds the package through the `python` on PATH (it
# ignores --pythonpath in this mode); PYRIGHT_PYTHON_IGNORE_WARNINGS=1 skips the wrapper's
# "newer version" look-up on PyPI, so the run needs no network (pyright and Node.js come
# as wheels, see requirements/dev.txt).
typecheck: venv
	@mkdir -p build
	$(BIN)/mypy
	$(BIN)/mypy tests examples
	PATH="$(CURDIR)/$(BIN):$$PATH" PYRIGHT_PYTHON_IGNORE_WARNINGS=1 \
		$(BIN)/pyright --verifytypes gitlab_users_client --ignoreexternal > build/verifytypes.log 2>&1 \
		|| (cat build/verifytypes.log; exit 1)
	@grep "completeness score" build/verifytypes.log

# The suite runs under coverage ([tool.coverage] in pyproject.toml), the CLI and the fake
# GitLab in their subprocesses too; the report lists what is left uncovered, and a total
# under the floor fails the run. COVERAGE_FILE is absolute so that subprocesses started
# in other directories write their data here.
pytest: venv
	@rm -rf build/coverage && mkdir -p build/coverage
	COVERAGE_FILE=$(CURDIR)/build/coverage/coverage $(BIN)/coverage run -m pytest
	@COVERAGE_FILE=$(CURDIR)/build/coverage/coverage $(BIN)/coverage combine --quiet
	COVERAGE_FILE=$(CURDIR)/build/coverage/coverage $(BIN)/coverage report

# The Python and dependency matrix (tools/matrix.py): pytest once more per leg (other
# Pythons, the newest httpx, the lowest versions pyproject.toml allows), each leg in its
# own virtualenv (.venv-py3.12, .venv-lowest...). `make matrix MATRIX_LEGS=py3.13` runs one.
MATRIX_LEGS ?=

matrix: venv
	$(BIN)/python tools/matrix.py $(MATRIX_LEGS)

docs: $(DOCS_BIN)/.stamp
	$(DOCS_BIN)/mkdocs build --strict --quiet --site-dir build/site
	@echo "documentation built into build/site (open build/site/index.html)"

# `git status` plus a hash of the tracked changes. `make test` takes it before and after
# the run: a test that writes into the repository fails the run, while a developer's own
# uncommitted edits (there before, unchanged after) do not.
GIT_STATE = { git status --porcelain=v1 --untracked-files=all && git diff HEAD --binary | git hash-object --stdin; } 2>/dev/null

test: venv
	@mkdir -p build && ($(GIT_STATE) > build/git-state.before || true)
	@$(MAKE) --no-print-directory test-steps
	@$(GIT_STATE) > build/git-state.after || true
	@diff build/git-state.before build/git-state.after > build/git-state.diff \
		|| (echo "make test changed the working tree (git status, before < > after):"; \
			cat build/git-state.diff; exit 1)
	@echo "git status is as it was before the run"

test-steps: venv check-generated lint typecheck pytest docs matrix

demo: $(DEMO_BIN)/.stamp
	$(DEMO_BIN)/python examples/demo.py

bench: venv
	bash benchmarks/run.sh

# Not part of `make test`: minutes per module (tools/mutation/modules.toml lists them and
# their tests; the work happens in build/mutation/). MUTATION_JOBS=N sets the workers.
MODULES ?=
mutation: venv
	$(BIN)/python tools/mutation/run.py $(MODULES)

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache
