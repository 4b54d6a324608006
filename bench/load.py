#!/usr/bin/env python3
"""The load benchmark of token-manager (run it through bench/load.sh, which builds and installs what it needs).

In one run, on PostgreSQL, it starts Payara Micro with token-manager and the benchmark-only WARs (bench/pom.xml) side
by side, seeds users and sessions, and drives wrk alternately at
  a. GET /api/me with our revocable tokens (signature, claims and session checked on every request);
  i. POST /api/auth/introspect of the same tokens (RFC 7662), as a named token of group introspect;
  b. GET /stateless/api/me: the same tokens verified statelessly by the server's own MicroProfile JWT;
  c. GET /ceiling/api/ping: an application without security (the ceiling);
  d. GET /platform/api/ping: the same behind a do-nothing HttpAuthenticationMechanism that admits every request as
     a fixed caller (what Jakarta Security itself costs on the server, before any token is looked at);
then reports the ratios a/b and a/c, the time from a revocation's answer to the first 401 on the same node and on a
second node of the data grid, last-seen writes per session per accuracy window, login throughput, and /api/me
latency with the sessions seeded and again with a million more rows in tm_session. A third node without the session
cache (every request reads PostgreSQL) shows what the cache is worth.

The revocation feed (also alone, with --only feed): b again beside b+, GET /stateless-feed/api/me, the same stateless
WAR with the revocation feed client (bench/stateless-feed), in alternating rounds; and for --feed-revocations
revocations at token-manager, the time from the revocation's answer until b+ refuses the revoked token.

--only floor measures a, d, d+ (d with a's bearer tokens in its requests) and c alone on one node of --server, with
the server's CPU time per request beside requests/s (about 5 minutes).

Only the standard library; tokens never reach stdout or the logs (they go to a file under bench/target).
"""

import argparse
import base64
import concurrent.futures
import http.client
import json
import os
import pathlib
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "target"
ADMIN_PASSWORD = "bench-admin-password"
USER_PASSWORD = "bench-user-password"
DATABASE = "token_manager_bench"
DB_USER = "token_manager"
DB_PASSWORD = "token_manager"
USER_AGENTS = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
    " Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
    " Mobile Safari/537.36",
]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------- HTTP

class Client:
    """One keep-alive HTTP/1.1 connection to one node."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, token=None, body=None, headers=None):
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=data, headers=sent)
                response = self.connection.getresponse()
                payload = response.read()
                return response.status, payload
            except (http.client.HTTPException, OSError):
                self.connection.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def json(self, method, path, token=None, body=None, headers=None, expect=200):
        status, payload = self.call(method, path, token, body, headers)
        if status != expect:
            raise RuntimeError(f"{method} {path} answered {status}, expected {expect}: {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def close(self):
        self.connection.close()


def login(port, username, password, user_agent):
    client = Client(port)
    try:
        return client.json("POST", "/api/auth/login", body={"username": username, "password": password},
                           headers={"User-Agent": user_agent})
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------------- PostgreSQL

def as_postgres(sql, database="postgres"):
    command = ["psql", "-v", "ON_ERROR_STOP=1", "-qtA", "-d", database, "-c", sql]
    if os.geteuid() == 0:
        command = ["su", "postgres", "-c", shlex.join(command)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def fresh_database(database=DATABASE):
    if not as_postgres(f"SELECT 1 FROM pg_roles WHERE rolname = '{DB_USER}'"):
        as_postgres(f"CREATE ROLE {DB_USER} LOGIN PASSWORD '{DB_PASSWORD}'")
    as_postgres(f"DROP DATABASE IF EXISTS {database}")
    as_postgres(f"CREATE DATABASE {database} OWNER {DB_USER}")


def add_filler_sessions(count, account_id):
    """Adds `count` live login sessions with random-looking ids (as real ones are) to one account, in bulk."""
    now = int(time.time() * 1000)
    as_postgres(
        "INSERT INTO tm_session (id, account_id, kind, name, created_at, last_seen_at, expires_at, ip,"
        " user_agent, device_type, device_os, device_browser)"
        " SELECT substr(md5(g::text) || md5((g + 7)::text), 1, 43),"
        f" '{account_id}', 'LOGIN', 'filler', {now}, {now}, {now + 86_400_000}, '10.0.0.1', 'bench filler',"
        " 'Desktop', 'Linux', 'Chrome 131'"
        f" FROM generate_series(1, {count}) AS g", DATABASE)
    as_postgres("ANALYZE tm_session", DATABASE)
    return int(as_postgres("SELECT count(*) FROM tm_session", DATABASE))


# --------------------------------------------------------------------------------------------------------- nodes

class Server:
    """A server process of the benchmark: waits until it answers, stops it with its whole process group."""

    def wait_ready(self, paths, timeout=300):
        deadline = time.time() + timeout
        client = Client(self.port)
        for path in paths:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited; see {self.log_path}")
                try:
                    if client.call("GET", path)[0] == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise RuntimeError(f"{self.name} not ready after {timeout} s; see {self.log_path}")
                time.sleep(1)
        client.close()
        log(f"{self.name}: ready")

    def java_pid(self):
        """The JVM's pid: the process itself (Payara Micro), or the java child of standalone.sh (WildFly)."""
        return self.process.pid

    def kill(self):
        """SIGKILL to the JVM, as a crash: no shutdown hooks, no orderly leave."""
        os.kill(self.java_pid(), signal.SIGKILL)

    def stop(self):
        if self.process.poll() is None:
            # The process group: standalone.sh does not pass SIGTERM on to WildFly's JVM.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


class Node(Server):
    """One Payara Micro process with token-manager (and, on node 1, the benchmark's WARs)."""

    def __init__(self, name, port, grid_port, grid_ports, env, with_bench_wars, cluster, extra_args=(),
                 preboot=ROOT / "server-config" / "payara" / "preboot.asadmin"):
        self.name = name
        self.port = port
        self.log_path = WORK / f"{name}.log"
        command = ["java", "-Xmx1g", "-XX:+UseParallelGC", f"-Dbench.port={port}",
                   f"-Dbench.feed-token-file={WORK / 'feed-token.txt'}",
                   "-Dhazelcast.socket.bind.any=false", "-jar", str(WORK / "payara-micro.jar"),
                   "--deploy", f"{ROOT / 'target' / 'token-manager.war'}:/",
                   "--port", str(port), "--prebootcommandfile", str(preboot)]
        if with_bench_wars:
            for module, war in [("stateless", "stateless"), ("stateless-feed", "stateless-feed"),
                                ("ceiling", "ceiling"), ("ceiling", "platform")]:
                command += ["--deploy", f"{ROOT / 'bench' / module / 'target' / (war + '.war')}:/{war}"]
        if cluster:
            command += ["--clustermode", "tcpip:" + ",".join(f"127.0.0.1:{p}" for p in grid_ports),
                        "--startport", str(grid_port), "--interfaces", "127.0.0.1", "--clustername", "tm-bench"]
        else:
            command += ["--nohazelcast"]
        command += list(extra_args)
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=self.log_file, stderr=subprocess.STDOUT,
                                        env={**os.environ, **env}, start_new_session=True)
        log(f"{name}: started Payara Micro (pid {self.process.pid}) on port {port}, log {self.log_path}")



WILDFLY_HOME = ROOT / "target" / f"wildfly-{os.environ.get('WILDFLY_VERSION', '39.0.1.Final')}"
WILDFLY_JGROUPS_BASE = 7600


class WildFlyNode(Server):
    """One WildFly 39 server with token-manager (and, on node 1, the benchmark's WARs), from the WildFly that
    `mvn -Dserver=wildfly -Dwildfly.cluster pre-integration-test` unpacked and prepared (standalone-ha.xml through
    server-config/wildfly/configure.cli and cluster.cli): its own copy of standalone/, port offset and node name;
    HTTP 8080 + offset, JGroups 7600 + offset, the two peers given by their offsets."""

    def __init__(self, name, offset, peer_offsets, env, with_bench_wars):
        self.name = name
        self.port = 8080 + offset
        base = WORK / "wildfly-nodes" / name
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(WILDFLY_HOME / "standalone", base)
        deployments = base / "deployments"
        shutil.copy(ROOT / "target" / "token-manager.war", deployments)
        if with_bench_wars:
            for module, war in [("stateless", "stateless"), ("ceiling", "ceiling"), ("ceiling", "platform")]:
                shutil.copy(ROOT / "bench" / module / "target" / (war + ".war"), deployments)
        self.log_path = base / "log" / "server.log"
        command = [str(WILDFLY_HOME / "bin" / "standalone.sh"), "-c", "standalone-ha.xml", "-b", "127.0.0.1",
                   "-bmanagement", "127.0.0.1", "-bprivate", "127.0.0.1", f"-Djboss.server.base.dir={base}",
                   f"-Djboss.node.name=bench-{name}", f"-Djboss.socket.binding.port-offset={offset}",
                   f"-Dbench.port={self.port}"]
        for number, peer in enumerate(peer_offsets, start=1):
            command.append(f"-Dtoken-manager.cluster.peer-{number}.port={WILDFLY_JGROUPS_BASE + peer}")
        java_opts = "-Xmx1g -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true"
        self.log_file = open(WORK / f"{name}-console.log", "w")
        self.process = subprocess.Popen(command, stdout=self.log_file, stderr=subprocess.STDOUT,
                                        env={**os.environ, **env, "JAVA_OPTS": java_opts,
                                             "JBOSS_HOME": str(WILDFLY_HOME)},
                                        start_new_session=True)
        log(f"{name}: started WildFly (pid {self.process.pid}) on port {self.port}, log {self.log_path}")

    def java_pid(self):
        out = subprocess.run(["pgrep", "-P", str(self.process.pid), "java"], capture_output=True, text=True).stdout
        return int(out.split()[0])


# ----------------------------------------------------------------------------------------------------------- wrk

def wrk(url, seconds, connections, env=None, script="load.lua", strict=True):
    """Runs wrk and returns its summary; strict: a non-2xx answer or a socket error makes the run invalid."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "wrk" / script), url]
    wrk_env = {k: v for k, v in os.environ.items() if k not in ("TOKENS_FILE", "LOGIN_USER", "LOGIN_PASSWORD")}
    wrk_env.update(env or {})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=wrk_env).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    # wrk's own CPU per request: it shares the cores with the server, so a kind dearer to send costs the server too
    result["client_cpu_us"] = ((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1e6
                               / max(result["requests"], 1))
    if strict and (result["non_2xx"] or result["socket_errors"]):
        raise RuntimeError(f"wrk {url}: {result['non_2xx']} non-2xx answers, {result['socket_errors']} socket"
                           " errors: the run is not valid")
    return result


def answers_before_load(targets):
    """One connection for a second on each target: every kind answers 2xx before any load (wrk is strict), so a
    wrong setup fails here, clearly, rather than as a measurement."""
    for url, env in targets.values():
        wrk(url, 1, 1, env)


def summary(runs):
    """Median requests/s and latency percentiles over rounds (and the server's CPU time per request, if taken)."""
    result = {
        "rps": statistics.median(r["rps"] for r in runs),
        "p50_ms": statistics.median(r["p50_us"] for r in runs) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in runs) / 1000,
        "rounds": [round(r["rps"]) for r in runs],
    }
    if all("cpu_us" in r for r in runs):
        result["cpu_us"] = statistics.median(r["cpu_us"] for r in runs)
        result["cpu_rounds"] = [round(r["cpu_us"], 1) for r in runs]
    if all("client_cpu_us" in r for r in runs):
        result["client_cpu_us"] = statistics.median(r["client_cpu_us"] for r in runs)
    return result


def paired_ratios(numerators, denominators):
    """Round by round ratios of two kinds measured side by side (the load of a shared machine drifts over a run
    more than it changes from one run to the next), and their median."""
    ratios = [n / d for n, d in zip(numerators, denominators)]
    return [round(r, 2) for r in ratios], statistics.median(ratios)


def jvm_cpu_seconds(pid):
    """The CPU time (user + system) a process has used so far, from /proc."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def revocation_summary(timings):
    """(milliseconds from the answer to the first 401, refused on the first request) per revocation; the first
    revocation warms the path up and is not counted."""
    counted = timings[1:]
    latencies = [ms for ms, _ in counted]
    return {
        "revocations": len(counted), "first_request_refused": sum(1 for _, first in counted if first),
        "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99), "max_ms": max(latencies),
    }


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ------------------------------------------------------------------------------------------------------ the run

class Bench:

    def __init__(self, args):
        self.args = args
        self.results = {}
        self.nodes = []
        self.tokens_file = WORK / "tokens.txt"

    def env(self, extra=None):
        env = {
            "TOKEN_MANAGER_DB_URL": f"jdbc:postgresql://127.0.0.1:5432/{DATABASE}",
            "TOKEN_MANAGER_DB_USER": DB_USER,
            "TOKEN_MANAGER_DB_PASSWORD": DB_PASSWORD,
            "TOKEN_MANAGER_KEY_ENCRYPTION_KEY": self.kek,
            "TOKEN_MANAGER_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "TOKEN_MANAGER_SIGNING_ALGORITHM": self.args.algorithm,
            # Long enough for the whole run: no token may expire under load.
            "TOKEN_MANAGER_ACCESS_TTL": "PT3H",
        }
        if self.args.only != "floor":
            # A short window, so that the last-seen phase sees several in its seconds of load; the floor keeps the
            # default a deployment runs with.
            env["TOKEN_MANAGER_LAST_SEEN_ACCURACY"] = f"PT{self.args.last_seen_window}S"
        env.update(extra or {})
        return env

    def start(self, name, port, grid_port, with_bench_wars, cluster, extra_env=None):
        node = Node(name, port, grid_port, self.grid_ports, self.env(extra_env), with_bench_wars, cluster)
        self.nodes.append(node)
        return node

    def start_wildfly(self, name, offset, peer_offsets, with_bench_wars):
        node = WildFlyNode(name, offset, peer_offsets, self.env(), with_bench_wars)
        self.nodes.append(node)
        return node

    def run(self):
        args = self.args
        self.kek = subprocess.run(["sh", "-c", "head -c 32 /dev/urandom | base64"], check=True,
                                  capture_output=True, text=True).stdout.strip()
        p1, p2, p3 = args.port, args.port + 1, args.port + 2
        self.grid_ports = [args.grid_port, args.grid_port + 1]
        fresh_database()
        log(f"database {DATABASE} created")
        if args.only == "feed":
            self.run_feed_only(p1)
            return
        if args.only == "floor":
            self.run_floor()
            return
        if args.server == "wildfly":
            self.run_wildfly()
            return

        node1 = self.start("node-1", p1, self.grid_ports[0], with_bench_wars=True, cluster=True)
        node1.wait_ready(["/api/auth/jwks", "/ceiling/api/ping", "/platform/api/ping"])
        # The node without a session cache shares the database; it starts once node 1 has migrated the schema.
        node3 = self.start("node-nocache", p3, None, with_bench_wars=False, cluster=False,
                           extra_env={"TOKEN_MANAGER_SESSION_CACHE_TTL": "PT0S"})
        self.seed(p1)
        node3.wait_ready(["/api/auth/jwks"])

        bearer = self.write_tokens()
        targets = {**self.kinds(p1, bearer), "a_nocache": (f"http://127.0.0.1:{p3}/api/me", bearer)}
        # Every kind answers 200 to its request before any load (b proves the stateless WAR trusts our tokens).
        answers_before_load(targets)

        stats_before = self.stats(p1)
        self.alternate("sessions", targets, ["a", "b", "c", "d", "a_nocache", "i"])
        stats_after = self.stats(p1)
        self.results["session_reads_per_request"] = (
            (stats_after["session_database_reads"] - stats_before["session_database_reads"])
            / max(1, stats_after["authentications"]["ok"] - stats_before["authentications"]["ok"]))

        self.feed(p1, bearer)
        if args.profile:
            self.profile(node1, targets, ["a", "b", "d"])
        self.last_seen(p1, targets["a"])
        self.revocation_same_node(p1)

        node2 = self.start("node-2", p2, self.grid_ports[1], with_bench_wars=False, cluster=True)
        node2.wait_ready(["/api/auth/jwks"])
        # A warm node 2, as in production: the revocation timings below measure the grid, not a cold JIT.
        wrk(f"http://127.0.0.1:{p2}/api/me", args.warmup, args.connections, bearer)
        self.revocation_across_nodes(p1, p2)
        node2.stop()
        self.nodes.remove(node2)

        self.login_throughput(p1)

        total = add_filler_sessions(args.filler, self.filler_account)
        log(f"tm_session now holds {total} rows")
        self.results["filler_rows"] = total
        self.alternate("million", targets, ["a", "b", "a_nocache"])
        self.report()

    def run_wildfly(self):
        """The same kinds on one WildFly 39 (standalone-ha.xml), alternating rounds in one run, then the
        cross-node revocation on two WildFly nodes of one JGroups channel."""
        args = self.args
        o1, o2 = args.wildfly_offset, args.wildfly_offset + 100
        p1, p2 = 8080 + o1, 8080 + o2
        args.port = p1
        node1 = self.start_wildfly("wildfly-1", o1, [o1, o2], with_bench_wars=True)
        node1.wait_ready(["/api/auth/jwks", "/ceiling/api/ping", "/platform/api/ping"])
        self.seed(p1)
        bearer = self.write_tokens()
        targets = self.kinds(p1, bearer)
        answers_before_load(targets)
        self.alternate("sessions", targets, ["a", "b", "c", "d", "i"])
        if args.profile:
            self.profile(node1, targets, ["a", "d"])
        self.revocation_same_node(p1)
        node2 = self.start_wildfly("wildfly-2", o2, [o1, o2], with_bench_wars=False)
        node2.wait_ready(["/api/auth/jwks"])
        wrk(f"http://127.0.0.1:{p2}/api/me", args.warmup, args.connections, bearer)
        self.revocation_across_nodes(p1, p2)
        self.report_wildfly()

    def report_wildfly(self):
        args = self.args
        r = self.results
        s = r["sessions"]
        lines = [
            f"token-manager load benchmark on WildFly 39: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores,"
            f" {java_version()}, {args.algorithm} tokens, PostgreSQL, wrk -t1 -c{args.connections},"
            f" {args.rounds} rounds of {args.duration} s per kind (medians)",
            "",
            f"| GET, {args.sessions} sessions | requests/s | p50 ms | p99 ms | rounds (req/s) |",
            "|---|---|---|---|---|",
        ]
        labels = {
            "a": "a. `/api/me`, revocable (token-manager)",
            "b": "b. `/stateless/api/me`, stateless MP-JWT (WildFly's own)",
            "c": "c. `/ceiling/api/ping`, no security (ceiling)",
            "d": "d. `/platform/api/ping`, Jakarta Security with a do-nothing mechanism",
            "i": "i. `POST /api/auth/introspect` of the same tokens",
        }
        lines += kind_rows(labels, s)
        rps = {kind: s[kind]["rps"] for kind in labels}
        lines += ["", f"- a/b = **{rps['a'] / rps['b']:.2f}**; a/c = **{rps['a'] / rps['c']:.2f}**;"
                      f" a/d = **{rps['a'] / rps['d']:.2f}** (target >= 0.95); d/c = {rps['d'] / rps['c']:.2f}"
                      f" (what Jakarta Security costs on WildFly); i/a = {rps['i'] / rps['a']:.2f}"]
        same, across = r["revocation_same_node"], r["revocation_across_nodes"]
        lines += [
            f"- revocation, one node: {same['first_request_refused']}/{same['revocations']} refused on the first"
            " request after `DELETE` answered",
            f"- revocation, two WildFly nodes (revoked through node 1, checked on node 2, both caches warm):"
            f" {across['first_request_refused']}/{across['revocations']} refused on node 2's first request;"
            f" from the answer to the first 401 p50 {across['p50_ms']:.2f} ms, p99 {across['p99_ms']:.2f} ms,"
            f" max {across['max_ms']:.2f} ms; the revoking request itself (node 2's acknowledgement included)"
            f" p50 {across['request_p50_ms']:.2f} ms, p99 **{across['request_p99_ms']:.2f} ms** (target p99 <= 50 ms)",
        ]
        lines += profile_lines(labels, r)
        write_results("load-results-wildfly", lines, r)

    # -------------------------------------------------------------------------------------------- seeding

    def seed(self, port, feed_only=False):
        args = self.args
        admin = login(port, "admin", ADMIN_PASSWORD, "bench")["access_token"]
        client = Client(port)
        users = [f"bench-user-{i:03d}" for i in range(args.users)]
        for username in users + ["bench-filler"]:
            client.json("POST", "/api/admin/users", admin,
                        {"username": username, "password": USER_PASSWORD, "groups": ["user"]}, expect=201)
        self.filler_account = as_postgres("SELECT id FROM tm_account WHERE username = 'bench-filler'", DATABASE)
        self.seed_feed_token(client, admin)
        client.close()
        # Sessions under load, one per feed revocation (and one to warm up), plus the ones of the revocation
        # measurements: two per revocation (the revoking session and the revoked one, of one user) for each of the
        # two settings, and a spare pair per user.
        feed_victims = args.feed_revocations + 1
        wanted = args.sessions + feed_victims
        if not feed_only:
            wanted += 4 * (args.revocations + 1) + 2 * len(users)
        log(f"seeding {wanted} login sessions of {len(users)} users (each login hashes a password with"
            " PBKDF2, 600,000 iterations: this takes a while)")
        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            logins = list(pool.map(
                lambda i: login(port, users[i % len(users)], USER_PASSWORD, USER_AGENTS[i % len(USER_AGENTS)]),
                range(wanted)))
        log(f"seeded in {time.time() - started:.0f} s")
        self.load_sessions = logins[:args.sessions]
        self.feed_sessions = logins[args.sessions:args.sessions + feed_victims]
        self.spare_sessions = logins[args.sessions + feed_victims:]

    def seed_feed_token(self, client, admin):
        """The revocation feed client's credential: a named token of a user in group introspect, in the file the
        stateless-feed WAR reads it from (it retries until the file is there)."""
        client.json("POST", "/api/admin/users", admin,
                    {"username": "bench-feed", "password": USER_PASSWORD, "groups": ["introspect"]}, expect=201)
        subscriber = login(self.args.port, "bench-feed", USER_PASSWORD, "bench")["access_token"]
        token = client.json("POST", "/api/tokens", subscriber, {"name": "revocation feed"}, expect=201)["token"]
        path = WORK / "feed-token.txt"
        path.write_text(token + "\n")
        path.chmod(0o600)

    @staticmethod
    def kinds(port, bearer):
        """The kinds of request on node 1 (see the top of this file), each as (URL, wrk's environment); i: POST
        /api/auth/introspect of the same rotating tokens, as the named token of group introspect that
        seed_feed_token wrote (what a resource server that introspects each token asks)."""
        return {
            "a": (f"http://127.0.0.1:{port}/api/me", bearer),
            "b": (f"http://127.0.0.1:{port}/stateless/api/me", bearer),
            "c": (f"http://127.0.0.1:{port}/ceiling/api/ping", {}),
            "d": (f"http://127.0.0.1:{port}/platform/api/ping", {}),
            "i": (f"http://127.0.0.1:{port}/api/auth/introspect",
                  {**bearer, "INTROSPECT_BEARER_FILE": str(WORK / "feed-token.txt")}),
        }

    def write_tokens(self):
        tokens = [s["access_token"] for s in self.load_sessions]
        self.tokens_file.write_text("\n".join(tokens) + "\n")
        self.tokens_file.chmod(0o600)
        return {"TOKENS_FILE": str(self.tokens_file)}

    def stats(self, port):
        client = Client(port)
        admin = login(port, "admin", ADMIN_PASSWORD, "bench")
        try:
            return client.json("GET", "/api/admin/stats", admin["access_token"])
        finally:
            client.json("DELETE", f"/api/sessions/{admin['session_id']}", admin["access_token"], expect=204)
            client.close()

    # -------------------------------------------------------------------------------------- measurements

    def alternate(self, phase, targets, kinds, jvm_pid=None):
        """Warms each kind up, then measures them in alternating rounds; with jvm_pid, each run also records the
        server's CPU time per request."""
        args = self.args
        log(f"{phase}: warm-up, {args.warmup} s each of {', '.join(kinds)}")
        for kind in kinds:
            url, env = targets[kind]
            wrk(url, args.warmup, args.connections, env)
        runs = {kind: [] for kind in kinds}
        for round_number in range(args.rounds):
            # Every other round in the reverse order (a, d, ... then ..., d, a): no kind always follows the same one,
            # and a drift of the machine's speed over two rounds falls on both sides of a pair alike.
            for kind in (kinds if round_number % 2 == 0 else kinds[::-1]):
                url, env = targets[kind]
                cpu_before = jvm_cpu_seconds(jvm_pid) if jvm_pid else None
                runs[kind].append(wrk(url, args.duration, args.connections, env))
                if jvm_pid:
                    runs[kind][-1]["cpu_us"] = ((jvm_cpu_seconds(jvm_pid) - cpu_before) * 1e6
                                                / runs[kind][-1]["requests"])
                log(f"{phase} round {round_number + 1}/{args.rounds} {kind}: {runs[kind][-1]['rps']:.0f} req/s,"
                    f" p50 {runs[kind][-1]['p50_us'] / 1000:.2f} ms, p99 {runs[kind][-1]['p99_us'] / 1000:.2f} ms")
        self.results[phase] = {kind: summary(r) for kind, r in runs.items()}

    def profile(self, node, targets, kinds):
        """Records a JFR profile of node 1 under each kind of load, and summarizes where the CPU went."""
        self.results["profile"] = {}
        for kind in kinds:
            recording = WORK / f"profile-{kind}.jfr"
            jcmd(node.java_pid(), "JFR.start", f"name=bench-{kind}", "settings=profile")
            url, env = targets[kind]
            wrk(url, self.args.duration, self.args.connections, env)
            jcmd(node.java_pid(), "JFR.stop", f"name=bench-{kind}", f"filename={recording}")
            self.results["profile"][kind] = summarize_profile(recording)
            log(f"profile of {kind}: {recording}")

    def last_seen(self, port, target):
        args = self.args
        window = args.last_seen_window
        seconds = window * args.last_seen_windows
        before = self.stats(port)["last_seen_writes"]
        log(f"last-seen: {seconds} s of load over {args.sessions} sessions, accuracy window {window} s")
        url, env = target
        load = wrk(url, seconds, args.connections, env)
        time.sleep(2)  # the recorder flushes once a second
        written = self.stats(port)["last_seen_writes"] - before
        # Writes of one session are at least a window apart: over W windows of use, at most W + 1 (the first use,
        # then one per window).
        self.results["last_seen"] = {
            "writes": written, "sessions": args.sessions, "window_s": window, "windows": args.last_seen_windows,
            "requests": load["requests"], "per_session": written / args.sessions,
            "bound_per_session": args.last_seen_windows + 1,
        }

    def revocation_pairs(self):
        """Pairs (revoker, victim) of login sessions of one user, from the spare sessions."""
        by_user = {}
        for session in self.spare_sessions:
            username = json.loads(decode_segment(session["access_token"].split(".")[1]))["upn"]
            by_user.setdefault(username, []).append(session)
        pairs = []
        for sessions in by_user.values():
            while len(sessions) >= 2:
                pairs.append((sessions.pop(), sessions.pop()))
        return pairs

    def revocation_same_node(self, port):
        pairs = self.revocation_pairs()[:self.args.revocations + 1]
        self.spare_sessions = [s for s in self.spare_sessions if all(s not in p for p in pairs)]
        client = Client(port)
        timings = []
        for revoker, victim in pairs:
            assert client.call("GET", "/api/me", victim["access_token"])[0] == 200  # cached on this node now
            client.json("DELETE", f"/api/sessions/{victim['session_id']}", revoker["access_token"], expect=204)
            answered = time.perf_counter()
            status = client.call("GET", "/api/me", victim["access_token"])[0]
            timings.append(((time.perf_counter() - answered) * 1000, status == 401))
        client.close()
        self.results["revocation_same_node"] = revocation_summary(timings)
        log(f"revocation, one node: {self.results['revocation_same_node']['first_request_refused']}/"
            f"{len(timings) - 1} refused on the next request")

    def revocation_across_nodes(self, port1, port2):
        pairs = self.revocation_pairs()[:self.args.revocations + 1]
        one, two = Client(port1), Client(port2)
        timings = []
        revoking = []
        for revoker, victim in pairs:
            # Both nodes have the victim's session cached: the worst case for staleness.
            assert one.call("GET", "/api/me", victim["access_token"])[0] == 200
            assert two.call("GET", "/api/me", victim["access_token"])[0] == 200
            sent = time.perf_counter()
            one.json("DELETE", f"/api/sessions/{victim['session_id']}", revoker["access_token"], expect=204)
            answered = time.perf_counter()
            revoking.append((answered - sent) * 1000)
            attempts = 0
            while True:
                attempts += 1
                if two.call("GET", "/api/me", victim["access_token"])[0] == 401:
                    break
                if time.perf_counter() - answered > 10:
                    raise RuntimeError("a revoked session still works on node 2 after 10 s")
            timings.append(((time.perf_counter() - answered) * 1000, attempts == 1))
        one.close()
        two.close()
        self.results["revocation_across_nodes"] = revocation_summary(timings)
        # How long the revoking request took, the other node's acknowledgement included.
        self.results["revocation_across_nodes"].update(
            request_p50_ms=percentile(revoking[1:], 50), request_p99_ms=percentile(revoking[1:], 99))
        log(f"revocation, two nodes: {self.results['revocation_across_nodes']['first_request_refused']}/"
            f"{len(timings) - 1} refused on node 2's next request")

    def profile_cpu(self, targets, kinds, pid):
        """--cpu-profile: one more run of each kind under async-profiler (CPU, every 1 ms), its stacks collapsed in
        bench/target/cpu-<server>-<kind>.txt. The profiler slows these runs, so they are not among the rounds."""
        self.results["cpu_profile"] = {}
        # Loading the profiler makes the JIT compile some code again: a first run under it, not counted, lets the
        # first kind profiled run on compiled code as the others do.
        cpu_profiler(pid, CPU_SAMPLING)
        wrk(targets[kinds[0]][0], self.args.warmup, self.args.connections, targets[kinds[0]][1])
        cpu_profiler(pid, f"stop,file={WORK / 'cpu-warm-up.txt'},collapsed")
        for kind in kinds:
            url, env = targets[kind]
            path = WORK / f"cpu-{self.args.server}-{kind.replace('+', '-plus')}.txt"
            cpu_profiler(pid, CPU_SAMPLING)
            run = wrk(url, self.args.duration, self.args.connections, env)
            cpu_profiler(pid, f"stop,file={path},collapsed")
            self.results["cpu_profile"][kind] = summarize_cpu_profile(path, run["requests"])
            log(f"CPU profile of {kind}: {path}")

    def run_floor(self):
        """--only floor: a, d, d+ and c alone on one node of --server (Payara without its data grid), in alternating
        rounds, each run with the JVM's CPU time per request: on a machine whose cores wrk shares with the server,
        a steadier measure of what token-manager adds to the platform's floor than requests/s."""
        args = self.args
        if args.server == "wildfly":
            o1 = args.wildfly_offset
            node = self.start_wildfly("wildfly-1", o1, [o1, o1 + 100], with_bench_wars=True)
        else:
            node = self.start("node-1", args.port, None, with_bench_wars=True, cluster=False)
        args.port = node.port
        node.wait_ready(["/api/auth/jwks", "/ceiling/api/ping", "/platform/api/ping"])
        args.feed_revocations = 0  # the feed is not measured here: one session for its subscriber only
        self.seed(node.port, feed_only=True)
        targets = self.kinds(node.port, self.write_tokens())
        # d with a's rotating bearer tokens in its requests: the platform's floor for a request that carries one
        targets["d+"] = (targets["d"][0], targets["a"][1])
        kinds = ["a", "d", "d+", "c"]
        targets = {kind: targets[kind] for kind in kinds}
        answers_before_load(targets)
        self.alternate("floor", targets, kinds, jvm_pid=node.java_pid())
        if args.cpu_profile:
            self.profile_cpu(targets, kinds, node.java_pid())
        s = self.results["floor"]
        labels = {"a": "a. `/api/me`, revocable (token-manager)",
                  "d": "d. `/platform/api/ping`, Jakarta Security with a do-nothing mechanism",
                  "d+": "d+. the same, each request with a's `Authorization: Bearer` header (not read)",
                  "c": "c. `/ceiling/api/ping`, no security (ceiling)"}
        lines = [f"token-manager's floor on {args.server}: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores,"
                 f" {java_version()}, {args.algorithm} tokens, PostgreSQL, wrk -t1 -c{args.connections},"
                 f" {args.rounds} rounds of {args.duration} s per kind (medians)", "",
                 "| GET, one node | requests/s | server CPU µs per request | wrk CPU µs per request | p99 ms"
                 " | rounds (req/s) |",
                 "|---|---|---|---|---|---|"]
        lines += [f"| {label} | {s[kind]['rps']:.0f} | {s[kind]['cpu_us']:.1f} | {s[kind]['client_cpu_us']:.1f} |"
                  f" {s[kind]['p99_ms']:.2f} | {s[kind]['rounds']} |" for kind, label in labels.items()]
        lines += ["", f"- a/d = **{s['a']['rps'] / s['d']['rps']:.2f}** by requests/s (target >= 0.95);"
                      f" by the server's CPU per request d/a = **{s['d']['cpu_us'] / s['a']['cpu_us']:.2f}**;"
                      f" d/c = {s['d']['rps'] / s['c']['rps']:.2f}",
                  "- round by round (a, d, d+ and c one after the other, every other round in reverse order):"
                  " a/d = {} (median **{:.2f}**), d/a by CPU per request = {} (median **{:.2f}**)".format(
                      *paired_ratios(s["a"]["rounds"], s["d"]["rounds"]),
                      *paired_ratios(s["d"]["cpu_rounds"], s["a"]["cpu_rounds"])),
                  f"- beside the platform's floor for a request with a bearer token: a/d+ ="
                  f" {s['a']['rps'] / s['d+']['rps']:.2f} by requests/s,"
                  f" d+/a = {s['d+']['cpu_us'] / s['a']['cpu_us']:.2f} by CPU per request"]
        if args.cpu_profile:
            p = self.results["cpu_profile"]
            lines += ["- CPU profile, one more run of each kind (async-profiler, bench/target/cpu-*.txt): samples per"
                      " request " + ", ".join(f"{kind} {p[kind]['cpu_us_per_request']:.0f} µs" for kind in kinds)
                      + f"; with token-manager's code on the stack in a: {p['a']['token_manager_us_per_request']:.1f}"
                      f" µs per request, {p['a']['container_login_us_per_request']:.1f} of them in the container's"
                      " login of the caller (d logs its caller in too)",
                      f"- token-manager's own share of a's CPU samples, that login aside:"
                      f" {100 * p['a']['token_manager_share']:.1f} %: a/d as the profile sees it (one JVM, the same"
                      f" seconds, so the machine's drift cancels) = **{1 - p['a']['token_manager_share']:.3f}**"]
        write_results(f"floor-results-{args.server}", lines, self.results)

    def run_feed_only(self, port):
        node1 = self.start("node-1", port, None, with_bench_wars=True, cluster=False)
        node1.wait_ready(["/api/auth/jwks"])
        self.seed(port, feed_only=True)
        self.feed(port, self.write_tokens())
        self.report_feed()

    def feed(self, port, bearer):
        """b and b+ (the stateless WAR with the revocation feed client) in alternating rounds; then the time from a
        revocation at token-manager until b+ refuses the token, for each of the feed sessions."""
        args = self.args
        probe = self.load_sessions[0]["access_token"]
        client = Client(port)
        deadline = time.time() + 180
        while client.call("GET", "/stateless-feed/api/me", probe)[0] != 200:  # fail closed until caught up
            if time.time() > deadline:
                raise RuntimeError("the stateless WAR with the feed client did not follow the feed within 180 s;"
                                   " see node-1.log")
            time.sleep(0.5)
        client.close()
        log("feed: the stateless WAR with the revocation feed client follows the feed")
        targets = {"b": (f"http://127.0.0.1:{port}/stateless/api/me", bearer),
                   "b_feed": (f"http://127.0.0.1:{port}/stateless-feed/api/me", bearer)}
        answers_before_load(targets)
        saved_rounds = args.rounds
        args.rounds = args.feed_rounds
        try:
            self.alternate("feed_throughput", targets, ["b", "b_feed"])
        finally:
            args.rounds = saved_rounds
        self.feed_latency(port)

    def feed_latency(self, port):
        admin = login(port, "admin", ADMIN_PASSWORD, "bench")["access_token"]
        revoking, checking = Client(port), Client(port)
        timings = []
        for victim in self.feed_sessions:
            token = victim["access_token"]
            status = checking.call("GET", "/stateless-feed/api/me", token)[0]
            if status != 200:
                raise RuntimeError(f"a live token got {status} from the stateless WAR with the feed client")
            sent = time.perf_counter()
            revoking.json("DELETE", f"/api/admin/sessions/{victim['session_id']}", admin, expect=204)
            answered = time.perf_counter()
            while True:
                status = checking.call("GET", "/stateless-feed/api/me", token)[0]
                if status == 401:
                    break
                if status != 200:
                    raise RuntimeError(f"the stateless WAR with the feed client answered {status}")
                if time.perf_counter() - answered > 30:
                    raise RuntimeError("a revoked token is still accepted by the stateless WAR after 30 s")
                time.sleep(0.002)
            refused = time.perf_counter()
            timings.append(((refused - answered) * 1000, (refused - sent) * 1000))
        revoking.close()
        checking.close()
        counted = timings[1:]  # the first warms the path up
        after_answer = [a for a, _ in counted]
        after_request = [r for _, r in counted]
        self.results["feed_latency"] = {
            "revocations": len(counted),
            "p50_ms": percentile(after_answer, 50), "p99_ms": percentile(after_answer, 99),
            "max_ms": max(after_answer),
            "from_request_p50_ms": percentile(after_request, 50),
            "from_request_p99_ms": percentile(after_request, 99),
        }
        log(f"feed: {len(counted)} revocations refused by the stateless WAR, p99"
            f" {self.results['feed_latency']['p99_ms']:.0f} ms after the revocation answered")

    def feed_lines(self):
        args = self.args
        t, lat = self.results["feed_throughput"], self.results["feed_latency"]
        ratio = t["b_feed"]["rps"] / t["b"]["rps"]
        return [
            f"| GET, {args.sessions} sessions, {args.feed_rounds} alternating rounds of {args.duration} s |"
            " requests/s | p50 ms | p99 ms | rounds (req/s) |",
            "|---|---|---|---|---|",
            f"| b. `/stateless/api/me`, stateless MP-JWT | {t['b']['rps']:.0f} | {t['b']['p50_ms']:.2f} |"
            f" {t['b']['p99_ms']:.2f} | {t['b']['rounds']} |",
            f"| b+. `/stateless-feed/api/me`, the same with the revocation feed client | {t['b_feed']['rps']:.0f} |"
            f" {t['b_feed']['p50_ms']:.2f} | {t['b_feed']['p99_ms']:.2f} | {t['b_feed']['rounds']} |",
            "",
            f"- throughput with the revocation feed client / without: **{ratio:.3f}** (target >= 0.95)",
            f"- revocation at token-manager until the stateless service with the client refuses the token, over"
            f" {lat['revocations']} revocations: from the revocation's answer p50 {lat['p50_ms']:.0f} ms, p99"
            f" **{lat['p99_ms']:.0f} ms**, max {lat['max_ms']:.0f} ms (target p99 <= 1000 ms); from the revocation's"
            f" request p50 {lat['from_request_p50_ms']:.0f} ms, p99 {lat['from_request_p99_ms']:.0f} ms",
        ]

    def report_feed(self):
        args = self.args
        lines = [f"token-manager load benchmark, revocation feed only: {time.strftime('%Y-%m-%d')},"
                 f" {os.cpu_count()} cores, {java_version()}, {args.algorithm} tokens, PostgreSQL,"
                 f" wrk -t1 -c{args.connections} (medians)", ""] + self.feed_lines()
        write_results("load-results-feed", lines, self.results)

    def login_throughput(self, port):
        args = self.args
        log(f"login throughput: {args.login_seconds} s")
        result = wrk(f"http://127.0.0.1:{port}/api/auth/login", args.login_seconds, 2,
                     {"LOGIN_USER": "bench-user-000", "LOGIN_PASSWORD": USER_PASSWORD})
        self.results["login"] = {"rps": result["rps"], "p50_ms": result["p50_us"] / 1000,
                                 "p99_ms": result["p99_us"] / 1000}

    # ------------------------------------------------------------------------------------------- report

    def report(self):
        args = self.args
        r = self.results
        s, m = r["sessions"], r["million"]
        lines = [
            f"token-manager load benchmark: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores,"
            f" {java_version()}, {args.algorithm} tokens, PostgreSQL,"
            f" wrk -t1 -c{args.connections}, {args.rounds} rounds of {args.duration} s per kind (medians)",
            "",
            f"| GET, {args.sessions} sessions | requests/s | p50 ms | p99 ms | rounds (req/s) |",
            "|---|---|---|---|---|",
        ]
        labels = {
            "a": "a. `/api/me`, revocable (token-manager)",
            "b": "b. `/stateless/api/me`, stateless MP-JWT",
            "c": "c. `/ceiling/api/ping`, no security (ceiling)",
            "d": "d. `/platform/api/ping`, Jakarta Security with a do-nothing mechanism",
            "a_nocache": "a'. `/api/me`, session cache off (PostgreSQL read per request)",
            "i": "i. `POST /api/auth/introspect` of the same tokens (RFC 7662, as a named token of group introspect)",
        }
        lines += kind_rows(labels, s)
        ab, ac = s["a"]["rps"] / s["b"]["rps"], s["a"]["rps"] / s["c"]["rps"]
        lines += ["", f"- a/b = **{ab:.2f}** (target >= 1.0); a/c = **{ac:.2f}** (target >= 0.9);"
                      f" a/d = **{s['a']['rps'] / s['d']['rps']:.2f}** (token-manager on top of the platform's own"
                      f" security); d/c = {s['d']['rps'] / s['c']['rps']:.2f} (what Jakarta Security costs here);"
                      f" a'/b = {s['a_nocache']['rps'] / s['b']['rps']:.2f};"
                      f" i/a = {s['i']['rps'] / s['a']['rps']:.2f} (introspection beside a)",
                  f"- session database reads per authenticated request under load (node with cache):"
                  f" {r['session_reads_per_request']:.4f}"]
        same, across = r["revocation_same_node"], r["revocation_across_nodes"]
        lines += [
            f"- revocation, one node: {same['first_request_refused']}/{same['revocations']} revoked tokens refused"
            f" on the first request after `DELETE` answered (that request took p50 {same['p50_ms']:.2f} ms,"
            f" p99 {same['p99_ms']:.2f} ms)",
            f"- revocation, two nodes (revoked through node 1, checked on node 2, both caches warm):"
            f" {across['first_request_refused']}/{across['revocations']} refused on node 2's first request;"
            f" time from the answer to the first 401 p50 {across['p50_ms']:.2f} ms, p99 {across['p99_ms']:.2f} ms,"
            f" max {across['max_ms']:.2f} ms (target p99 <= 50 ms); the revoking request itself took p50"
            f" {across['request_p50_ms']:.2f} ms, p99 {across['request_p99_ms']:.2f} ms",
        ]
        ls = r["last_seen"]
        lines.append(
            f"- last-seen writes: {ls['writes']} for {ls['requests']:,} requests over {ls['sessions']} sessions in"
            f" {ls['windows']} windows of {ls['window_s']} s: {ls['per_session']:.2f} per session (one per window"
            f" allows at most {ls['bound_per_session']}: the first use, then one per window)")
        lines.append(f"- logins: {r['login']['rps']:.1f}/s (p50 {r['login']['p50_ms']:.0f} ms; PBKDF2-SHA256 with"
                     " 600,000 iterations per login, by design)")
        lines += [""] + self.feed_lines()
        lines += ["", f"| GET `/api/me` p99 | {args.sessions} sessions | {r['filler_rows']:,} sessions | ratio |",
                  "|---|---|---|---|"]
        for kind in ["a", "a_nocache", "b"]:
            lines.append(f"| {labels[kind]} | {s[kind]['p99_ms']:.2f} ms | {m[kind]['p99_ms']:.2f} ms |"
                         f" {m[kind]['p99_ms'] / s[kind]['p99_ms']:.2f} |")
        lines.append(f"\n(with {r['filler_rows']:,} sessions: a {m['a']['rps']:.0f} req/s, a' "
                     f"{m['a_nocache']['rps']:.0f} req/s, b {m['b']['rps']:.0f} req/s; a/b"
                     f" {m['a']['rps'] / m['b']['rps']:.2f})")
        lines += profile_lines(labels, r)
        write_results("load-results", lines, r)

    def stop_all(self):
        for node in self.nodes:
            node.stop()


def write_results(stem, lines, results):
    """Prints the report and keeps it, with the raw results, under bench/target."""
    text = "\n".join(lines)
    print(text)
    (WORK / f"{stem}.md").write_text(text + "\n")
    (WORK / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n")
    log(f"written to {WORK / (stem + '.md')} and {stem}.json")


def kind_rows(labels, measured):
    """One row of the table per kind: requests/s, p50, p99 and each round's requests/s."""
    return [f"| {label} | {measured[kind]['rps']:.0f} | {measured[kind]['p50_ms']:.2f} |"
            f" {measured[kind]['p99_ms']:.2f} | {measured[kind]['rounds']} |" for kind, label in labels.items()]


def profile_lines(labels, results):
    """Where the HTTP threads spent their time under each profiled kind of load."""
    lines = []
    for kind, profile in results.get("profile", {}).items():
        lines += ["", f"JFR, {labels[kind]}: {profile['http_thread_samples']} samples of the HTTP threads;"
                      f" {profile['share_in_token_manager']:.0%} in token-manager's own code,"
                      f" {profile['share_in_jwt_verification']:.0%} in JWT parsing or signature code,"
                      f" {profile['share_in_service_loader']:.0%} in ServiceLoader lookups. Hottest methods"
                      " (top frame):"]
        lines += [f"    {share:6.1%}  {name}" for name, share in profile["hottest"]]
        lines += ["  Contended locks (waits over 10 ms, by the first frame outside the JDK):"]
        lines += [f"    {count:6d}  {name}" for name, count in profile["contended_monitors"]]
    return lines


def jcmd(pid, *command):
    subprocess.run(["jcmd", str(pid), *command], check=True, capture_output=True, text=True)


ASYNC_PROFILER = WORK / "async-profiler" / "linux-x64" / "libasyncProfiler.so"
# CPU samples, one per millisecond of CPU time.
CPU_SAMPLING = "start,event=cpu,interval=1000000"


def cpu_profiler(pid, action):
    """Tells async-profiler (bench/load.sh --cpu-profile fetches it) what to do in a running JVM: it is loaded as an
    agent through jcmd, its options quoted to stay one argument."""
    jcmd(pid, "JVMTI.agent_load", str(ASYNC_PROFILER), f'"{action}"')


def summarize_cpu_profile(path, requests):
    """One run's CPU samples (1 ms each, collapsed stacks) per request: all of the server's, those with a frame of
    token-manager's own code on the stack (the benchmark's WARs aside), and of those the ones in the container's
    login of the caller that token-manager asks for (notifyContainerAboutLogin), which d's mechanism pays too."""
    total = ours = login = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        total += int(count)
        own = [i for i, frame in enumerate(frames)
               if frame.startswith("dev/tokenmanager/") and not frame.startswith("dev/tokenmanager/bench/")]
        if own:
            ours += int(count)
            if any(frame.endswith(".notifyContainerAboutLogin") for frame in frames[own[-1] + 1:]):
                login += int(count)
    return {"requests": requests, "cpu_us_per_request": total * 1000 / max(1, requests),
            "token_manager_us_per_request": ours * 1000 / max(1, requests),
            "container_login_us_per_request": login * 1000 / max(1, requests),
            "token_manager_share": (ours - login) / max(1, total)}


JDK_PACKAGES = ("java.", "jdk.", "sun.", "javax.", "com.sun.naming.")
JWT_PACKAGES = ("org.jose4j.", "com.nimbusds.", "sun.security.rsa.", "sun.security.ec.", "java.security.Signature")


def summarize_profile(recording, top=12):
    """Execution samples of the HTTP threads: the share spent in token-manager's own code (the innermost frame
    outside the JDK is ours), in JWT verification and in ServiceLoader lookups; the hottest methods; the most
    contended locks."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96",
                          str(recording)], check=True, capture_output=True, text=True).stdout
    samples, ours, verifying, lookups, top_frames = 0, 0, 0, 0, {}
    for event in out.split("jdk.ExecutionSample")[1:]:
        if not on_http_thread(event, "sampledThread"):
            continue
        frames = stack_frames(event)
        if not frames:
            continue
        samples += 1
        innermost = next((f for f in frames if not f.startswith(JDK_PACKAGES)), "")
        ours += innermost.startswith("dev.tokenmanager.") and not innermost.startswith("dev.tokenmanager.bench.")
        verifying += any(f.startswith(JWT_PACKAGES) for f in frames)
        lookups += any(f.startswith("java.util.ServiceLoader") for f in frames)
        top_frames[frames[0]] = top_frames.get(frames[0], 0) + 1
    hottest = sorted(top_frames.items(), key=lambda item: -item[1])[:top]
    return {
        "contended_monitors": contended_monitors(recording),
        "http_thread_samples": samples,
        "share_in_token_manager": ours / max(1, samples),
        "share_in_jwt_verification": verifying / max(1, samples),
        "share_in_service_loader": lookups / max(1, samples),
        "hottest": [[name, count / max(1, samples)] for name, count in hottest],
    }


def on_http_thread(event, field):
    """Whether one event of `jfr print` happened on a thread serving HTTP requests."""
    return any(line.strip().startswith(field + " =") and ("http-thread-pool" in line or "default task" in line)
               for line in event.splitlines())


def stack_frames(event):
    """The methods of one event's stack as `jfr print` shows it, innermost first, without line numbers."""
    stack = event.split("stackTrace = [", 1)[-1].split("\n  ]", 1)[0]
    return [line.strip().split(" line:")[0] for line in stack.splitlines()
            if line.strip() and line.strip() != "..."]


def contended_monitors(recording, top=6):
    """Where the HTTP threads waited longest for a lock (JFR records waits over 10 ms with the profile settings):
    the first frame outside the JDK of each wait, by count."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.JavaMonitorEnter", "--stack-depth", "24",
                          str(recording)], check=True, capture_output=True, text=True).stdout
    waits = {}
    for event in out.split("jdk.JavaMonitorEnter")[1:]:
        if not on_http_thread(event, "eventThread"):
            continue
        frames = stack_frames(event)
        owner = next((f for f in frames if not f.startswith(JDK_PACKAGES)), frames[0] if frames else "?")
        waits[owner] = waits.get(owner, 0) + 1
    return sorted(waits.items(), key=lambda item: -item[1])[:top]


def decode_segment(segment):
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def java_version():
    out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return out[0].replace('"', "") if out else "java"


def main():
    global DATABASE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=100, help="sessions whose tokens carry the load")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--filler", type=int, default=1_000_000, help="rows added for the large-table phase")
    parser.add_argument("--revocations", type=int, default=None,
                        help="revocations timed per setting (default 30; 100 with --server wildfly)")
    parser.add_argument("--duration", type=int, default=None,
                        help="seconds per measured wrk run (default 15; 10 with --only floor)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of warm-up per kind and phase")
    parser.add_argument("--rounds", type=int, default=None, help="alternating rounds (default 3; 7 with --only floor)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--login-seconds", type=int, default=10)
    parser.add_argument("--last-seen-window", type=int, default=5, help="accuracy window in seconds")
    parser.add_argument("--last-seen-windows", type=int, default=4, help="windows of load for the count")
    parser.add_argument("--no-profile", dest="profile", action="store_false",
                        help="skip the JFR profiles of a and b")
    parser.add_argument("--feed-revocations", type=int, default=100,
                        help="revocations timed until the stateless WAR with the feed client refuses them")
    parser.add_argument("--feed-rounds", type=int, default=5, help="alternating rounds of b and b+")
    parser.add_argument("--only", choices=["feed", "floor"],
                        help="run one part alone: feed (one node, b and b+, the feed's latency), ~5 minutes;"
                             " floor (one node of --server, a, d, d+ and c with the server's CPU per request), ~5")
    parser.add_argument("--cpu-profile", action="store_true",
                        help="with --only floor: one more run of each kind under async-profiler (CPU stacks)")
    parser.add_argument("--server", default="payara", choices=["payara", "wildfly"],
                        help="wildfly: a, b, c, d and i on one WildFly 39, then the cross-node revocation on two")
    parser.add_argument("--wildfly-offset", type=int, default=1300,
                        help="port offset of WildFly node 1 (node 2: + 100); HTTP 8080 + offset")
    parser.add_argument("--algorithm", default="RS256", choices=["RS256", "ES256"])
    parser.add_argument("--port", type=int, default=18280, help="node 1; node 2 and the cache-less node follow")
    parser.add_argument("--grid-port", type=int, default=16950)
    parser.add_argument("--database", default=DATABASE, help="PostgreSQL database (dropped and created anew)")
    args = parser.parse_args()
    DATABASE = args.database
    # The floor compares kinds round by round: more, shorter rounds give more pairs in about the same time.
    if args.duration is None:
        args.duration = 10 if args.only == "floor" else 15
    if args.rounds is None:
        args.rounds = 7 if args.only == "floor" else 3
    if args.revocations is None:
        args.revocations = 100 if args.server == "wildfly" else 30

    if not shutil.which("wrk"):
        sys.exit("wrk is missing: run bench/load.sh, which installs it")
    WORK.mkdir(parents=True, exist_ok=True)
    bench = Bench(args)
    try:
        bench.run()
    finally:
        bench.stop_all()


if __name__ == "__main__":
    main()
