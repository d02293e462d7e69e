#!/usr/bin/env bash
# Creates .venv and installs castlist into it. Torch goes in first as the CPU build:
# `torch==2.13.0` resolves to the local CPU wheel on these machines, and installing it
# before the project keeps any resolver from pulling the multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet torch==2.13.0
if [ -n "$extras" ]; then
  .venv/bin/pip install --quiet -e ".[$extras]"
else
  .venv/bin/pip install --quiet -e .
fi
