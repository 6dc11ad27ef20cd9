"""Requests per second the bundled fake GitLab serves for GET /api/v4/users?per_page=100.

Starts the fake with FakeGitLabProcess (`python -m gitlab_users_client.testing serve`, one process) on loopback and loads it
with aiohttp over N connections, reading bytes only (no JSON parsing), so the figure is the
server's. Usage: python benchmarks/fake_throughput.py [USERS] [CONNECTIONS] [SECONDS]
"""

from __future__ import annotations

import asyncio
import sys
import time

import aiohttp

from gitlab_users_client.testing import FakeGitLabProcess


async def load(url: str, token: str, seconds: float, connections: int, pages: int) -> float:
    done = 0
    stop = time.perf_counter() + seconds
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections)) as session:

        async def worker(offset: int) -> None:
            nonlocal done
            page = 1 + offset % pages
            while time.perf_counter() < stop:
                params = {"per_page": "100", "page": str(page)}
                async with session.get(
                    f"{url}/api/v4/users", params=params, headers={"PRIVATE-TOKEN": token}
                ) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"unexpected status {response.status}")
                done += 1
                page = page % pages + 1

        await asyncio.gather(*(worker(index) for index in range(connections)))
    return done / seconds


def main() -> None:
    users, connections, seconds = (int(arg) for arg in [*sys.argv[1:], "10000", "8", "10"][:3])
    pages = max(1, users // 100)  # only pages that exist
    with FakeGitLabProcess(users=users) as server:
        # Warm-up: the fake renders each page once, then serves it from its cache.
        asyncio.run(load(server.url, server.admin_token, 2, connections, pages))
        rate = asyncio.run(load(server.url, server.admin_token, seconds, connections, pages))
    print(
        f"{users:,} users, {connections} connections, {seconds} s: {rate:,.0f} requests/s ({rate * 100:,.0f} users/s)"
    )


if __name__ == "__main__":
    main()
