"""Benchmarks of gitlab-users-client against python-gitlab, gidgetlab and hand-written floors.

Run through ``make bench`` (or ``bash benchmarks/run.sh [options]``); see README.md.
Every (client, scenario) run is a fresh ``clients.py`` process talking to a local
``server.py`` process; this script starts them, checks the server's answers parse with the
SDK's own models, collects medians, ratios and targets, and writes the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
import warnings
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
README = HERE / "README.md"
PY = sys.executable
MARK_START, MARK_END = "<!-- results:start -->", "<!-- results:end -->"

SDK = "sdk-default"
#: Raw httpx (httpx's own transport, as the SDK's default) with the SDK's models: what the
#: SDK adds on top of its transport is the distance to this one, in every scenario.
SAME_TRANSPORT_FLOOR = "floor-httpx-pydantic"
#: The same on the SDK's opt-in engine (transport="asyncio"), for its rows.
ENGINE_FLOOR = "floor-engine-pydantic"
FASTEST_FLOOR = "floor-aiohttp-orjson"
BASELINE = "python-gitlab"

CLIENT_NOTES = {
    "sdk-default": "this SDK, default transport (httpx's own client: httpcore)",
    "sdk-default-gather": "this SDK, default transport, gets via asyncio.gather bounded by max_concurrency=32",
    "sdk-asyncio": "this SDK, transport='asyncio' (opt-in: its own engine, asyncio protocols, strict HTTP/1.1)",
    "sdk-aiohttp": "this SDK, transport='aiohttp' (opt-in: the SDK's adapter over aiohttp)",
    "sdk-scan": "this SDK, default transport, `async with gl.users.scan() as users`: every user once, order not kept, fetching while users are handed out, pages in flight adapted to the server",
    "sdk-scan-plain": "sdk-scan iterated with a plain `async for` (rounds; nothing runs between two users)",
    "sdk-scan-asyncio": "sdk-scan on transport='asyncio'",
    "sdk-scan-aiohttp": "sdk-scan on transport='aiohttp'",
    "python-gitlab": "python-gitlab 8.6.0, sync; gets in a 32-thread pool",
    "python-gitlab-threads": "python-gitlab 8.6.0, offset pages in 8 threads (its fastest listing)",
    "gidgetlab": "gidgetlab 2.1.2, httpx backend",
    "floor-httpx-json": "floor: raw httpx.AsyncClient + json.loads",
    "floor-httpx-pydantic": "floor: raw httpx.AsyncClient + TypeAdapter.validate_json (the same-transport floor of the default)",
    "floor-aiohttp-orjson": "floor: raw aiohttp + orjson (fastest Python does)",
    "floor-httpx-aiohttp-pydantic": "floor: HttpxAiohttpClient + TypeAdapter.validate_json",
    "floor-engine-pydantic": "floor: raw httpx.AsyncClient on the SDK's own engine + TypeAdapter.validate_json (the floor of transport='asyncio')",
    "floor-httpx-scan": "floor: a hand-written scan, raw httpx.AsyncClient + json.loads, 16 even windows cut knowing the data (the same-transport floor of the scan)",
    "floor-aiohttp-scan": "floor: the same hand-written scan on raw aiohttp + orjson",
}
#: The SDK on every engine, side by side: the default first, then the opt-in engines.
SDK_ENGINES = ["sdk-default", "sdk-asyncio", "sdk-aiohttp"]
#: gl.users.scan() on the same engines.
SCAN_CLIENTS = ["sdk-scan", "sdk-scan-asyncio", "sdk-scan-aiohttp"]
#: Hand-written scans that know the data, on the default's transport and on aiohttp.
SCAN_FLOORS = ["floor-httpx-scan", "floor-aiohttp-scan"]
LIST_CLIENTS = [
    *SDK_ENGINES,
    "python-gitlab",
    "gidgetlab",
    "floor-httpx-json",
    "floor-httpx-pydantic",
    "floor-aiohttp-orjson",
    "floor-engine-pydantic",
]
#: The fan-out also shows the SDK bounded only by its client, and the floor on aiohttp.
GET_CLIENTS = [
    *LIST_CLIENTS[:1],
    "sdk-default-gather",
    *LIST_CLIENTS[1:],
    "floor-httpx-aiohttp-pydantic",
]
STREAM_CLIENTS = [
    *SDK_ENGINES,
    "python-gitlab",
    "gidgetlab",
    "floor-httpx-json",
    "floor-aiohttp-orjson",
    "floor-httpx-pydantic",
    "floor-engine-pydantic",
]

#: A GitLab-like server: 100 ms per list page, 30 ms per other request, 8 served at once.
GITLAB_LIKE = {"list_latency": 0.1, "get_latency": 0.03, "workers": 8}
#: GitLab.com's instance throttle: a 40 ms round trip, fixed windows of 5 s per token;
#: RateLimit-* on every response ("headers") or on the 429s only ("noheaders").
RATE_LIMITED = {"list_latency": 0.04, "get_latency": 0.04, "workers": 0, "rate_period": 5}


def rate_limited(limit: int, headers: bool) -> dict[str, Any]:
    return {**RATE_LIMITED, "rate_limit": limit, "rate_headers": headers}


FRESH_CLIENTS = [*SDK_ENGINES, "python-gitlab", "floor-httpx-pydantic", "floor-engine-pydantic"]

# name -> (workload, users on the server, gets ids, clients, server model, runs); quick mode
# divides sizes by 10. "fresh": the figure that matters is the whole process (proc_wall).
SCENARIOS: dict[str, dict[str, Any]] = {
    "one-get": {
        "kind": "one-get",
        "users": 100,
        "clients": FRESH_CLIENTS,
        "fresh": True,
        "runs": 15,
    },
    # The same against a server that takes 30 ms to render the user, as GitLab does: what
    # a fresh process waits for in the field, where imports can overlap the server's work.
    "one-get-gitlab": {
        "kind": "one-get",
        "users": 100,
        "clients": FRESH_CLIENTS,
        "fresh": True,
        "server": GITLAB_LIKE,
        "runs": 15,
    },
    "first-page": {
        "kind": "first-page",
        "users": 1_000,
        "clients": FRESH_CLIENTS,
        "fresh": True,
        "runs": 15,
    },
    "gitlab-list": {
        "kind": "natural-list",
        "users": 20_000,
        "clients": [
            "sdk-default",
            *SCAN_CLIENTS,
            "sdk-scan-plain",
            "python-gitlab",
            "python-gitlab-threads",
            *SCAN_FLOORS,
        ],
        # A listing's floors are hand-written scans of the same users.
        "floors": {"same": SCAN_FLOORS[0], "fastest": SCAN_FLOORS[1]},
        "server": GITLAB_LIKE,
        "runs": 2,
        "warmups": 0,
        # 200 pages of 100 ms, 8 at a time
        "bound": {"kind": "workers", "requests": 200, "latency": 0.1, "workers": 8},
    },
    "gitlab-gets": {
        "kind": "gets",
        "users": 20_000,
        "gets": 2_000,
        "clients": [*SDK_ENGINES, "python-gitlab"],
        "server": GITLAB_LIKE,
        "runs": 2,
        "warmups": 0,
        "bound": {"kind": "workers", "requests": 2_000, "latency": 0.03, "workers": 8},
    },
    # GitLab.com-style throttle, 100 requests per 5 s: a scan of 20,000 users
    "ratelimit-scan": {
        "kind": "natural-list",
        "users": 20_000,
        "clients": ["sdk-scan", "python-gitlab-threads"],
        "server": rate_limited(100, headers=True),
        "runs": 2,
        "warmups": 0,
        "bound": {"kind": "windows"},
    },
    "ratelimit-scan-noheaders": {
        "kind": "natural-list",
        "users": 20_000,
        "clients": ["sdk-scan", "python-gitlab-threads"],
        "server": rate_limited(100, headers=False),
        "runs": 2,
        "warmups": 0,
        "bound": {"kind": "windows"},
    },
    # ... and 2,000 GETs at 400 per 5 s
    "ratelimit-gets": {
        "kind": "gets",
        "users": 20_000,
        "gets": 2_000,
        "clients": ["sdk-default", "sdk-asyncio", "python-gitlab"],
        "server": rate_limited(400, headers=True),
        "runs": 2,
        "warmups": 0,
        "bound": {"kind": "windows"},
    },
    "ratelimit-gets-noheaders": {
        "kind": "gets",
        "users": 20_000,
        "gets": 2_000,
        "clients": ["sdk-default", "sdk-asyncio", "python-gitlab"],
        "server": rate_limited(400, headers=False),
        "runs": 2,
        "warmups": 0,
        "bound": {"kind": "windows"},
    },
    "list-offset": {"kind": "list-offset", "users": 20_000, "clients": LIST_CLIENTS},
    "list-keyset": {"kind": "list-keyset", "users": 20_000, "clients": LIST_CLIENTS},
    "gets": {"kind": "gets", "users": 20_000, "gets": 2_000, "clients": GET_CLIENTS},
    "stream-100k": {"kind": "stream", "users": 100_000, "clients": STREAM_CLIENTS},
    "stream-10k": {"kind": "stream", "users": 10_000, "clients": STREAM_CLIENTS},
    "import": {"kind": "import", "clients": ["sdk", "httpx+pydantic"]},
}
IMPORTS = {
    "sdk": "import gitlab_users_client",
    "httpx+pydantic": "import httpx, pydantic",
}
SLOW_SECONDS = 3.0  # a warm-up slower than this gets SLOW_RUNS measured runs
SLOW_RUNS = 3
CLIENT_TIMEOUT = 300


# ---------------------------------------------------------------------------- helpers


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, users: int, details: int, model: dict[str, float] | None = None) -> None:
        model = model or {}
        self.proc = subprocess.Popen(
            [
                PY,
                str(HERE / "server.py"),
                "--users",
                str(users),
                "--prerender-details",
                str(details),
                "--max-seconds",
                "1800",
                "--list-latency",
                str(model.get("list_latency", 0)),
                "--get-latency",
                str(model.get("get_latency", 0)),
                "--workers",
                str(int(model.get("workers", 0))),
                *(
                    [
                        "--rate-limit",
                        str(model["rate_limit"]),
                        "--rate-period",
                        str(model["rate_period"]),
                    ]
                    + (["--rate-headers"] if model.get("rate_headers") else [])
                    if model.get("rate_limit")
                    else []
                ),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            self.proc.kill()
            raise RuntimeError(f"the server did not start: {line!r}")
        self.port = int(line.split()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.users = users

    def cpu(self) -> float:
        return cpu_seconds(self.proc.pid)

    def throttle_stats(self, reset: bool = False) -> dict[str, Any]:
        """What the rate-limited server's throttle saw (``/-/bench-stats``)."""
        query = "?reset=1" if reset else ""
        with urllib.request.urlopen(f"{self.url}/-/bench-stats{query}", timeout=30) as answer:
            stats: dict[str, Any] = json.loads(answer.read())
        return stats

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def self_check(server: Server) -> None:
    """The server's pages and users must parse with the SDK's own response parsers."""
    import httpx

    from gitlab_users_client._contract.models import parse_body
    from gitlab_users_client._generated.api.users import users_get, users_list
    from gitlab_users_client.models import UserDetailsWithAdmin, UserWithAdmin

    def parse(module: Any, response: httpx.Response) -> Any:
        """The body as the client parses it (``AsyncGitLab._call``)."""
        return parse_body(module.RESPONSES[response.status_code], response.content)

    headers = {"PRIVATE-TOKEN": "x"}
    with httpx.Client(base_url=f"{server.url}/api/v4", headers=headers) as http:
        page = http.get("/users", params={"per_page": 100, "page": 1, "sort": "asc"})
        items = parse(users_list, page)
        want = min(100, server.users)
        assert len(items) == want, (len(items), want)
        assert all(isinstance(item, UserWithAdmin) for item in items), "not parsed as UserWithAdmin"
        assert len(page.json()[0]) >= 45, "fewer than 45 fields per user"
        total_known = server.users <= 10_000
        assert ("x-total" in page.headers) is total_known, "X-Total rule broken"
        assert page.headers["x-next-page"] == ("2" if server.users > 100 else "")
        assert page.headers["x-prev-page"] == ""
        assert ('rel="last"' in page.headers["link"]) is total_known
        keyset = http.get(
            "/users",
            params={"pagination": "keyset", "order_by": "id", "sort": "asc", "per_page": 100},
        )
        assert len(parse(users_list, keyset)) == want
        if server.users > 100:
            assert keyset.links["next"]["url"].startswith(server.url)
            assert "x-next-page" not in keyset.headers
            assert "x-total" not in keyset.headers
        if server.users > 10:
            # created_after/created_before: inclusive, combined with keyset (what scan uses).
            ten = parse(
                users_list,
                http.get(
                    "/users",
                    params={
                        "pagination": "keyset",
                        "order_by": "id",
                        "sort": "asc",
                        "per_page": 10,
                    },
                ),
            )
            after, before = ten[2].created_at, ten[6].created_at
            assert after is not None
            assert before is not None
            window = http.get(
                "/users",
                params={
                    "pagination": "keyset",
                    "order_by": "id",
                    "sort": "desc",
                    "per_page": 100,
                    "created_after": after.isoformat(),
                    "created_before": before.isoformat(),
                },
            )
            assert [u.id for u in parse(users_list, window)] == [7, 6, 5, 4, 3]
        if server.users:
            one = parse(users_get, http.get("/users/1"))
            assert isinstance(one, UserDetailsWithAdmin), type(one)
        assert http.get("/users/999999999").status_code == 404
        assert httpx.get(f"{server.url}/api/v4/users").status_code == 401


def run_client(client: str, scenario: dict[str, Any], server: Server) -> dict[str, Any]:
    cmd = [PY, str(HERE / "clients.py"), client, scenario["kind"], server.url]
    if scenario["kind"] == "gets":
        step = max(1, server.users // scenario["gets"])
        cmd += ["--ids", f"1:{step * scenario['gets'] + 1}:{step}"]
    env = None
    throttled = scenario.get("bound", {}).get("kind") == "windows"
    if throttled:
        # A token of its own: every run starts with a whole budget, as a new job would.
        token = f"glpat-run-{uuid.uuid4().hex[:12]}"
        env = {**os.environ, "BENCH_TOKEN": token}
        server.throttle_stats(reset=True)
    cpu0, t0 = server.cpu(), time.perf_counter()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, timeout=CLIENT_TIMEOUT, check=False, env=env
    )
    proc_wall = time.perf_counter() - t0
    server_cpu = server.cpu() - cpu0
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"error": tail[:200]}
    result = json.loads(lines[-1])
    expected = {
        "gets": scenario.get("gets"),
        "one-get": 1,
        "first-page": min(100, server.users),
    }.get(scenario["kind"], server.users)
    if result["items"] != expected:
        return {"error": f"got {result['items']} items, expected {expected}"}
    result["proc_wall"] = proc_wall
    result["server_cpu"] = server_cpu
    result["server_share"] = server_cpu / result["wall"] if result["wall"] > 0 else 0.0
    bound = scenario.get("bound")
    if throttled:
        result.update(window_bound(server.throttle_stats(), token))
    elif bound:
        # The server's worker capacity: every request's service time, `workers` at once.
        result["bound"] = bound["requests"] * bound["latency"] / bound["workers"]
        result["x_bound"] = result["wall"] / result["bound"]
    return result


def window_bound(stats: dict[str, Any], token: str) -> dict[str, Any]:
    """A run on the rate-limited server against the window arithmetic.

    The throttle allows ``limit`` requests per window of ``period`` seconds, windows
    aligned to the Unix epoch. A run whose first request arrived ``phase`` seconds into
    its window and that made ``n`` requests the server accepted cannot finish before
    ``ceil(n / limit) - 1`` more windows have opened, plus a round trip: that is its
    bound, counted from its first request (``span`` is from the first request's arrival
    to the last response). 429s spend the budget too, and show in ``x_bound``.
    """
    limit, period = stats["limit"], stats["period"]
    # The server keys its counts by the credential header's value, lowercased
    # ("bearer glpat-..." for the SDK, the bare token for PRIVATE-TOKEN).
    mine = [key for key in stats["windows"] if key.endswith(token.lower())]
    windows = {int(k): v for k, v in stats["windows"][mine[0]].items()} if mine else {}
    accepted = sum(v["ok"] for v in windows.values())
    refused = [windows[k]["429"] for k in sorted(windows)]
    first, last = stats["first_at"], stats["last_at"]
    phase = first - (first // period) * period
    needed = math.ceil(accepted / limit)
    round_trip = RATE_LIMITED["get_latency"]
    bound = (needed - 1) * period - phase + round_trip if needed > 1 else round_trip
    span = last - first
    # Before its first 429 a client may know nothing of the limit (headers on 429s
    # only): the window of the first 429 is told apart from the windows after it.
    first_refused = next((i for i, count in enumerate(refused) if count), len(refused))
    return {
        "span": span,
        "bound": bound,
        "x_bound": span / bound,
        "requests": accepted + sum(refused),
        "refused": sum(refused),
        "refused_first": refused[first_refused] if first_refused < len(refused) else 0,
        "refused_later": max(refused[first_refused + 1 :], default=0),
        "windows": len(windows),
        "per_window": [windows[k]["ok"] for k in sorted(windows)],
    }


def summarize(samples: list[dict[str, Any]]) -> dict[str, Any]:
    def med(key: str) -> float:
        return statistics.median(sample[key] for sample in samples)

    summary = {
        "runs": len(samples),
        "wall": med("wall"),
        "cpu": med("cpu"),
        "rss_mib": med("rss_kb") / 1024,
        "items": samples[0]["items"],
        "proc_wall": med("proc_wall"),
        "server_share": med("server_share"),
        "walls": [round(sample["wall"], 4) for sample in samples],
    }
    for key in ("bound", "x_bound", "span", "requests"):
        if key in samples[0]:
            summary[key] = med(key)
    for key in ("refused", "refused_first", "refused_later", "windows"):
        if key in samples[0]:
            summary[key] = max(sample[key] for sample in samples)  # the worst run
    return summary


def run_scenario(name: str, spec: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    clients = [c for c in spec["clients"] if not args.client or c in args.client]
    users = spec["users"] // (10 if args.quick else 1)
    scenario = dict(spec)
    if "gets" in spec:
        scenario["gets"] = spec["gets"] // (10 if args.quick else 1)
    model = spec.get("server")
    server = Server(users, details=users if spec["kind"] in ("gets", "one-get") else 0)
    print(f"\n== {name}: {users:,} users on {server.url}", flush=True)
    try:
        self_check(server)
        print("   self-check: pages and users parse with the SDK's models", flush=True)
        if model:
            # The checks run at full speed; the measured runs against the GitLab-like one.
            server.stop()
            details = users if spec["kind"] in ("gets", "one-get") else 0
            server = Server(users, details=details, model=model)
            if model.get("rate_limit"):
                print(
                    f"   rate-limited server: {model['rate_limit']} requests per "
                    f"{model['rate_period']} s window and token, "
                    f"{model['get_latency'] * 1000:.0f} ms round trip, RateLimit-* "
                    + ("on every response" if model.get("rate_headers") else "on 429s only"),
                    flush=True,
                )
            else:
                print(
                    f"   GitLab-like server: {model['list_latency'] * 1000:.0f} ms per list "
                    f"page, {model['get_latency'] * 1000:.0f} ms per other request, "
                    f"{model['workers']} served at once",
                    flush=True,
                )
        warmups = 0 if args.quick else spec.get("warmups", 1)
        wanted = 1 if args.quick else spec.get("runs", args.runs)
        runs = {client: wanted for client in clients}
        samples: dict[str, list[dict[str, Any]]] = {client: [] for client in clients}
        errors: dict[str, str] = {}
        for client in clients:
            for _ in range(warmups):
                result = run_client(client, scenario, server)
                if "error" in result:
                    errors[client] = result["error"]
                    print(f"   {client:30s} warm-up FAILED: {result['error']}", flush=True)
                elif result["wall"] > SLOW_SECONDS and runs[client] > SLOW_RUNS and not model:
                    runs[client] = SLOW_RUNS
        for rep in range(max(runs.values(), default=0)):
            for client in clients:  # interleaved, so drift hits every client alike
                if client in errors or rep >= runs[client]:
                    continue
                result = run_client(client, scenario, server)
                if "error" in result:
                    errors[client] = result["error"]
                    print(f"   {client:30s} FAILED: {result['error']}", flush=True)
                    continue
                samples[client].append(result)
        out: dict[str, Any] = {"users": users, "clients": {}}
        if spec.get("fresh"):
            out["fresh"] = True
        if model:
            out["server_model"] = model
        if "gets" in scenario:
            out["gets"] = scenario["gets"]
        for client in clients:
            if client in errors:
                out["clients"][client] = {"error": errors[client]}
            elif samples[client]:
                out["clients"][client] = summarize(samples[client])
                s = out["clients"][client]
                extra = ""
                if "refused" in s:
                    extra = (
                        f"  span {s['span']:6.2f}s / bound {s['bound']:6.2f}s = "
                        f"{s['x_bound']:.3f}x  requests {s['requests']:.0f}  "
                        f"429s {s['refused']} (in the window of the first "
                        f"{s['refused_first']}, then at most {s['refused_later']} per window)"
                    )
                elif "x_bound" in s:
                    extra = f"  bound {s['bound']:.2f}s: {s['x_bound']:.3f}x"
                print(
                    f"   {client:30s} process {s['proc_wall']:7.3f}s  "
                    f"wall {s['wall']:7.3f}s  cpu {s['cpu']:7.3f}s  "
                    f"rss {s['rss_mib']:6.1f} MiB  server {s['server_share']:5.1%}  (n={s['runs']})"
                    + extra,
                    flush=True,
                )
        shares = [x["server_share"] for c in clients for x in samples[c]]
        out["server_share_median"] = statistics.median(shares) if shares else None
        out["server_share_max"] = max(shares) if shares else None
        add_ratios(out, name)
        return out
    finally:
        server.stop()


def add_ratios(out: dict[str, Any], scenario: str) -> None:
    clients = out["clients"]
    # Fresh-process scenarios compare whole processes (interpreter start included).
    metric = "proc_wall" if out.get("fresh") else "wall"

    def wall(client: str) -> float | None:
        entry = clients.get(client)
        return entry.get(metric) if entry else None

    floors = SCENARIOS.get(scenario, {}).get("floors", {})
    for entry in clients.values():
        if metric not in entry:
            continue
        for key, ref in (
            ("x_same_transport_floor", floors.get("same", SAME_TRANSPORT_FLOOR)),
            ("x_fastest_floor", floors.get("fastest", FASTEST_FLOOR)),
        ):
            ref_wall = wall(ref)
            entry[key] = entry[metric] / ref_wall if ref_wall else None
        base = wall(BASELINE)
        entry["speedup_vs_python_gitlab"] = base / entry[metric] if base else None


def run_imports(args: argparse.Namespace) -> dict[str, Any]:
    repeats = 5 if args.quick else max(15, args.import_runs)
    names = list(IMPORTS)
    print(f"\n== import: {repeats} fresh interpreters per statement, interleaved", flush=True)
    times: dict[str, list[float]] = {name: [] for name in names}
    for rep in range(repeats + 1):  # the first round warms the pyc and page caches
        for name in names:
            t0 = time.perf_counter()
            subprocess.run([PY, "-c", IMPORTS[name]], check=True)
            if rep:
                times[name].append(time.perf_counter() - t0)
    out: dict[str, Any] = {"runs": repeats, "clients": {}}
    for name in names:
        out["clients"][name] = {
            "statement": IMPORTS[name],
            "wall": statistics.median(times[name]),
            "walls": [round(t, 4) for t in times[name]],
        }
        print(
            f"   {IMPORTS[name]:45s} median {out['clients'][name]['wall'] * 1000:6.1f} ms",
            flush=True,
        )
    return out


# ---------------------------------------------------------------------------- targets


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def wall(scenario: str, client: str, key: str = "wall") -> float | None:
        entry = results.get(scenario, {}).get("clients", {}).get(client, {})
        return entry.get(key)

    def add(name: str, value: float | None, op: str, limit: float, unit: str = "x") -> None:
        if not any(name.startswith(scenario) for scenario in results):
            return  # the scenario was not run
        if value is None:
            found.append(
                {"target": name, "value": None, "limit": f"{op} {limit}{unit}", "pass": None}
            )
            return
        ok = value >= limit if op == ">=" else value <= limit
        found.append(
            {"target": name, "value": round(value, 3), "limit": f"{op} {limit}{unit}", "pass": ok}
        )

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a and b else None

    def info(name: str, value: float | None) -> None:
        # Not a target: context for reading the targets (CPU is less disturbed by
        # background load than wall time; the floor shows what the transport allows).
        if value is None:
            return
        rounded = None if value is None else round(value, 3)
        found.append({"target": f"(info) {name}", "value": rounded, "limit": "", "pass": "info"})

    add(
        "one-get (fresh process, whole): SDK / python-gitlab",
        ratio(wall("one-get", SDK, "proc_wall"), wall("one-get", BASELINE, "proc_wall")),
        "<=",
        1.3,
    )
    for engine in SDK_ENGINES[1:]:
        info(
            f"one-get (fresh process, whole): {engine} / python-gitlab",
            ratio(wall("one-get", engine, "proc_wall"), wall("one-get", BASELINE, "proc_wall")),
        )
    info(
        "one-get (fresh process, whole): SDK / same-transport floor",
        ratio(
            wall("one-get", SDK, "proc_wall"), wall("one-get", SAME_TRANSPORT_FLOOR, "proc_wall")
        ),
    )
    # The same target where the server takes the time GitLab takes to answer.
    add(
        "one-get-gitlab (30 ms server, fresh process, whole): SDK / python-gitlab",
        ratio(
            wall("one-get-gitlab", SDK, "proc_wall"), wall("one-get-gitlab", BASELINE, "proc_wall")
        ),
        "<=",
        1.3,
    )
    info(
        "one-get-gitlab (30 ms server, fresh process, whole): SDK / same-transport floor",
        ratio(
            wall("one-get-gitlab", SDK, "proc_wall"),
            wall("one-get-gitlab", SAME_TRANSPORT_FLOOR, "proc_wall"),
        ),
    )
    info(
        "first-page (fresh process, whole): SDK / python-gitlab",
        ratio(wall("first-page", SDK, "proc_wall"), wall("first-page", BASELINE, "proc_wall")),
    )
    n = results.get("gitlab-list", {}).get("users", 0)
    add(
        f"gitlab-list {n:,} (100 ms pages, 8 workers): python-gitlab wall / SDK scan wall",
        ratio(wall("gitlab-list", BASELINE), wall("gitlab-list", "sdk-scan")),
        ">=",
        5,
    )
    for scan in ("sdk-scan-asyncio", "sdk-scan-aiohttp"):
        info(
            f"gitlab-list: python-gitlab wall / {scan} wall",
            ratio(wall("gitlab-list", BASELINE), wall("gitlab-list", scan)),
        )
    info(
        "gitlab-list: python-gitlab wall / SDK list() wall (ordered, one page at a time)",
        ratio(wall("gitlab-list", BASELINE), wall("gitlab-list", SDK)),
    )
    add(
        "gitlab-list: SDK scan wall / the server's bound (200 pages x 100 ms / 8 workers)",
        wall("gitlab-list", "sdk-scan", "x_bound"),
        "<=",
        1.15,
    )
    info(
        "gitlab-list: python-gitlab-threads (8 threads over offset pages) wall / SDK scan wall",
        ratio(wall("gitlab-list", "python-gitlab-threads"), wall("gitlab-list", "sdk-scan")),
    )
    info(
        "gitlab-list: python-gitlab-threads wall / the server's bound",
        wall("gitlab-list", "python-gitlab-threads", "x_bound"),
    )
    info(
        "gitlab-list: SDK scan in a plain async for (rounds) wall / the server's bound",
        wall("gitlab-list", "sdk-scan-plain", "x_bound"),
    )
    for floor in SCAN_FLOORS:
        info(
            f"gitlab-list: {floor} wall / the server's bound", wall("gitlab-list", floor, "x_bound")
        )
        info(
            f"gitlab-list: SDK scan wall / {floor} wall",
            ratio(wall("gitlab-list", "sdk-scan"), wall("gitlab-list", floor)),
        )
    for engine in SDK_ENGINES:
        info(
            f"gitlab-gets (30 ms each, 8 workers): python-gitlab wall / {engine} wall",
            ratio(wall("gitlab-gets", BASELINE), wall("gitlab-gets", engine)),
        )
    info(
        "gitlab-gets: SDK wall / the server's bound (2,000 x 30 ms / 8 workers)",
        wall("gitlab-gets", SDK, "x_bound"),
    )
    # The default path's burst at each window's start is httpcore's pool bookkeeping
    # (CPU-bound under load); the opt-in engine shows the pacing alone.
    for scenario in ("ratelimit-gets", "ratelimit-gets-noheaders"):
        info(
            f"{scenario}: sdk-asyncio span / window bound",
            wall(scenario, "sdk-asyncio", "x_bound"),
        )
        info(f"{scenario}: sdk-asyncio 429s", wall(scenario, "sdk-asyncio", "refused"))
    for scenario, client, rival in (
        ("ratelimit-scan", "sdk-scan", "python-gitlab-threads"),
        ("ratelimit-gets", SDK, BASELINE),
    ):
        add(
            f"{scenario} (RateLimit-* on every response): SDK span / window bound",
            wall(scenario, client, "x_bound"),
            "<=",
            1.05,
        )
        add(
            f"{scenario} (RateLimit-* on every response): SDK 429s",
            wall(scenario, client, "refused"),
            "<=",
            0,
            "",
        )
        info(
            f"{scenario}: {rival} span / window bound",
            wall(scenario, rival, "x_bound"),
        )
        info(f"{scenario}: {rival} 429s", wall(scenario, rival, "refused"))
        info(
            f"{scenario}: {rival} wall / SDK wall",
            ratio(wall(scenario, rival), wall(scenario, client)),
        )
        quiet = f"{scenario}-noheaders"
        add(
            f"{quiet} (RateLimit-* on 429s only): SDK 429s per window after the first 429's",
            wall(quiet, client, "refused_later"),
            "<=",
            1,
            "",
        )
        info(
            f"{quiet}: SDK 429s in the window of the first (in flight when it came back)",
            wall(quiet, client, "refused_first"),
        )
        info(f"{quiet}: SDK span / window bound", wall(quiet, client, "x_bound"))
        info(f"{quiet}: {rival} 429s", wall(quiet, rival, "refused"))
        info(
            f"{quiet}: {rival} wall / SDK wall",
            ratio(wall(quiet, rival), wall(quiet, client)),
        )
    # On the zero-latency loopback the default sits at its transport's floor (the next
    # target); the 4x over python-gitlab is held, like the fan-out's, by the opt-in engine.
    for scenario in ("list-offset", "list-keyset"):
        n = results.get(scenario, {}).get("users", 0)
        info(
            f"{scenario} {n:,}: python-gitlab wall / SDK default wall",
            ratio(wall(scenario, BASELINE), wall(scenario, SDK)),
        )
        add(
            f"{scenario} {n:,}: python-gitlab wall / sdk-asyncio wall",
            ratio(wall(scenario, BASELINE), wall(scenario, "sdk-asyncio")),
            ">=",
            4,
        )
        add(
            f"{scenario} {n:,}: SDK wall / {SAME_TRANSPORT_FLOOR} wall",
            ratio(wall(scenario, SDK), wall(scenario, SAME_TRANSPORT_FLOOR)),
            "<=",
            1.15,
        )
    info(
        "list-offset: SDK CPU / floor CPU",
        ratio(wall("list-offset", SDK, "cpu"), wall("list-offset", SAME_TRANSPORT_FLOOR, "cpu")),
    )
    n = results.get("gets", {}).get("gets", 0)
    info(
        "gets: SDK wall / floor wall", ratio(wall("gets", SDK), wall("gets", SAME_TRANSPORT_FLOOR))
    )
    info(
        "gets: sdk-asyncio wall / its floor (raw httpx on the SDK's engine) wall",
        ratio(wall("gets", "sdk-asyncio"), wall("gets", ENGINE_FLOOR)),
    )
    info(
        "gets: python-gitlab wall / floor wall (best a client on this transport can do)",
        ratio(wall("gets", BASELINE), wall("gets", SAME_TRANSPORT_FLOOR)),
    )
    # The default's fan-out on a zero-latency loopback is httpcore's (a known, accepted
    # price: docs/bulk-jobs.md); the opt-in engine is the one held to the target.
    info(
        f"gets {n:,}: python-gitlab (32 threads) wall / SDK default wall",
        ratio(wall("gets", BASELINE), wall("gets", SDK)),
    )
    info(
        f"gets {n:,}: python-gitlab (32 threads) wall / sdk-aiohttp wall",
        ratio(wall("gets", BASELINE), wall("gets", "sdk-aiohttp")),
    )
    add(
        f"gets {n:,}: python-gitlab (32 threads) wall / sdk-asyncio wall",
        ratio(wall("gets", BASELINE), wall("gets", "sdk-asyncio")),
        ">=",
        2.5,
    )
    big, small = wall("stream-100k", SDK, "rss_mib"), wall("stream-10k", SDK, "rss_mib")
    add(
        "stream-100k vs stream-10k: SDK peak RSS(100k) - RSS(10k)",
        big - small if big is not None and small is not None else None,
        "<=",
        15,
        " MiB",
    )
    imp = results.get("import", {}).get("clients", {})
    add(
        "import: gitlab_users_client / httpx, pydantic",
        ratio(imp.get("sdk", {}).get("wall"), imp.get("httpx+pydantic", {}).get("wall")),
        "<=",
        1.3,
    )
    return found


# ---------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def versions() -> dict[str, str]:
    names = [
        "gitlab-users-client",
        "httpx",
        "httpcore",
        "httpx-aiohttp",
        "aiohttp",
        "pydantic",
        "pydantic-core",
        "anyio",
        "python-gitlab",
        "requests",
        "urllib3",
        "gidgetlab",
        "orjson",
    ]
    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def fmt(value: float | None, spec: str, suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def markdown(results: dict[str, Any], meta: dict[str, Any], found: list[dict[str, Any]]) -> str:
    m = meta["machine"]
    lines = [
        f"Run of {meta['date']} ({meta['mode']}, {meta['duration_s']:.0f} s): {m['nproc']} CPUs "
        f"({m['cpu']}), Python {m['python']}; SDK at {meta.get('sdk_git', 'unknown')}. "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        + ".",
        "",
        "Medians. `process s` = the whole client process, interpreter start included; "
        "`wall s`/`CPU s` = from before the client library is imported to the end. "
        "`fresh` scenarios (one-get, first-page) compare `process s`; the others `wall s`. "
        "`x floor` = wall / wall of the same-transport floor "
        f"(`{SAME_TRANSPORT_FLOOR}`: raw httpx, httpx's own transport as the SDK's default, with its models; "
        f"on gitlab-list `{SCAN_FLOORS[0]}`, a hand-written scan; lower is better); "
        f"`x orjson` = wall / `{FASTEST_FLOOR}` (on gitlab-list `{SCAN_FLOORS[1]}`); "
        "`vs p-gl` = python-gitlab wall / this wall (higher is better); `srv` = server CPU / client wall.",
        "",
        "`x bound` = wall / the server's bound (GitLab-like: its workers' capacity) or, on "
        "the rate-limited server, the span from the first request to the last response / "
        "the window arithmetic from that first request; `429s` = the most any run received.",
        "",
        "| scenario | client | runs | process s | wall s | CPU s | peak RSS MiB | x floor | x orjson | vs p-gl | srv | x bound | 429s |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, data in results.items():
        if name == "import":
            continue
        size = f"{data.get('gets', data['users']):,}"
        for client, e in data["clients"].items():
            if "error" in e:
                lines.append(
                    f"| {name} ({size}) | {client} | — | failed: {e['error'][:70]} | | | | | | | | | |"
                )
                continue
            bold = "**" if client == SDK else ""
            lines.append(
                f"| {name} ({size}) | {bold}{client}{bold} | {e['runs']} | {e['proc_wall']:.3f} | "
                f"{e['wall']:.3f} | {e['cpu']:.3f} | "
                f"{e['rss_mib']:.1f} | {fmt(e['x_same_transport_floor'], '.2f')} | "
                f"{fmt(e['x_fastest_floor'], '.1f')} | {fmt(e['speedup_vs_python_gitlab'], '.2f')} | "
                f"{e['server_share']:.0%} | {fmt(e.get('x_bound'), '.2f')} | "
                f"{e.get('refused', '—')} |"
            )
    if "import" in results:
        lines += [
            "",
            f"Import (median of {results['import']['runs']} fresh interpreters each, interleaved):",
            "",
        ]
        lines += ["| statement | median ms |", "|---|--:|"]
        for e in results["import"]["clients"].values():
            lines.append(f'| `python -c "{e["statement"]}"` | {e["wall"] * 1000:.1f} |')
    lines += ["", "| target | value | limit | result |", "|---|--:|--:|---|"]
    for t in found:
        verdict = {None: "n/a", "info": "info", True: "PASS", False: "**FAIL**"}[t["pass"]]
        lines.append(f"| {t['target']} | {fmt(t['value'], '.3f')} | {t['limit']} | {verdict} |")
    shares = {k: v.get("server_share_median") for k, v in results.items() if k != "import"}
    lines += [
        "",
        "Server CPU share (median over all runs of the scenario): "
        + ", ".join(f"{k} {fmt(v, '.0%')}" for k, v in shares.items())
        + ".",
    ]
    if meta.get("notes"):
        lines += ["", *meta["notes"]]
    return "\n".join(lines) + "\n"


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    scenarios = [
        s
        for s in (
            "one-get",
            "first-page",
            "gitlab-list",
            "gitlab-gets",
            "list-offset",
            "list-keyset",
            "gets",
            "stream-100k",
            "stream-10k",
        )
        if s in results
    ]
    clients = [
        c
        for c in [*GET_CLIENTS, *SCAN_CLIENTS]
        if any(c in results[s]["clients"] for s in scenarios)
    ]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(14, 9), constrained_layout=True)
    width = 0.8 / max(1, len(clients))
    for i, client in enumerate(clients):
        xs, floor_ratios, speedups = [], [], []
        for j, scenario in enumerate(scenarios):
            e = results[scenario]["clients"].get(client, {})
            xs.append(j + (i - len(clients) / 2 + 0.5) * width)
            floor_ratios.append(e.get("x_same_transport_floor") or 0)
            speedups.append(e.get("speedup_vs_python_gitlab") or 0)
        style = {"edgecolor": "black", "linewidth": 1.5} if client == SDK else {}
        ax1.bar(xs, floor_ratios, width, label=client, **style)
        ax2.bar(xs, speedups, width, label=client, **style)
    for ax in (ax1, ax2):
        ax.set_xticks(range(len(scenarios)), scenarios)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.yaxis.set_minor_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.grid(axis="y", which="both", alpha=0.3)
    ax1.axhline(1.15, color="red", linestyle="--", linewidth=1, label="SDK target 1.15x")
    ax1.set_ylabel("wall / same-transport floor\n(lower is better)")
    ax1.set_title(
        "Wall time relative to the same-transport floor "
        "(raw httpx, its own transport, + TypeAdapter)"
    )
    ax1.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax2.axhline(1, color="grey", linewidth=1)
    ax2.axhline(4, color="red", linestyle="--", linewidth=1, label="list target 4x")
    ax2.axhline(2.5, color="orange", linestyle="--", linewidth=1, label="gets target 2.5x")
    ax2.set_ylabel("python-gitlab wall / wall\n(higher is better)")
    ax2.set_title("Speed-up over python-gitlab")
    ax2.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_readme(table: str) -> None:
    text = README.read_text()
    start, end = text.find(MARK_START), text.find(MARK_END)
    if start < 0 or end < start:
        raise SystemExit(f"{README} lacks the {MARK_START} / {MARK_END} markers")
    README.write_text(text[: start + len(MARK_START)] + "\n" + table + text[end:])


# ---------------------------------------------------------------------------- main


def sdk_git() -> str:
    """The SDK's commit, and whether its package directory had uncommitted changes
    (the SDK is installed editable: the benchmark measures the working tree)."""
    root = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "gitlab_users_client"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def compile_sdk() -> None:
    """Write the SDK's bytecode next to its sources, as installing a wheel does.

    The SDK is installed editable. Where ``PYTHONDONTWRITEBYTECODE`` is set (CI images,
    containers, this project's sandboxes) every fresh process would otherwise compile
    it from source (~25 ms of a one-get process), a cost no installed package pays:
    python-gitlab and every other client here come with their bytecode. Files whose
    source changed are rewritten; unchanged ones are left alone.
    """
    import compileall

    compileall.compile_dir(str(HERE.parent / "gitlab_users_client"), quiet=1)


def publish(results: dict[str, Any], meta: dict[str, Any], *, full: bool) -> None:
    found = targets(results)
    print("\nTargets:")
    for t in found:
        verdict = {None: "n/a ", "info": "    ", True: "PASS", False: "FAIL"}[t["pass"]]
        want = f" (want {t['limit']})" if t["limit"] else ""
        print(f"  {verdict}  {t['target']}: {fmt(t['value'], '.3f')}{want}")
    table = markdown(results, meta, found)
    payload = {"meta": meta, "results": results, "targets": found}
    out_dir = RESULTS if full else RESULTS / "raw" / meta["mode"]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(payload, indent=2) + "\n")
    (out_dir / "table.md").write_text(table)
    try:
        with warnings.catch_warnings():  # partial runs may leave a panel empty
            warnings.simplefilter("ignore", UserWarning)
            plot(results, out_dir / "ratios.png")
    except Exception as exc:  # a plot must not lose the numbers
        print(f"plot failed: {exc!r}")
    if full:
        write_readme(table)
        print(
            f"\nwrote {out_dir / 'latest.json'}, {out_dir / 'ratios.png'} and the table in {README}"
        )
    else:
        print(
            f"\n{meta['mode']} run: wrote {out_dir}/ (latest.json, table.md, ratios.png); README untouched"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Benchmarks of gitlab-users-client (see README.md)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="sizes / 10, 1 run, no warm-up (smoke check)"
    )
    parser.add_argument(
        "--scenario",
        action="append",
        help=f"only these ({', '.join(SCENARIOS)}); repeat or comma-separate",
    )
    parser.add_argument(
        "--client", action="append", help="only these clients; repeat or comma-separate"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="measured runs per (client, scenario) (default 5)"
    )
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="re-render README table, ratios.png and targets from results/latest.json",
    )
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    for key in ("scenario", "client"):
        value = getattr(args, key)
        setattr(args, key, [x for v in value for x in v.split(",") if x] if value else None)
    unknown = set(args.scenario or ()) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    all_clients = (
        set(GET_CLIENTS)
        | set(IMPORTS)
        | set(SCAN_CLIENTS)
        | set(SCAN_FLOORS)
        | {"sdk-scan-plain", "python-gitlab-threads"}
    )
    if set(args.client or ()) - all_clients:
        parser.error(f"unknown client(s): {', '.join(sorted(set(args.client) - all_clients))}")
    full = not args.quick and not args.scenario and not args.client and args.runs >= 5
    if args.report_only:
        payload = json.loads((RESULTS / "latest.json").read_text())
        publish(payload["results"], payload["meta"], full=True)
        return
    git_state = sdk_git()
    compile_sdk()
    started = time.perf_counter()
    results: dict[str, Any] = {}
    for name, spec in SCENARIOS.items():
        if args.scenario and name not in args.scenario:
            continue
        if spec["kind"] == "import":
            results[name] = run_imports(args)
        else:
            results[name] = run_scenario(name, spec, args)
    mode = "quick" if args.quick else ("full" if full else "partial")
    notes = (
        [
            f"Runs: 1 warm-up + {args.runs} measured per (client, scenario); a client whose warm-up "
            f"took over {SLOW_SECONDS:.0f} s gets {SLOW_RUNS} measured runs (the `runs` column)."
        ]
        if not args.quick
        else ["Quick smoke run: sizes / 10, 1 run, no warm-up; not for comparison."]
    )
    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": mode,
        "duration_s": time.perf_counter() - started,
        "machine": machine(),
        "versions": versions(),
        "sdk_git": git_state,
        "notes": notes,
    }
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    raw = RESULTS / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    (raw / f"{stamp}-{mode}.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2) + "\n"
    )
    publish(results, meta, full=full)
    print(f"total {meta['duration_s']:.0f} s")


if __name__ == "__main__":
    main()
