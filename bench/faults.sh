#!/usr/bin/env bash
# The fault benchmark, in one command from a fresh clone: bash bench/faults.sh [options of bench/faults.py]
# A database outage under load and a node killed with SIGKILL, on two Payara Micro nodes of one data grid. Installs
# wrk and PostgreSQL when missing, builds token-manager, fetches Payara Micro, then runs bench/faults.py, which prints
# the figures (also in bench/target/faults-results.md). About 5 minutes on 2 cores.
# `bash bench/faults.sh --server wildfly`: the kill on two WildFly 39 nodes instead (bench/target/faults-results-wildfly.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/lib.sh
. .ci/lib.sh
prepare_benchmark
prepare_wildfly_benchmark "$@"
exec python3 bench/faults.py "$@"
