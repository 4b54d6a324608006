#!/usr/bin/env bash
# Sign-in latency through an LDAP directory and an OpenID Connect provider, in one command from a fresh clone:
#   bash bench/signin.sh [rounds]        (default 30; about 3 minutes on 2 cores, most of it Payara's start)
# Builds token-manager, fetches Payara Micro through Maven, and runs bench/signin: the UnboundID in-memory
# directory and mock-oauth2-server on loopback, token-manager on Payara Micro (H2) configured for both; each kind of
# sign-in is timed one request after another and the table printed.
set -euo pipefail
cd "$(dirname "$0")/.."
payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)
mvn -B -q -ntp -DskipTests package
mkdir -p bench/target
mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="fish.payara.extras:payara-micro:$payara_version" -DoutputDirectory=bench/target \
    -Dmdep.stripVersion=true
mvn -B -q -ntp -f bench/signin/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "bench/signin/target/classes:$(cat bench/signin/target/classpath.txt)" \
    dev.tokenmanager.bench.signin.SignInLatency target/token-manager.war bench/target/payara-micro.jar \
    server-config/payara/preboot.asadmin "${1:-30}"
