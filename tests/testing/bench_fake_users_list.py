"""Throughput of ``GET /api/v4/users?per_page=100`` (admin token) against the ``serve`` CLI.

Not a test (pytest does not collect it). Run:
    .venv/bin/python tests/testing/bench_fake_users_list.py [seconds] [connections] [users]
It starts ``python -m gitlab_users_client.testing serve --port 0 --users N`` in a subprocess,
reads its JSON line, and keeps ``connections`` concurrent keep-alive requests in flight.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import httpx


async def main(duration: float, concurrency: int, users: int) -> None:
    proc = subprocess.Popen(  # noqa: ASYNC220 (our interpreter; before the timed part)
        [
            sys.executable,
            "-m",
            "gitlab_users_client.testing",
            "serve",
            "--port",
            "0",
            "--users",
            str(users),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        url = info["url"] + "/api/v4/users"
        headers = {"PRIVATE-TOKEN": info["admin_token"]}
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        count = 0
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            for _ in range(50):  # wait for the server, warm up
                try:
                    (
                        await client.get(url, params={"per_page": 100}, headers=headers)
                    ).raise_for_status()
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            deadline = time.perf_counter() + duration

            async def worker(i: int) -> None:
                nonlocal count
                page = 1 + i
                while time.perf_counter() < deadline:
                    r = await client.get(
                        url, params={"per_page": 100, "page": page}, headers=headers
                    )
                    assert r.status_code == 200 and len(r.json()) == 100
                    count += 1
                    page = page % (users // 100) + 1

            start = time.perf_counter()
            await asyncio.gather(*(worker(i) for i in range(concurrency)))
            elapsed = time.perf_counter() - start
        print(
            f"{count} requests in {elapsed:.1f}s = {count / elapsed:.0f} req/s ({concurrency} connections, {users} users)"
        )
    finally:
        proc.terminate()
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(
        main(
            float(args[0]) if args else 10.0,
            int(args[1]) if len(args) > 1 else 8,
            int(args[2]) if len(args) > 2 else 10_000,
        )
    )
