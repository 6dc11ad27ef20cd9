"""One benchmark workload, run by one client, in this fresh process.

    python clients.py CLIENT SCENARIO URL [--n N] [--ids FIRST:STOP:STEP]

prints one JSON line: {"client", "scenario", "wall", "cpu", "rss_kb", "items"}.
``wall``/``cpu`` cover the workload only (client construction, every request, parsing,
closing), measured after the client library was imported; ``rss_kb`` is the peak RSS of
the whole process (``ru_maxrss``). Scenarios: ``list-offset``, ``list-keyset``,
``stream`` (keyset, items counted and dropped), ``gets``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import resource
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

TOKEN = "glpat-benchmark-token"
CONCURRENCY = 32
PER_PAGE = 100
KEYSET = {"pagination": "keyset", "order_by": "id", "sort": "asc", "per_page": str(PER_PAGE)}
OFFSET = {"per_page": str(PER_PAGE), "sort": "asc"}
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


def next_link(link: str | None) -> str | None:
    if not link:
        return None
    match = _NEXT.search(link)
    return match.group(1) if match else None


def list_params(scenario: str) -> dict[str, str]:
    return dict(OFFSET) if scenario == "list-offset" else dict(KEYSET)


async def fan_out(fn: Callable[[int], Any], ids: list[int]) -> int:
    """32 workers over ``ids`` (what a careful hand-written loop does)."""
    it = iter(ids)
    done = 0

    async def worker() -> None:
        nonlocal done
        for uid in it:
            user = await fn(uid)
            assert user is not None
            done += 1

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return done


# --------------------------------------------------------------------------- SDK


def sdk(transport: str, *, gather: bool = False) -> Callable[..., Any]:
    import gitlab_users_client._resources  # noqa: F401 - the generated API and models
    from gitlab_users_client import AsyncGitLab, map_concurrently

    if transport == "auto":
        # The SDK imports aiohttp at its first request; import it here, untimed, like
        # every other client's libraries (import cost is its own scenario).
        from gitlab_users_client import _http_aiohttp  # noqa: F401

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        async with AsyncGitLab(
            url, token=TOKEN, transport=transport, max_concurrency=CONCURRENCY
        ) as gl:
            if scenario == "gets":
                if gather:
                    users = await asyncio.gather(*(gl.users.get(uid) for uid in ids))
                    return len(users)
                result = await map_concurrently(gl.users.get, ids, concurrency=CONCURRENCY)
                return len(result.values())
            if scenario == "list-offset":
                pages = gl.users.list(pagination="offset", per_page=PER_PAGE, sort="asc")
            else:
                pages = gl.users.list(
                    pagination="keyset", order_by="id", sort="asc", per_page=PER_PAGE
                )
            count = 0
            async for user in pages:
                count += 1 if user.username else 0
            return count

    return lambda *a: asyncio.run(run(*a))


# ------------------------------------------------------------------ python-gitlab


def python_gitlab() -> Callable[..., Any]:
    import gitlab
    import requests
    from requests.adapters import HTTPAdapter

    def run(url: str, scenario: str, ids: list[int]) -> int:
        session = requests.Session()
        session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=CONCURRENCY))
        gl = gitlab.Gitlab(url, private_token=TOKEN, session=session)
        try:
            if scenario == "gets":
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(CONCURRENCY) as pool:
                    return sum(1 for user in pool.map(gl.users.get, ids) if user.username)
            if scenario == "list-offset":
                users = gl.users.list(iterator=True, per_page=PER_PAGE, sort="asc")
            else:
                users = gl.users.list(
                    iterator=True, pagination="keyset", order_by="id", sort="asc", per_page=PER_PAGE
                )
            return sum(1 for user in users if user.username)
        finally:
            session.close()

    return run


# ---------------------------------------------------------------------- gidgetlab


def gidgetlab_httpx() -> Callable[..., Any]:
    import gidgetlab.httpx
    import httpx

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        async with httpx.AsyncClient(limits=limits) as client:
            gl = gidgetlab.httpx.GitLabAPI(client, "benchmark", access_token=TOKEN, url=url)
            if scenario == "gets":
                semaphore = asyncio.Semaphore(CONCURRENCY)

                async def one(uid: int) -> Any:
                    async with semaphore:
                        return await gl.getitem(f"/users/{uid}")

                users = await asyncio.gather(*(one(uid) for uid in ids))
                return sum(1 for user in users if user["username"])
            count = 0
            async for user in gl.getiter("/users", list_params(scenario)):
                count += 1 if user["username"] else 0
            return count

    return lambda *a: asyncio.run(run(*a))


# ------------------------------------------------------------------------- floors


def floor_httpx(parse: str, *, aiohttp_transport: bool = False) -> Callable[..., Any]:
    """Raw httpx (httpcore, or aiohttp through httpx-aiohttp) + json.loads or TypeAdapter."""
    import httpx

    if parse == "json":
        username: Callable[[Any], str] = lambda user: user["username"]  # noqa: E731
    else:
        from pydantic import TypeAdapter

        from gitlab_users_client.models import UserDetailsWithAdmin, UserWithAdmin

        username = lambda user: user.username  # noqa: E731
    if aiohttp_transport:
        from httpx_aiohttp import HttpxAiohttpClient as Client
    else:
        Client = httpx.AsyncClient

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        # Building the adapters is set-up work, timed like the SDK's own.
        list_parse: Callable[[bytes], Iterable[Any]] = json.loads
        one_parse: Callable[[bytes], Any] = json.loads
        if parse != "json":
            list_parse = TypeAdapter(list[UserWithAdmin]).validate_json
            one_parse = TypeAdapter(UserDetailsWithAdmin).validate_json
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        headers = {"PRIVATE-TOKEN": TOKEN, "Accept": "application/json"}
        async with Client(limits=limits, headers=headers) as client:
            if scenario == "gets":

                async def one(uid: int) -> Any:
                    response = await client.get(f"{url}/api/v4/users/{uid}")
                    response.raise_for_status()
                    return one_parse(response.content)

                return await fan_out(one, ids)
            count = 0
            next_url: str | None = f"{url}/api/v4/users"
            params: dict[str, str] | None = list_params(scenario)
            offset = scenario == "list-offset"
            while next_url:
                response = await client.get(next_url, params=params)
                response.raise_for_status()
                for user in list_parse(response.content):
                    count += 1 if username(user) else 0
                if offset:
                    page = response.headers.get("x-next-page")
                    params = {**params, "page": page} if page and params else None
                    next_url = next_url if params else None
                else:
                    next_url, params = next_link(response.headers.get("link")), None
            return count

    return lambda *a: asyncio.run(run(*a))


def floor_aiohttp_orjson() -> Callable[..., Any]:
    import aiohttp
    import orjson

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        connector = aiohttp.TCPConnector(limit=CONCURRENCY)
        headers = {"PRIVATE-TOKEN": TOKEN, "Accept": "application/json"}
        async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
            if scenario == "gets":

                async def one(uid: int) -> Any:
                    async with session.get(f"{url}/api/v4/users/{uid}") as response:
                        response.raise_for_status()
                        return orjson.loads(await response.read())

                return await fan_out(one, ids)
            count = 0
            next_url: str | None = f"{url}/api/v4/users"
            params: dict[str, str] | None = list_params(scenario)
            offset = scenario == "list-offset"
            while next_url:
                async with session.get(next_url, params=params) as response:
                    response.raise_for_status()
                    body = await response.read()
                    link = response.headers.get("Link")
                    page = response.headers.get("X-Next-Page")
                for user in orjson.loads(body):
                    count += 1 if user["username"] else 0
                if offset:
                    params = {**params, "page": page} if page and params else None
                    next_url = next_url if params else None
                else:
                    next_url, params = next_link(link), None
            return count

    return run_async(run)


def run_async(fn: Callable[..., Any]) -> Callable[..., Any]:
    return lambda *a: asyncio.run(fn(*a))


CLIENTS: dict[str, Callable[[], Callable[..., Any]]] = {
    "sdk-auto": lambda: sdk("auto"),
    "sdk-auto-gather": lambda: sdk("auto", gather=True),
    "sdk-httpcore": lambda: sdk("httpcore"),
    "python-gitlab": python_gitlab,
    "gidgetlab": gidgetlab_httpx,
    "floor-httpx-json": lambda: floor_httpx("json"),
    "floor-httpx-pydantic": lambda: floor_httpx("pydantic"),
    "floor-aiohttp-orjson": floor_aiohttp_orjson,
    "floor-httpx-aiohttp-pydantic": lambda: floor_httpx("pydantic", aiohttp_transport=True),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("client", choices=sorted(CLIENTS))
    parser.add_argument("scenario", choices=["list-offset", "list-keyset", "stream", "gets"])
    parser.add_argument("url")
    parser.add_argument("--ids", default="1:2001:1", help="FIRST:STOP:STEP for gets")
    parser.add_argument("--profile", help="write a cProfile of the workload to this file")
    args = parser.parse_args()
    first, stop, step = (int(part) for part in args.ids.split(":"))
    ids = list(range(first, stop, step))
    workload = CLIENTS[args.client]()  # imports the client library (not timed)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    items = workload(args.url, args.scenario, ids)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "client": args.client,
                "scenario": args.scenario,
                "wall": wall,
                "cpu": cpu,
                "rss_kb": rss_kb,
                "items": items,
            }
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
