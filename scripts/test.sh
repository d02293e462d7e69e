#!/usr/bin/env bash
# Installs everything (project, test extras, Debian's chromium for the browser test),
# starts a throwaway PostgreSQL cluster so the storage, API and persistence tests run on
# PostgreSQL as well as SQLite, and runs the whole suite, then the quick tier of the eval gate.
# CASTLIST_TEST_DATABASE_URL already set = use that server instead; CASTLIST_TEST_PG=0 = skip PostgreSQL.
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
if [ -z "${CASTLIST_TEST_DATABASE_URL:-}" ] && [ "${CASTLIST_TEST_PG:-1}" != "0" ]; then
  if pg_env="$(bash scripts/pg-test-cluster.sh start)"; then
    eval "$pg_env"
    trap 'bash scripts/pg-test-cluster.sh stop "$CASTLIST_TEST_PG_DIR"' EXIT
  elif [ "${CI:-}" = "true" ]; then
    echo "error: could not start the PostgreSQL test cluster" >&2
    exit 1
  else
    echo "warning: no PostgreSQL test cluster; its tests will be skipped" >&2
  fi
fi
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
.venv/bin/python -m pytest -q "$@"
.venv/bin/castlist eval --tier quick --data-dir "${CASTLIST_EVAL_DATA_DIR:-.castlist-eval}"
