#!/usr/bin/env bash
# The load benchmark, in one command from a fresh clone: bash bench/load.sh [options of bench/load.py]
# Installs wrk and PostgreSQL when missing (apt-get), builds token-manager and the benchmark-only WARs (bench/pom.xml),
# fetches Payara Micro through Maven, then runs bench/load.py, which starts the servers on loopback, seeds,
# measures and prints the table (also in bench/target/load-results.md). About 20 minutes on 2 cores;
# `bash bench/load.sh --only feed` measures only the revocation feed (about 5 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../.ci/lib.sh
. .ci/lib.sh

command -v wrk > /dev/null || apt_install wrk
command -v python3 > /dev/null || apt_install python3
start_postgresql

payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)
log "building token-manager, the benchmark's WARs (with the revocation feed client), fetching Payara Micro $payara_version"
mvn -B -q -ntp -DskipTests package
mvn -B -q -ntp -f bench/pom.xml package -DskipTests
mkdir -p bench/target
mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory=bench/target \
    -Dmdep.stripVersion=true

exec python3 bench/load.py "$@"
