"""Load test: `sitrep serve` over a synthetic database (default 100,000 facts), hit by 50
concurrent clients for 60 seconds with a mix of API GETs, on loopback only.

    .venv/bin/python bench/load.py [--facts 100000] [--clients 50] [--seconds 60]

Builds (or reuses) the SQLite database, starts the server on a free port of 127.0.0.1 in a
subprocess, waits until its consolidation is ready, then runs the clients (asyncio + httpx,
one keep-alive connection each, each sending its next request when the last one is answered)
and prints requests, errors, throughput and p50/p95/p99 latency per endpoint and overall."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import STATES, build_sqlite  # noqa: E402

ACTORS = ["CAN", "USA", "IRQ", "NATO", "Global%20Coalition%20against%20Daesh",
          "Operation%20IMPACT", "ISIS"]  # and persons of CAN, read from its picture
KINDS = ["events", "deployments", "quotes", "attacks", "meetings", "persons"]


def loopback(host: str) -> bool:
    """Whether every address the host name resolves to is a loopback address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def request(rng: random.Random, n_docs: int) -> tuple[str, str]:
    """(endpoint label, URL path) of one request from the mix."""
    r = rng.random()
    if r < 0.30:
        kind, state = rng.choice(KINDS), rng.choice(STATES)
        return rng.choice([
            ("/api/facts", "/api/facts"),
            ("/api/facts?kind&country", f"/api/facts?kind={kind}&country={state}"),
            ("/api/facts?kind&sort", f"/api/facts?kind={kind}&sort=confidence&order=asc"),
            ("/api/facts?date range", f"/api/facts?date_from={rng.randint(2014, 2024)}"
                                      f"&date_to={rng.randint(2014, 2024)}&kind={kind}"),
            ("/api/facts?page (deep)", f"/api/facts?page={rng.randint(2, 2000)}")])
    if r < 0.50:
        return "/api/documents/{ref}", f"/api/documents/bench-{rng.randrange(n_docs)}"
    if r < 0.65:
        return "/api/actors/{query}", f"/api/actors/{rng.choice(ACTORS)}"
    if r < 0.72:
        return "/api/actors/{query}/timeline", f"/api/actors/{rng.choice(ACTORS)}/timeline"
    if r < 0.85:
        kind = rng.choice([None, *KINDS])
        page = rng.randint(1, 40)
        return "/api/review", f"/api/review?page={page}" + (f"&kind={kind}" if kind else "")
    if r < 0.97:
        return "/api/home", "/api/home"
    # the map answers with every placed fact (5-10 MB at 100,000 facts): rarely asked
    return "/api/map", rng.choice(["/api/map", "/api/map?kind=events"])


async def client(base: str, seed: int, n_docs: int, until: float,
                 times: dict[str, list[float]], errors: dict[str, list[str]]) -> None:
    rng = random.Random(seed)
    # a connection idle for 4 s is not reused: the server closes idle ones after 5 s
    limits = httpx.Limits(keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=base, timeout=60.0, limits=limits) as http:
        while time.perf_counter() < until:
            label, path = request(rng, n_docs)
            started = time.perf_counter()
            try:
                response = await http.get(path)
                if response.status_code != 200:
                    errors[label].append(f"{path}: HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors[label].append(f"{path}: {type(exc).__name__} {exc}")
            times[label].append((time.perf_counter() - started) * 1000)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def report(times: dict[str, list[float]], errors: dict[str, list[str]], seconds: float) -> int:
    print(f"{'endpoint':32} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    every: list[float] = []
    for label in sorted(times):
        t = times[label]
        every += t
        print(f"{label:32} {len(t):8} {len(errors[label]):6} {len(t) / seconds:7.1f} "
              f"{percentile(t, .5):8.0f} {percentile(t, .95):8.0f} {percentile(t, .99):8.0f} "
              f"{max(t):8.0f}")
    n_errors = sum(len(e) for e in errors.values())
    print(f"{'all':32} {len(every):8} {n_errors:6} {len(every) / seconds:7.1f} "
          f"{percentile(every, .5):8.0f} {percentile(every, .95):8.0f} "
          f"{percentile(every, .99):8.0f} {max(every):8.0f}")
    for label, items in errors.items():
        for e in items[:3]:
            print(f"  error {label}: {e}")
    return n_errors


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 900) -> float:
    """Seconds until the server answers and its consolidation is built (the first actor
    request waits for the consolidation the server started at launch). Adds persons of CAN
    to the actors the clients ask for."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        try:
            response = httpx.get(base + "/api/actors/CAN", timeout=timeout)
        except httpx.HTTPError:
            time.sleep(0.5)
            continue
        if response.status_code == 200:
            ACTORS.extend(p["id"].replace(" ", "%20") for p in response.json()["persons"][:2])
            httpx.get(base + "/api/home", timeout=timeout)  # waits for the warm-up's reads
            return time.perf_counter() - started
    raise SystemExit("server not ready in time")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None,
                    help="SQLite file (default /tmp/sitrep-bench-N.db)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--host", default="127.0.0.1", help="loopback address to serve on")
    args = ap.parse_args()
    if not loopback(args.host):
        raise SystemExit(f"refusing {args.host!r}: the load test runs on loopback only")
    path = args.db or Path(f"/tmp/sitrep-bench-{args.facts}.db")
    build_sqlite(path, args.facts).dispose()
    port = free_port(args.host)
    base = f"http://{args.host}:{port}"
    sitrep = Path(sys.executable).with_name("sitrep")
    log = open(f"/tmp/sitrep-load-{port}.log", "wb")  # noqa: SIM115
    server = subprocess.Popen([str(sitrep), "serve", "--db", str(path), "--host", args.host,
                               "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        ready = wait_ready(base, server)
        print(f"server {base} over {path} ({args.facts:,} facts) ready in {ready:.1f} s "
              f"(includes the one-off consolidation)")
        times: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, list[str]] = defaultdict(list)
        started = time.perf_counter()
        until = started + args.seconds

        async def run() -> None:
            await asyncio.gather(*(client(base, i, args.facts // 10, until, times, errors)
                                   for i in range(args.clients)))

        asyncio.run(run())
        elapsed = time.perf_counter() - started
        print(f"{args.clients} clients for {elapsed:.0f} s")
        failed = report(times, errors, elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
