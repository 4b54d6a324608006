#!/usr/bin/env bash
# The cache benchmark, in one command from a fresh clone: bash bench/cache.sh [options of bench/cache.py]
# (a working set of 200,000 sessions against caches of 100,000 by default; --sessions 20000 --cache 10000 keeps the
# ratio in a few minutes). Installs wrk and PostgreSQL when missing, builds token-manager, fetches Payara Micro, then
# runs bench/cache.py, which prints the table (also in bench/target/cache-results.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/lib.sh
. .ci/lib.sh
prepare_benchmark
exec python3 bench/cache.py "$@"
