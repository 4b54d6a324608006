#!/usr/bin/env bash
# The load benchmark, in one command from a fresh clone: bash bench/load.sh [options of bench/load.py]
# Installs wrk and PostgreSQL when missing (apt-get), builds token-manager and the benchmark-only WARs (bench/pom.xml),
# fetches Payara Micro through Maven, then runs bench/load.py, which starts the servers on loopback, seeds,
# measures and prints the table (also in bench/target/load-results.md). About 20 minutes on 2 cores;
# `bash bench/load.sh --only feed` measures only the revocation feed (about 5 minutes); `--only floor` only a, d, d+ and
# c on one node, with the server's CPU time per request (about 5 minutes, `--server wildfly` too; with `--cpu-profile`,
# one more run of each under async-profiler, fetched from Maven Central);
# `bash bench/load.sh --server wildfly` measures on WildFly 39 instead (unpacked and prepared through Maven, as the
# container tests do): a, b, c, d and i on one node, then the revocation across two nodes (about 15 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/lib.sh
. .ci/lib.sh

prepare_benchmark
prepare_wildfly_benchmark "$@"
prepare_cpu_profiler "$@"
exec python3 bench/load.py "$@"
