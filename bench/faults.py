#!/usr/bin/env python3
"""The fault benchmark of token-manager: a database outage under load, and a node killed (run it through
bench/faults.sh).

Two Payara Micro nodes of one data grid reach PostgreSQL through a TCP proxy of this script (so the outage is the
benchmark's own: other users of the machine's PostgreSQL are not affected); their HTTP worker pools are cut to
WORKERS threads, so that more requests than workers can wait for the database at once, as under real load.

Outage: with the session cache warm for some sessions, the proxy is cut for OUTAGE seconds (new connections refused,
open ones broken: a stopped database) while these run side by side on node 1:
  cached     4 threads of GET /api/me with tokens of sessions the node has cached;
  uncached   more threads than workers of GET /api/me with tokens of sessions the node has never seen;
  revoked    GET /api/me with tokens revoked before the outage (must never be accepted);
  login      logins;
  revoke     revocations of live sessions (must answer 503 and change nothing);
then the proxy is restored. It reports each kind's answers and latency, the 5xx that are not 503, how long
the node took to recover, and checks that nothing was half-done. The cached requests are timed three times (by wrk,
beside the Python clients): before the outage alone, before it beside the same clients with the database up (the
uncached ones then with sessions the node reads for the first time; no logins or revocations), and during it.

Kill: node 2 is killed with SIGKILL while node 1 serves traffic; revocations through node 1 are timed before the
kill, right after it, and once the grid has noticed the loss.

Only the standard library; tokens never reach stdout or the logs.
"""

import argparse
import base64
import http.client
import json
import os
import secrets
import socket
import statistics
import threading
import time

import cache
import load
from load import Client, WORK, log

DATABASE = "token_manager_faults"


class TcpProxy:
    """Forwards a loopback port to PostgreSQL; cut() refuses new connections and breaks open ones."""

    def __init__(self, port, target_port):
        self.port = port
        self.target = ("127.0.0.1", target_port)
        self.listener = None
        self.sockets = set()
        self.lock = threading.Lock()
        self.restore()

    def restore(self):
        with self.lock:
            if self.listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def cut(self):
        with self.lock:
            listener, self.listener = self.listener, None
            open_sockets, self.sockets = self.sockets, set()
        if listener is not None:
            close_quietly(listener)  # shutdown first: on Linux a plain close does not wake a blocked accept()
        for s in open_sockets:
            close_quietly(s)

    def accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                close_quietly(client)
                continue
            with self.lock:
                self.sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(a, b), daemon=True).start()

    def pump(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            close_quietly(source)
            close_quietly(sink)


def close_quietly(s):
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass


class Tally:
    """Answers and latencies of one kind of request, from several threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.latencies = {}
        self.retry_after_missing = 0

    def add(self, status, seconds, retry_after=None):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.setdefault(status, []).append(seconds)
            if status == 503 and not retry_after:
                self.retry_after_missing += 1

    def summary(self):
        out = {}
        for status, values in sorted(self.latencies.items()):
            out[str(status)] = {"count": len(values), "p50_ms": percentile(values, 50) * 1000,
                                "p99_ms": percentile(values, 99) * 1000, "max_ms": max(values) * 1000}
        return out


def percentile(values, p):
    return load.percentile(values, p) if values else 0


def timed_call(client, method, path, token=None, body=None, headers=None):
    """One request; (0, seconds, None) when no answer came. A keep-alive connection the server had closed (it may
    close one after an error answer) is not an answer: the request is sent again once on a new connection."""
    started = time.perf_counter()
    for attempt in range(2):
        try:
            client.connection.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                                      headers={**(headers or {}),
                                               **({"Authorization": "Bearer " + token} if token else {}),
                                               **({"Content-Type": "application/json"} if body is not None else {})})
            response = client.connection.getresponse()
            response.read()
            return response.status, time.perf_counter() - started, response.getheader("Retry-After")
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            client.connection.close()
            if attempt == 1:
                break
        except OSError:
            client.connection.close()
            break
    return 0, time.perf_counter() - started, None


class FaultBench:

    def __init__(self, args):
        self.args = args
        self.results = {}
        self.nodes = []
        self.proxy = None
        self.lock = threading.Lock()
        self.revocation_answers = {}

    def env(self):
        return {
            "TOKEN_MANAGER_DB_URL": f"jdbc:postgresql://127.0.0.1:{self.args.proxy_port}/{DATABASE}",
            "TOKEN_MANAGER_DB_USER": load.DB_USER,
            "TOKEN_MANAGER_DB_PASSWORD": load.DB_PASSWORD,
            "TOKEN_MANAGER_KEY_ENCRYPTION_KEY": self.kek,
            "TOKEN_MANAGER_ADMIN_PASSWORD": load.ADMIN_PASSWORD,
            "TOKEN_MANAGER_ACCESS_TTL": "PT3H",
            # The cached sessions are read about a minute before the outage ends (seeding, then two baselines):
            # a TTL of two minutes keeps them cached throughout, so "cached" means cached for the whole outage.
            "TOKEN_MANAGER_SESSION_CACHE_TTL": "PT120S",
        }

    def run(self):
        args = self.args
        self.kek = base64.b64encode(secrets.token_bytes(32)).decode()
        load.fresh_database(DATABASE)
        self.proxy = TcpProxy(args.proxy_port, 5432)
        preboot = WORK / "faults-preboot.asadmin"
        preboot.write_text((load.ROOT / "server-config" / "payara" / "preboot.asadmin").read_text()
                           + "# The benchmark's small worker pool: more requests than workers can wait at once.\n"
                           "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                           f".max-thread-pool-size={args.workers}\n")
        if args.server == "wildfly":
            self.run_wildfly()
            return
        grid_ports = [args.grid_port, args.grid_port + 1]
        p1, p2 = args.port, args.port + 1
        node1 = load.Node("faults-node-1", p1, grid_ports[0], grid_ports, self.env(), False, True, preboot=preboot)
        self.nodes.append(node1)
        node1.wait_ready(["/api/auth/jwks"])
        node2 = load.Node("faults-node-2", p2, grid_ports[1], grid_ports, self.env(), False, True, preboot=preboot)
        self.nodes.append(node2)
        node2.wait_ready(["/api/auth/jwks"])
        self.outage(p1, p2)
        self.kill(p1, node2)
        self.report()

    def run_wildfly(self):
        """The kill on two WildFly nodes of one JGroups channel (the outage runs on Payara Micro only: WildFly's pool
        does not check the connections of a data source the application defines, see the README)."""
        offsets = [self.args.wildfly_offset, self.args.wildfly_offset + 100]
        nodes = [load.WildFlyNode(f"faults-wildfly-{n + 1}", offset, offsets, self.env(), False)
                 for n, offset in enumerate(offsets)]
        self.nodes += nodes
        for node in nodes:
            node.wait_ready(["/api/auth/jwks"])
        while self.members(nodes[0].port) != 2:
            time.sleep(0.5)
        self.create_users(nodes[0].port)
        self.kill(nodes[0].port, nodes[1])
        self.report()

    # ------------------------------------------------------------------------------------------------ outage

    def logins(self, port, username, count):
        return [load.login(port, username, load.USER_PASSWORD, load.USER_AGENTS[i % len(load.USER_AGENTS)])
                for i in range(count)]

    def create_users(self, port):
        admin = load.login(port, "admin", load.ADMIN_PASSWORD, "bench")["access_token"]
        client = Client(port)
        for name in ("faults-cached", "faults-uncached", "faults-victim"):
            client.json("POST", "/api/admin/users", admin, {"username": name, "password": load.USER_PASSWORD},
                        expect=201)
        client.close()

    def outage(self, p1, p2):
        args = self.args
        self.create_users(p1)
        client = Client(p1)
        log("seeding sessions (each login hashes a password: a minute or two)")
        cached = self.logins(p1, "faults-cached", 20)
        victims = self.logins(p1, "faults-victim", 12)
        # Sessions node 1 has never seen, so that each request with one needs the database: `uncached` for the outage
        # (used round and round: a lookup that failed caches nothing), the last 50 of them to time the recovery, and
        # `fresh` for the same clients before the outage (read for the first time until the list comes round again: with
        # the database up, a lookup caches it).
        account = load.as_postgres("SELECT id FROM tm_account WHERE username = 'faults-uncached'", DATABASE)
        seeded = [{"access_token": token} for token in
                  cache.seed_sessions(DATABASE, p2, [account], args.uncached_sessions + args.control_sessions, 4)]
        uncached, fresh = seeded[:args.uncached_sessions - 50], seeded[args.uncached_sessions:]
        self.spare_uncached = seeded[args.uncached_sessions - 50:args.uncached_sessions]
        revoked, to_revoke, survivors = victims[:4], victims[4:8], victims[8:]
        for session in cached + revoked + survivors:
            client.json("GET", "/api/me", session["access_token"])  # node 1 caches them
        for session in revoked:
            client.json("DELETE", f"/api/sessions/{session['session_id']}", session["access_token"], expect=204)
        client.close()

        baseline = Tally()
        stop_baseline = self.traffic(p1, cached, baseline, 4)
        time.sleep(args.baseline_seconds)
        stop_baseline()
        # The cached requests' latency once more, measured by wrk: the Python threads' own timings include waits
        # for the interpreter's lock among the 40 threads of the outage, which would hide the server's latency.
        cached_tokens = WORK / "faults-cached-tokens.txt"
        cached_tokens.write_text("".join(session["access_token"] + "\n" for session in cached))
        wrk_env = {"TOKENS_FILE": str(cached_tokens)}
        wrk_url = f"http://127.0.0.1:{p1}/api/me"
        wrk_seconds = max(args.outage - 4, 5)
        wrk_before = load.wrk(wrk_url, wrk_seconds, 4, wrk_env)

        # The control: the clients of the outage with the database up (all but the logins and revocations, which
        # cost more with it than without), so that what the outage itself does to the cached requests shows apart
        # from what sharing the workers and the cores with 36 more clients does.
        log("the same clients with the database up, for comparison")
        control = {kind: Tally() for kind in ("cached", "uncached", "revoked")}
        stop = threading.Event()
        threads = self.start_load(p1, cached, fresh, revoked, to_revoke, control, stop, kinds=control.keys())
        time.sleep(1)
        wrk_loaded = load.wrk(wrk_url, wrk_seconds, 4, wrk_env)
        stop.set()
        for thread in threads:
            thread.join()
        wrk_during = {}

        tallies = {kind: Tally() for kind in ("cached", "uncached", "revoked", "login", "revoke")}
        log(f"outage: the database is cut for {args.outage} s under load")
        stop = threading.Event()
        self.proxy.cut()
        cut_at = time.perf_counter()
        threads = self.start_load(p1, cached, uncached, revoked, to_revoke, tallies, stop)
        time.sleep(1)
        wrk_thread = threading.Thread(target=lambda: wrk_during.update(
            load.wrk(wrk_url, wrk_seconds, 4, wrk_env, strict=False)), daemon=True)
        wrk_thread.start()
        time.sleep(args.outage - 1)
        wrk_thread.join()
        self.proxy.restore()
        restored_at = time.perf_counter()
        recovery = self.await_recovery(p1, restored_at)
        stop.set()
        for thread in threads:
            thread.join()

        client = Client(p1)
        # A revocation answered 503 (never 204) must have changed nothing: its session still works.
        refused = [s for s in to_revoke if 204 not in self.revocation_answers.get(s["session_id"], {204})]
        half_done = [s["session_id"] for s in refused if client.call("GET", "/api/me", s["access_token"])[0] != 200]
        accepted_revoked = tallies["revoked"].statuses.get(200, 0)
        client.close()
        other_5xx = {kind: sum(count for status, count in tally.statuses.items() if status >= 500 and status != 503)
                     for kind, tally in tallies.items()}
        self.results["outage"] = {
            "seconds": args.outage, "workers": args.workers, "uncached_threads": args.uncached_threads,
            "baseline_cached": baseline.summary(),
            "control": {kind: tally.summary() for kind, tally in control.items()},
            "control_fresh_sessions": len(fresh),
            "wrk_cached": {"seconds": wrk_seconds, "before": wrk_before, "before_loaded": wrk_loaded,
                           "during": wrk_during},
            "kinds": {kind: tally.summary() for kind, tally in tallies.items()},
            "retry_after_missing": {kind: tally.retry_after_missing for kind, tally in tallies.items()},
            "other_5xx": other_5xx, "revoked_tokens_accepted": accepted_revoked,
            "revocations_refused": len(refused), "revocations_half_done": len(half_done),
            "recovery_s": recovery, "outage_measured_s": restored_at - cut_at,
        }
        log(f"outage done: recovery {recovery:.2f} s after the database came back, {sum(other_5xx.values())}"
            " 5xx other than 503, " f"{accepted_revoked} revoked tokens accepted")

    def start_load(self, port, cached, uncached, revoked, to_revoke, tallies, stop, kinds=None):
        """Starts the outage's clients (those of `kinds`, default all), each answer added to its kind's tally
        until `stop` is set; answers the threads."""
        def loop(kind, work):
            client = Client(port)
            n = 0
            while not stop.is_set():
                answer = work(client, n)
                if answer is not None:
                    tallies[kind].add(*answer)
                n += 1
                if kind in ("login", "revoke"):
                    time.sleep(0.2)
            client.close()

        def get(tokens):
            return lambda client, n: timed_call(client, "GET", "/api/me", tokens[n % len(tokens)]["access_token"])

        counter = iter(range(10**9))
        lock = threading.Lock()

        def get_uncached(client, n):
            with lock:
                session = uncached[next(counter) % len(uncached)]
            return timed_call(client, "GET", "/api/me", session["access_token"])

        def login_once(client, n):
            return timed_call(client, "POST", "/api/auth/login",
                              body={"username": "faults-cached", "password": load.USER_PASSWORD})

        def revoke_once(client, n):
            victim = to_revoke[n % len(to_revoke)]
            # Only while the database is away: the check below asks whether a refused revocation left a trace.
            if self.proxy.listener is not None:
                return None
            answer = timed_call(client, "DELETE", f"/api/sessions/{victim['session_id']}", victim["access_token"])
            with self.lock:
                self.revocation_answers.setdefault(victim["session_id"], set()).add(answer[0])
            return answer

        work = [("cached", get(cached))] * 4 + [("uncached", get_uncached)] * self.args.uncached_threads \
            + [("revoked", get(revoked)), ("login", login_once), ("revoke", revoke_once)]
        threads = [threading.Thread(target=loop, args=item, daemon=True) for item in work
                   if kinds is None or item[0] in kinds]
        for thread in threads:
            thread.start()
        return threads

    @staticmethod
    def traffic(port, sessions, tally, threads):
        """Starts `threads` threads of GET /api/me over `sessions` at `port`, each answer added to `tally`;
        answers a function that stops them and waits for them."""
        stop = threading.Event()

        def loop():
            client = Client(port)
            n = 0
            while not stop.is_set():
                status, took, _ = timed_call(client, "GET", "/api/me", sessions[n % len(sessions)]["access_token"])
                tally.add(status, took)
                n += 1
            client.close()

        running = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
        for thread in running:
            thread.start()

        def stop_all():
            stop.set()
            for thread in running:
                thread.join()
        return stop_all

    def await_recovery(self, port, restored_at):
        client = Client(port)
        n = 0
        while time.perf_counter() - restored_at < 120:
            status, _, _ = timed_call(client, "GET", "/api/me",
                                      self.spare_uncached[n % len(self.spare_uncached)]["access_token"])
            if status == 200:
                client.close()
                return time.perf_counter() - restored_at
            n += 1
            time.sleep(0.05)
        client.close()
        raise RuntimeError("node 1 did not recover within 120 s of the database's return")

    # -------------------------------------------------------------------------------------------------- kill

    def revocation_times(self, port, count):
        """Seconds each of `count` revocations through node 1 took to answer."""
        sessions = self.logins(port, "faults-victim", count)
        client = Client(port)
        times = []
        for session in sessions:
            status, took, _ = timed_call(client, "POST", "/api/auth/logout", session["access_token"])
            if status != 204:
                raise RuntimeError(f"a logout answered {status}")
            times.append(took)
        client.close()
        return times

    def members(self, port):
        client = Client(port)
        admin = load.login(port, "admin", load.ADMIN_PASSWORD, "bench")
        try:
            return client.json("GET", "/api/admin/stats", admin["access_token"])["cluster"]["members"]
        finally:
            client.call("POST", "/api/auth/logout", admin["access_token"])
            client.close()

    def kill(self, p1, node2):
        args = self.args
        normal = self.revocation_times(p1, args.revocations)
        tally = Tally()
        cached = self.logins(p1, "faults-cached", 8)
        stop_traffic = self.traffic(p1, cached, tally, 4)
        time.sleep(2)
        log("kill: node 2 gets SIGKILL under load")
        node2.kill()
        killed = time.perf_counter()
        right_after = self.revocation_times(p1, 3)
        while self.members(p1) != 1:
            if time.perf_counter() - killed > 120:
                raise RuntimeError("the grid did not notice node 2's loss within 120 s")
            time.sleep(0.2)
        noticed = time.perf_counter() - killed
        after = self.revocation_times(p1, args.revocations)
        stop_traffic()
        self.results["kill"] = {
            "normal_ms": summary_ms(normal), "right_after_kill_ms": [t * 1000 for t in right_after],
            "grid_noticed_s": noticed, "after_noticed_ms": summary_ms(after),
            "survivor_traffic": tally.summary(),
            "survivor_errors": sum(count for status, count in tally.statuses.items() if status != 200),
        }
        log(f"kill: the grid noticed after {noticed:.1f} s; revocation p50 {statistics.median(normal) * 1000:.1f} ms"
            f" before, {statistics.median(after) * 1000:.1f} ms after")

    # ------------------------------------------------------------------------------------------------ report

    def report(self):
        k = self.results["kill"]
        kill_lines = [
            "Node 2 killed (SIGKILL) while node 1 served traffic:", "",
            f"- revocation through node 1: p50 {k['normal_ms']['p50']:.1f} ms, p99 {k['normal_ms']['p99']:.1f}"
            f" ms before the kill; right after it: {', '.join(f'{t:.0f}' for t in k['right_after_kill_ms'])}"
            f" ms; the cluster noticed the loss after {k['grid_noticed_s']:.1f} s; after that p50"
            f" {k['after_noticed_ms']['p50']:.1f} ms, p99 {k['after_noticed_ms']['p99']:.1f} ms",
            f"- the survivor's traffic: {format_kind(k['survivor_traffic'])}; errors: {k['survivor_errors']}"]
        if "outage" not in self.results:
            lines = [f"token-manager fault benchmark on WildFly 39: {time.strftime('%Y-%m-%d')}, {os.cpu_count()}"
                     f" cores, {load.java_version()}, two nodes of one JGroups channel", ""] + kill_lines
            load.write_results("faults-results-wildfly", lines, self.results)
            return
        o = self.results["outage"]
        lines = [f"token-manager fault benchmark: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores,"
                 f" {load.java_version()}, PostgreSQL through a proxy, {o['workers']} HTTP workers per node", "",
                 f"Database outage of {o['seconds']} s under load ({o['uncached_threads']} threads of uncached"
                 f" requests, more than the {o['workers']} workers):", "",
                 "| requests | answers (count, p50 / p99 / max ms) |", "|---|---|"]
        lines.append(f"| cached sessions, before the outage (4 threads alone) | {format_kind(o['baseline_cached'])} |")
        control_labels = {"cached": "cached sessions, before, beside the clients below",
                          "uncached": f"sessions not cached, before (database up; {o['control_fresh_sessions']} seen"
                                      " for the first time, then round again)",
                          "revoked": "tokens revoked before, before the outage"}
        for kind, label in control_labels.items():
            lines.append(f"| {label} | {format_kind(o['control'][kind])} |")
        labels = {"cached": "cached sessions, during", "uncached": "sessions not cached (need the database)",
                  "revoked": "tokens revoked before the outage", "login": "logins", "revoke": "revocations"}
        for kind, label in labels.items():
            lines.append(f"| {label} | {format_kind(o['kinds'][kind])} |")
        w = o["wrk_cached"]
        lines += ["", f"Cached sessions measured by wrk (4 connections, {w['seconds']} s each; during: beside all"
                  " of the above):", "", "| cached sessions | requests/s | p50 ms | p99 ms | non-2xx |",
                  "|---|---|---|---|---|"]
        for when, label in (("before", "before the outage, alone"),
                            ("before_loaded", "before, beside the same clients as during it (database up)"),
                            ("during", "during the outage")):
            r = w[when]
            lines.append(f"| {label} | {r['rps']:.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f}"
                         f" | {r['non_2xx']} |")
        ratios = {when: w["during"]["p99_us"] / w[when]["p99_us"] for when in ("before", "before_loaded")}
        lines += ["", f"- p99 during / before: {ratios['before_loaded']:.2f} against the same clients with the"
                  f" database up, {ratios['before']:.2f} against the 4 connections alone"]
        lines += ["",
                  f"- 5xx other than 503: {sum(o['other_5xx'].values())} ({o['other_5xx']}); 503 without"
                  f" Retry-After: {sum(o['retry_after_missing'].values())}",
                  f"- revoked tokens accepted: {o['revoked_tokens_accepted']}; of {o['revocations_refused']} sessions"
                  f" whose revocation was refused, revoked anyway (half-done): {o['revocations_half_done']}",
                  f"- recovery: the first uncached request answered 200 {o['recovery_s']:.2f} s after the database"
                  " came back", ""] + kill_lines
        load.write_results("faults-results", lines, self.results)

    def stop(self):
        for node in self.nodes:
            node.stop()
        if self.proxy:
            self.proxy.cut()


def summary_ms(seconds):
    return {"p50": percentile(seconds, 50) * 1000, "p99": percentile(seconds, 99) * 1000,
            "max": max(seconds) * 1000}


def format_kind(summary):
    return "; ".join(f"{status}: {v['count']} ({v['p50_ms']:.0f} / {v['p99_ms']:.0f} / {v['max_ms']:.0f})"
                     for status, v in summary.items()) or "none"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--outage", type=int, default=20, help="seconds the database is away")
    parser.add_argument("--workers", type=int, default=16, help="HTTP worker threads per node")
    parser.add_argument("--uncached-threads", type=int, default=32)
    parser.add_argument("--uncached-sessions", type=int, default=2_000,
                        help="sessions node 1 never saw, used during the outage (and 50 to time the recovery)")
    parser.add_argument("--control-sessions", type=int, default=12_000,
                        help="sessions node 1 never saw, for the same clients before the outage (round again when used up)")
    parser.add_argument("--baseline-seconds", type=int, default=10)
    parser.add_argument("--revocations", type=int, default=30)
    parser.add_argument("--port", type=int, default=18295)
    parser.add_argument("--grid-port", type=int, default=16960)
    parser.add_argument("--proxy-port", type=int, default=15499)
    parser.add_argument("--server", default="payara", choices=["payara", "wildfly"],
                        help="wildfly: the kill on two WildFly 39 nodes (prepared as by bench/load.sh --server wildfly)")
    parser.add_argument("--wildfly-offset", type=int, default=1500, help="port offset of WildFly node 1 (node 2: +100)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    bench = FaultBench(args)
    try:
        bench.run()
    finally:
        bench.stop()


if __name__ == "__main__":
    main()
