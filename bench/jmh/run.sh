#!/usr/bin/env bash
# Builds the JMH benchmarks of token-manager's request path and runs them. Arguments are JMH's own options and
# benchmark patterns; an option given replaces its default below. Examples, from any directory:
#   bash bench/jmh/run.sh                                   # everything, default settings (~8 minutes)
#   bash bench/jmh/run.sh -wi 2 -w 1s -i 3 -r 1s             # a quick look
#   bash bench/jmh/run.sh Authenticate                      # one class
#   bash bench/jmh/run.sh -jvmArgsAppend "-Dbench.db.url=jdbc:postgresql://127.0.0.1:5432/bench
#       -Dbench.db.user=bench -Dbench.db.password=bench"    # the database reads against PostgreSQL
# Results: the table on the terminal, and bench/jmh/target/jmh-result.json.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

mvn -B -q -f bench/jmh/pom.xml package

# One fork, one thread: the machine has 2 cores, and a second busy thread would share them with the JIT and GC.
# Ten seconds of warmup: with 2 cores the JIT needs 6-10 s before RSA verification reaches its steady state.
defaults=(-f 1 -wi 5 -w 2s -i 5 -r 2s -t 1 -rf json -rff bench/jmh/target/jmh-result.json)

# JMH refuses an option given twice: keep a default only when the arguments do not name that option.
options=()
for ((i = 0; i < ${#defaults[@]}; i += 2)); do
    given=false
    for argument in "$@"; do
        if [[ "$argument" == "${defaults[i]}" ]]; then
            given=true
        fi
    done
    if [[ "$given" == false ]]; then
        options+=("${defaults[i]}" "${defaults[i + 1]}")
    fi
done

exec java -jar bench/jmh/target/benchmarks.jar "${options[@]}" "$@"
