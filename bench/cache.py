#!/usr/bin/env python3
"""The cache benchmark of token-manager: a working set beyond the caches (run it through bench/cache.sh).

One Payara Micro node on PostgreSQL with its verified-token and session caches at CACHE entries each. It seeds
SESSIONS login sessions (twice the caches by default) straight into the database, each with a refresh token whose
secret only this script knows, and redeems every refresh token once for an access token (a refresh hashes no
password, so this is how 200,000 sessions are seeded in minutes; logins would take hours by design). Then it drives
wrk in alternating rounds:
  hundred  GET /api/me spread evenly over 100 sessions: everything fits in the caches;
  zipf     GET /api/me over all the sessions by a Zipf law (the session of rank r used in proportion to 1/r^s): most
           requests from the most active sessions, a long tail seen rarely, the caches full.
For each it reports requests/s, p50/p99, the caches' hit rates and the session database reads per request, per
round, so a hit rate that collapses once the cache is full would show.

Only the standard library; tokens never reach stdout or the logs (they go to files under bench/target).
"""

import argparse
import base64
import concurrent.futures
import hashlib
import json
import os
import secrets
import shlex
import subprocess
import time

import load
from load import Client, WORK, log

DATABASE = "token_manager_cache"
USERS = 100


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def copy_rows(database, table, columns, rows):
    """Bulk-loads rows (tuples of strings) into a table of a benchmark's database with COPY."""
    command = ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", database, "-c",
               f"\\copy {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"]
    if os.geteuid() == 0:
        command = ["su", "postgres", "-c", shlex.join(command)]
    data = "\n".join(",".join(row) for row in rows) + "\n"
    subprocess.run(command, input=data, text=True, check=True, capture_output=True)


def seed_sessions(database, port, accounts, count, threads):
    """`count` live login sessions of `accounts`, written straight into the database, each with a refresh token
    only this script knows, then redeemed once at `port` for an access token: answers the access tokens, in order."""
    now = int(time.time() * 1000)
    sessions, refresh_rows, secrets_in_order = [], [], []
    for i in range(count):
        session_id = b64url(secrets.token_bytes(16))
        secret = "tmrt_" + b64url(secrets.token_bytes(32))
        token_hash = b64url(hashlib.sha256(secret.encode()).digest())
        sessions.append((session_id, accounts[i % len(accounts)], "LOGIN", "seeded", str(now), str(now),
                         str(now + 86_400_000), "10.0.0.1", "bench seeded", "Desktop", "Linux", "Chrome 131"))
        refresh_rows.append((token_hash, session_id, str(now)))
        secrets_in_order.append(secret)
    log(f"seeding {count} sessions straight into the database")
    copy_rows(database, "tm_session", ["id", "account_id", "kind", "name", "created_at", "last_seen_at",
                                       "expires_at", "ip", "user_agent", "device_type", "device_os",
                                       "device_browser"], sessions)
    copy_rows(database, "tm_refresh_token", ["token_hash", "session_id", "issued_at"], refresh_rows)
    load.as_postgres("ANALYZE", database)
    log(f"redeeming {count} refresh tokens for access tokens ({threads} threads)")
    started = time.time()
    chunks = [secrets_in_order[i::threads] for i in range(threads)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
        redeemed = list(pool.map(lambda chunk: redeem(port, chunk), chunks))
    log(f"redeemed in {time.time() - started:.0f} s")
    tokens = [None] * count
    for offset, chunk in enumerate(redeemed):
        tokens[offset::threads] = chunk
    return tokens


def redeem(port, secrets_chunk):
    client = Client(port)
    tokens = [client.json("POST", "/api/auth/refresh", headers={"Refresh-Token": secret})["access_token"]
              for secret in secrets_chunk]
    client.close()
    return tokens


class CacheBench:

    def __init__(self, args):
        self.args = args
        self.results = {}
        self.node = None

    def run(self):
        args = self.args
        kek = base64.b64encode(secrets.token_bytes(32)).decode()
        load.fresh_database(DATABASE)
        env = {
            "TOKEN_MANAGER_DB_URL": f"jdbc:postgresql://127.0.0.1:5432/{DATABASE}",
            "TOKEN_MANAGER_DB_USER": load.DB_USER,
            "TOKEN_MANAGER_DB_PASSWORD": load.DB_PASSWORD,
            "TOKEN_MANAGER_KEY_ENCRYPTION_KEY": kek,
            "TOKEN_MANAGER_ADMIN_PASSWORD": load.ADMIN_PASSWORD,
            "TOKEN_MANAGER_ACCESS_TTL": "PT3H",
            "TOKEN_MANAGER_SESSION_CACHE_SIZE": str(args.cache),
            "TOKEN_MANAGER_VERIFIED_TOKEN_CACHE_SIZE": str(args.cache),
            # Long enough that no cached session runs out during a round: what is measured is the bound.
            "TOKEN_MANAGER_SESSION_CACHE_TTL": "PT1H",
        }
        self.node = load.Node("cache-node", args.port, None, [], env, with_bench_wars=False, cluster=False)
        self.node.wait_ready(["/api/auth/jwks"])
        tokens = self.seed()
        everything = WORK / "cache-tokens.txt"
        hundred = WORK / "cache-tokens-100.txt"
        for path, lines in ((everything, tokens), (hundred, tokens[:100])):
            path.write_text("\n".join(lines) + "\n")
            path.chmod(0o600)
        url = f"http://127.0.0.1:{args.port}/api/me"
        kinds = {
            "hundred": ("load.lua", {"TOKENS_FILE": str(hundred)}),
            "zipf": ("zipf.lua", {"TOKENS_FILE": str(everything), "ZIPF_S": str(args.zipf)}),
        }
        log(f"warm-up: {args.warmup} s of each kind (the caches fill)")
        for kind, (script, env) in kinds.items():
            load.wrk(url, args.warmup, args.connections, env, script=script)
        rounds = {kind: [] for kind in kinds}
        for number in range(args.rounds):
            for kind, (script, env) in kinds.items():
                before = self.stats()
                run = load.wrk(url, args.duration, args.connections, env, script=script)
                after = self.stats()
                run.update(self.cache_figures(before, after))
                rounds[kind].append(run)
                log(f"round {number + 1}/{args.rounds} {kind}: {run['rps']:.0f} req/s, p99"
                    f" {run['p99_us'] / 1000:.1f} ms, session cache hit rate {run['session_hit_rate']:.3f},"
                    f" verified-token cache {run['token_hit_rate']:.3f}, {run['reads_per_request']:.4f} database"
                    " reads per request")
        self.results = {"rounds": rounds, "sessions": len(tokens), "cache": args.cache, "zipf": args.zipf}
        self.report()

    def seed(self):
        """SESSIONS live login sessions of USERS users, each redeemed once for an access token."""
        args = self.args
        admin = load.login(args.port, "admin", load.ADMIN_PASSWORD, "bench")["access_token"]
        client = Client(args.port)
        for i in range(USERS):
            client.json("POST", "/api/admin/users", admin, {"username": f"cache-user-{i:03d}",
                                                            "password": load.USER_PASSWORD}, expect=201)
        client.close()
        accounts = load.as_postgres("SELECT id FROM tm_account WHERE username LIKE 'cache-user-%'"
                                    " ORDER BY username", DATABASE).split()
        return seed_sessions(DATABASE, args.port, accounts, args.sessions, args.threads)

    def stats(self):
        client = Client(self.args.port)
        admin = load.login(self.args.port, "admin", load.ADMIN_PASSWORD, "bench")
        try:
            return client.json("GET", "/api/admin/stats", admin["access_token"])
        finally:
            client.json("DELETE", f"/api/sessions/{admin['session_id']}", admin["access_token"], expect=204)
            client.close()

    @staticmethod
    def cache_figures(before, after):
        def rate(cache):
            hits = after["caches"][cache]["hits"] - before["caches"][cache]["hits"]
            misses = after["caches"][cache]["misses"] - before["caches"][cache]["misses"]
            return hits / max(1, hits + misses)
        requests = after["authentications"]["ok"] - before["authentications"]["ok"]
        reads = after["session_database_reads"] - before["session_database_reads"]
        return {"session_hit_rate": rate("sessions"), "token_hit_rate": rate("verified_tokens"),
                "reads_per_request": reads / max(1, requests),
                "session_cache_size": after["caches"]["sessions"]["size"],
                "token_cache_size": after["caches"]["verified_tokens"]["size"]}

    def report(self):
        r = self.results
        lines = [
            f"token-manager cache benchmark: {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores,"
            f" {load.java_version()}, PostgreSQL, caches of {r['cache']:,} entries, wrk -t1"
            f" -c{self.args.connections}, {self.args.rounds} rounds of {self.args.duration} s per kind",
            "",
            "| GET `/api/me` | requests/s | p50 ms | p99 ms | session cache hit rate | verified-token cache hit rate"
            " | session database reads per request | rounds: session hit rate |",
            "|---|---|---|---|---|---|---|---|",
        ]
        labels = {"hundred": "100 sessions, evenly",
                  "zipf": f"{r['sessions']:,} sessions ({r['sessions'] / r['cache']:.0f}x the caches),"
                          f" Zipf s={r['zipf']}"}
        for kind, runs in r["rounds"].items():
            median = load.summary(runs)
            mid = sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]
            per_round = ", ".join(f"{run['session_hit_rate']:.3f}" for run in runs)
            lines.append(f"| {labels[kind]} | {median['rps']:.0f} | {median['p50_ms']:.2f} | {median['p99_ms']:.2f} |"
                         f" {mid['session_hit_rate']:.3f} | {mid['token_hit_rate']:.3f} |"
                         f" {mid['reads_per_request']:.4f} | {per_round} |")
        text = "\n".join(lines)
        print(text)
        (WORK / "cache-results.md").write_text(text + "\n")
        (WORK / "cache-results.json").write_text(json.dumps(r, indent=2) + "\n")

    def stop(self):
        if self.node:
            self.node.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=200_000, help="sessions seeded (the working set)")
    parser.add_argument("--cache", type=int, default=100_000, help="entries of each cache")
    parser.add_argument("--zipf", type=float, default=1.0, help="exponent s of the Zipf law")
    parser.add_argument("--threads", type=int, default=4, help="threads redeeming refresh tokens")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=18290)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    bench = CacheBench(args)
    try:
        bench.run()
    finally:
        bench.stop()


if __name__ == "__main__":
    main()
