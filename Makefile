# Every target sets itself up: a fresh clone needs nothing but python3 (>= 3.11) and make.
PYTHON ?= python3
VENV := .venv
GEN_VENV := .venv-gen
BIN := $(VENV)/bin
GEN_BIN := $(GEN_VENV)/bin
PIP_FLAGS := --quiet --disable-pip-version-check

SPEC := openapi/gitlab-users.yaml
TEMPLATES := openapi/templates
GENERATED := gitlab_users_client/_generated
GEN_CHECK := build/gen-check/gitlab_users_client/_generated

.PHONY: help venv test lint format typecheck pytest generate check-generated demo bench clean

help:
	@echo "make test      lint, type-check, generated-code check and all tests"
	@echo "make demo      run the bulk admin demo against the bundled fake GitLab"
	@echo "make generate  regenerate $(GENERATED) from $(SPEC)"
	@echo "make bench     run the benchmarks (see benchmarks/README.md)"

$(BIN)/.stamp: pyproject.toml requirements/dev.txt requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_FLAGS) -c requirements/constraints.txt -r requirements/dev.txt
	$(BIN)/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	touch $@

$(GEN_BIN)/.stamp: requirements/generator.txt requirements/generator-constraints.txt
	test -x $(GEN_BIN)/python || $(PYTHON) -m venv $(GEN_VENV)
	$(GEN_BIN)/pip install $(PIP_FLAGS) -c requirements/generator-constraints.txt -r requirements/generator.txt
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

typecheck: venv
	$(BIN)/mypy
	$(BIN)/mypy tests/typed_usage.py examples

pytest: venv
	$(BIN)/pytest

test: venv check-generated lint typecheck pytest

demo: venv
	$(BIN)/python examples/demo.py

bench: venv
	bash benchmarks/run.sh

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
