#!/usr/bin/env bash
# Installs everything (project, test extras, Debian's chromium for the browser test)
# and runs the whole suite, then the quick tier of the eval gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "warning: /usr/bin/chromium missing and not root; browser tests will be skipped" >&2
  fi
fi
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
.venv/bin/python -m pytest -q "$@"
.venv/bin/castlist eval --tier quick --data-dir "${CASTLIST_EVAL_DATA_DIR:-.castlist-eval}"
