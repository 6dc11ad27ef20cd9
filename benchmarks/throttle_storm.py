"""How many requests 50 tasks send to a GitLab that answers every request with a 429.

    python benchmarks/throttle_storm.py [--tasks 50] [--retry-after 0.5]

The server is an in-process ``httpx.MockTransport`` (no sockets) answering
``429 Retry later`` with ``Retry-After``, after a per-request latency. Every task calls
``gl.users.get`` once with the default retry policy (4 retries) and ends with
``RateLimitError``. Fewer requests is better: each one only earns the next 429.
"""

from __future__ import annotations

import argparse
import time

import anyio
import httpx

from gitlab_users_client import AsyncGitLab, RateLimitError, map_concurrently


def count_requests(tasks: int, retry_after: float, latency: float, max_concurrency: int) -> int:
    sent = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal sent
        sent += 1
        await anyio.sleep(latency)
        return httpx.Response(
            429,
            headers={"Retry-After": str(retry_after), "Content-Type": "text/plain"},
            content=b"Retry later\n",
        )

    async def main() -> None:
        async with AsyncGitLab(
            "https://gitlab.example.com",
            token="storm",
            transport=httpx.MockTransport(handler),
            max_concurrency=max_concurrency,
        ) as gl:
            result = await map_concurrently(gl.users.get, range(tasks), concurrency=tasks)
        assert all(isinstance(outcome.error, RateLimitError) for outcome in result)

    anyio.run(main)
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50)
    parser.add_argument("--retry-after", type=float, default=0.5)
    args = parser.parse_args()
    print(f"{args.tasks} tasks, every answer 429 with Retry-After {args.retry_after}s")
    for max_concurrency in (8, 32):
        for latency in (0.0, 0.002, 0.01):
            started = time.perf_counter()
            sent = count_requests(args.tasks, args.retry_after, latency, max_concurrency)
            print(
                f"  max_concurrency {max_concurrency:2d}, {latency * 1000:4.0f} ms per request: "
                f"{sent:4d} requests in {time.perf_counter() - started:5.2f} s"
            )


if __name__ == "__main__":
    main()
