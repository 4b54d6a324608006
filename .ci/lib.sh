# Shell functions shared by .ci/run and bench/load.sh: install what Maven does not bring, start PostgreSQL.
# Source it; it changes nothing by itself.

log() { printf '\n=== %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    log "installing $*"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

postgres_binary() { compgen -G "/usr/lib/postgresql/*/bin/postgres" | sort -V | tail -n 1; }

# Runs one SQL statement as the database superuser and prints the rows.
psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c \"$1\""; }

# Installs PostgreSQL when missing, starts its main cluster, and creates the role token_manager (password
# token_manager) that the container tests and the benchmark use.
start_postgresql() {
    [ -n "$(postgres_binary)" ] || apt_install postgresql
    local version
    version=$(basename "$(dirname "$(dirname "$(postgres_binary)")")")
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
        as_root pg_createcluster "$version" main
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        log "starting PostgreSQL $version"
        as_root pg_ctlcluster "$version" main start
    fi
    if [ -z "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'token_manager'")" ]; then
        psql_admin "CREATE ROLE token_manager LOGIN PASSWORD 'token_manager'"
    fi
}

# What the benchmarks under bench/ need, from a fresh clone: wrk, PostgreSQL, token-manager and the benchmark-only
# WARs built, and Payara Micro fetched through Maven to bench/target/payara-micro.jar.
prepare_benchmark() {
    command -v wrk > /dev/null || apt_install wrk
    command -v python3 > /dev/null || apt_install python3
    start_postgresql
    local payara_version
    payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)
    log "building token-manager, the benchmark's WARs (one with the revocation feed client), fetching Payara Micro $payara_version"
    mvn -B -q -ntp -DskipTests package
    mvn -B -q -ntp -f bench/pom.xml package -DskipTests
    mkdir -p bench/target
    mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory=bench/target \
        -Dmdep.stripVersion=true
}

# With --server wildfly among the benchmark's arguments: WildFly 39 unpacked through Maven to target/ and its
# standalone-ha.xml prepared by server-config/wildfly/ (configure.cli, cluster.cli), as the cluster tests have it.
prepare_wildfly_benchmark() {
    if [[ " $* " == *" --server wildfly "* ]]; then
        log "unpacking WildFly and preparing standalone-ha.xml (server-config/wildfly/configure.cli, cluster.cli)"
        mvn -B -q -ntp -Dserver=wildfly -Dwildfly.cluster -DskipTests pre-integration-test
    fi
}

# With --cpu-profile among the benchmark's arguments: async-profiler from Maven Central, its Linux x64 agent unpacked to
# bench/target/async-profiler/ (bench/load.py loads it into the server's JVM through jcmd).
prepare_cpu_profiler() {
    if [[ " $* " == *" --cpu-profile "* ]]; then
        local version=4.0
        log "fetching async-profiler $version"
        mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory=bench/target \
            -Dmdep.stripVersion=true
        rm -rf bench/target/async-profiler && mkdir -p bench/target/async-profiler
        (cd bench/target/async-profiler && jar xf ../async-profiler.jar linux-x64/libasyncProfiler.so)
    fi
}
