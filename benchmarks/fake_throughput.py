"""Requests per second the bundled fake GitLab serves for GET /api/v4/users?per_page=100.

Starts `python -m gitlab_users_client.testing serve` (one process) on loopback and loads it
with aiohttp over N connections, reading bytes only (no JSON parsing), so the figure is the
server's. Usage: python benchmarks/fake_throughput.py [USERS] [CONNECTIONS] [SECONDS]
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import aiohttp


async def load(url: str, token: str, seconds: float, connections: int) -> float:
    done = 0
    stop = time.perf_counter() + seconds
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as session:

        async def worker(offset: int) -> None:
            nonlocal done
            page = 1 + offset
            while time.perf_counter() < stop:
                params = {"per_page": "100", "page": str(page)}
                async with session.get(
                    f"{url}/api/v4/users", params=params, headers={"PRIVATE-TOKEN": token}
                ) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"unexpected status {response.status}")
                done += 1
                page = page % 100 + 1

        await asyncio.gather(*(worker(index) for index in range(connections)))
    return done / seconds


def main() -> None:
    users, connections, seconds = (int(arg) for arg in [*sys.argv[1:], "10000", "8", "10"][:3])
    server = subprocess.Popen(
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
        assert server.stdout is not None
        info = json.loads(server.stdout.readline())
        asyncio.run(
            load(info["url"], info["admin_token"], 2, connections)
        )  # warm-up: renders the pages
        rate = asyncio.run(load(info["url"], info["admin_token"], seconds, connections))
        print(
            f"{users:,} users, {connections} connections, {seconds} s: {rate:,.0f} requests/s ({rate * 100:,.0f} users/s)"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
