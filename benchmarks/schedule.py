"""Where a GitLab-like server's workers sat idle during a client's run.

    python schedule.py [--client sdk-scan[,sdk-scan-plain...]] [--runs N] [--users N]

Starts ``server.py`` in GitLab-like mode (``bench.py``'s ``gitlab-list`` model: 100 ms per
list page, 30 ms per other request, 8 workers), runs each client's ``natural-list``
workload in a fresh process (``clients.py``) and reads the server's ``/-/bench-timing``:
when each request arrived, was taken by a worker and was answered. For each run it prints

* ``to 1st page``: from the client process's start (before its imports) to a worker
  taking the first full page, and how many other requests arrived before its answer
  left (probes and planning sent with it or waiting for it);
* the idle worker-seconds before the first request arrived (imports, client set-up),
  at the start (until every worker is busy for the first time), in the middle and in the
  tail (after the last moment every worker was busy);
* the requests that were not full pages (probes, counts, empty windows) and the worker
  time they took;
* the busy workers per 100 ms, one digit each (``8`` = all of them);
* the client's wall and CPU seconds, and its wall against the server's bound (``bench.py``'s:
  a full page per 100 users, each page's service time spread over the workers).

Wall numbers move with the machine's load (printed with them); the idle worker-seconds
and the request counts move much less.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import CLIENT_TIMEOUT, GITLAB_LIKE, Server, compile_sdk  # noqa: E402

FULL = 100  # rows of a full page (what the clients ask for)


def timing(server: Server, reset: bool = False) -> dict[str, Any]:
    query = "?reset=1" if reset else ""
    with urllib.request.urlopen(f"{server.url}/-/bench-timing{query}", timeout=30) as answer:
        data: dict[str, Any] = json.loads(answer.read())
    return data


def busy_intervals(requests: list[list[Any]]) -> list[tuple[float, int]]:
    """(time, change of busy workers) events, sorted (ends before starts at a tie)."""
    events = []
    for _arrived, started, ended, *_ in requests:
        events.append((started, 1))
        events.append((ended, -1))
    events.sort(key=lambda e: (e[0], e[1]))
    return events


def analyse(data: dict[str, Any], process_start: float, users: int) -> dict[str, Any]:
    """The schedule of one run: see the module's docstring."""
    workers = data["workers"]
    requests = sorted(data["requests"], key=lambda r: r[0])
    if not requests or not workers:
        return {}
    first_arrival = requests[0][0]
    last_end = max(r[2] for r in requests)
    pages = [r for r in requests if r[3] and r[5] == FULL]
    others = [r for r in requests if not (r[3] and r[5] == FULL)]
    first_page = min(pages, key=lambda r: r[1]) if pages else None
    events = busy_intervals(requests)
    # Walk the busy count: the first and last moments all workers are busy.
    busy, t_prev = 0, first_arrival
    idle_total = 0.0
    first_full: float | None = None
    last_full_end: float | None = None
    curve: list[tuple[float, float, int]] = []  # (from, to, busy)
    for t, change in events:
        if t > t_prev:
            curve.append((t_prev, t, busy))
            idle_total += (workers - busy) * (t - t_prev)
        busy += change
        t_prev = max(t_prev, t)
        if busy >= workers:
            if first_full is None:
                first_full = t
        elif change < 0 and busy == workers - 1:
            last_full_end = t
    start_end = first_full if first_full is not None else last_end
    tail_start = last_full_end if last_full_end is not None else last_end

    def idle_between(a: float, b: float) -> float:
        total = 0.0
        for lo, hi, count in curve:
            lo, hi = max(lo, a), min(hi, b)
            if hi > lo:
                total += (workers - count) * (hi - lo)
        return total

    step = 0.1
    profile = []
    t = first_arrival
    while t < last_end:
        profile.append(
            round(
                sum(
                    count * (min(hi, t + step) - max(lo, t))
                    for lo, hi, count in curve
                    if hi > t and lo < t + step
                )
                / step
            )
        )
        t += step
    page_work = sum(r[2] - r[1] for r in pages)
    return {
        "workers": workers,
        "to_first_arrival": first_arrival - process_start,
        "to_first_page": (first_page[1] - process_start) if first_page else None,
        # Requests sent before the first page's answer was back (the page itself aside).
        "before_first_page": sum(1 for r in requests if first_page and r[0] < first_page[2]) - 1,
        "idle_before": workers * (first_arrival - process_start),
        "idle_start": idle_between(first_arrival, start_end),
        "idle_middle": idle_between(start_end, tail_start),
        "idle_tail": idle_between(tail_start, last_end),
        "idle_total": idle_total,
        "span": last_end - first_arrival,
        "requests": len(requests),
        "pages": len(pages),
        "not_pages": len(others),
        "not_pages_work": sum(r[2] - r[1] for r in others),
        "partial_pages": sum(1 for r in others if r[3] and r[5]),
        "empty_pages": sum(1 for r in others if r[3] and not r[5] and r[4] == FULL),
        "page_work": page_work,
        "bound": -(-users // FULL) * data["list_latency"] / workers,
        "max_waiting": max_waiting(requests),
        "profile": "".join(str(min(9, n)) for n in profile),
    }


def max_waiting(requests: list[list[Any]]) -> int:
    """The most requests queued at the server (arrived, not yet taken by a worker) at once."""
    events = sorted([(r[0], 1) for r in requests] + [(r[1], -1) for r in requests])
    most = waiting = 0
    for _, change in events:
        waiting += change
        most = max(most, waiting)
    return most


def run(client: str, server: Server, users: int) -> dict[str, Any]:
    timing(server, reset=True)
    cmd = [sys.executable, str(HERE / "clients.py"), client, "natural-list", server.url]
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CLIENT_TIMEOUT, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode or not lines:
        raise SystemExit(f"{client} failed: {proc.stderr.strip()[-500:]}")
    result = json.loads(lines[-1])
    if result["items"] != users:
        raise SystemExit(f"{client}: {result['items']} users, expected {users}")
    out = analyse(timing(server), start, users)
    out.update(wall=result["wall"], cpu=result["cpu"])
    out["x_bound"] = result["wall"] / out["bound"]
    return out


def show(client: str, r: dict[str, Any]) -> None:
    print(
        f"  {client:18s} wall {r['wall']:.3f}s ({r['x_bound']:.3f}x bound {r['bound']:.2f}s) "
        f"cpu {r['cpu']:.3f}s span {r['span']:.3f}s\n"
        f"    to 1st request {r['to_first_arrival']:.3f}s, to 1st page {r['to_first_page']:.3f}s "
        f"({r['before_first_page']} requests before it)\n"
        f"    idle worker-s: before {r['idle_before']:.3f}  start {r['idle_start']:.3f}  "
        f"middle {r['idle_middle']:.3f}  tail {r['idle_tail']:.3f}  "
        f"(all after 1st request {r['idle_total']:.3f})\n"
        f"    requests {r['requests']}: {r['pages']} full pages, {r['not_pages']} others "
        f"({r['partial_pages']} partial, {r['empty_pages']} empty pages; "
        f"{r['not_pages_work']:.2f} worker-s); at most {r['max_waiting']} queued\n"
        f"    busy/100ms {r['profile']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", default="sdk-scan", help="comma-separated clients.py names")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--users", type=int, default=20_000)
    args = parser.parse_args()
    clients = args.client.split(",")
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    compile_sdk()  # as bench.py does: no run recompiles the SDK from source
    server = Server(args.users, details=0, model=GITLAB_LIKE)
    load = os.getloadavg()
    print(f"GitLab-like server {GITLAB_LIKE}, {args.users:,} users; load {load[0]:.2f}")
    results: dict[str, list[dict[str, Any]]] = {c: [] for c in clients}
    try:
        for _ in range(args.runs):
            for client in clients:
                result = run(client, server, args.users)
                results[client].append(result)
                show(client, result)
    finally:
        server.stop()
    print(f"medians (load {os.getloadavg()[0]:.2f}):")
    for client, runs in results.items():
        keys = ("wall", "cpu", "x_bound", "idle_start", "idle_middle", "idle_tail", "requests")
        print(
            f"  {client:18s} "
            + "  ".join(f"{k} {statistics.median(r[k] for r in runs):.3f}" for k in keys)
        )


if __name__ == "__main__":
    main()
