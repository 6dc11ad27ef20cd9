"""One benchmark workload, run by one client, in this fresh process.

    python clients.py CLIENT SCENARIO URL [--n N] [--ids FIRST:STOP:STEP]

prints one JSON line: {"client", "scenario", "wall", "cpu", "rss_kb", "items"}.
``wall``/``cpu`` start before the client library is imported: they cover its imports,
client construction, every request, parsing and closing, i.e. every first-use cost a
script pays (the interpreter's own start is in ``bench.py``'s whole-process time).
``rss_kb`` is the peak RSS of the whole process (``ru_maxrss``). Nothing but the standard
library is imported before the timer (not even asyncio, which python-gitlab does not use).

Scenarios: ``list-offset``, ``list-keyset``, ``stream`` (keyset, items counted and
dropped), ``gets``, ``one-get`` (one ``GET /users/1``), ``first-page`` (the first page of
100), ``natural-list`` (every user, each client's default way: the SDK's ``list()``,
python-gitlab's ``list(iterator=True)``, or its fastest: offset pages in 8 threads) and
``scan`` (the SDK's ``gl.users.scan()``; the floor scans' windows). ``BENCH_TOKEN`` overrides the token.
"""

from __future__ import annotations

import time

_T0, _CPU0 = time.perf_counter(), time.process_time()

import argparse  # noqa: E402 - the timer starts before anything else is imported
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from typing import Any  # noqa: E402

#: A run of its own on a rate-limited server gets a token of its own (a fresh budget).
TOKEN = os.environ.get("BENCH_TOKEN", "glpat-benchmark-token")
CONCURRENCY = 32
SCAN_CONCURRENCY = 8
#: Windows of the floor scans: twice the GitLab-like server's workers.
SCAN_WINDOWS = 16
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
    import asyncio

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


def sdk(
    transport: str, *, gather: bool = False, scan: bool = False, plain: bool = False
) -> Callable[..., Any]:
    import asyncio

    from gitlab_users_client import AsyncGitLab, map_concurrently

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        async with AsyncGitLab(
            url, token=TOKEN, transport=transport, max_concurrency=CONCURRENCY
        ) as gl:
            if scenario == "one-get":
                user = await gl.users.get(1)
                return 1 if user.username else 0
            if scenario == "first-page":
                page = await gl.users.list(per_page=PER_PAGE).first_page()
                return sum(1 for user in page.items if user.username)
            if scenario == "gets":
                if gather:
                    users = await asyncio.gather(*(gl.users.get(uid) for uid in ids))
                    return len(users)
                result = await map_concurrently(gl.users.get, ids, concurrency=CONCURRENCY)
                return len(result.values())
            if ((scan or plain) and scenario == "natural-list") or scenario == "scan":
                if plain:  # in rounds, nothing running between two users
                    return sum([1 async for user in gl.users.scan() if user.username])
                # Held in `async with`, the scan fetches while users are handed out; its
                # concurrency adapts to the server (by default up to max_concurrency).
                async with gl.users.scan() as users:
                    return sum([1 async for user in users if user.username])
            if scenario == "natural-list":
                pages = gl.users.list(per_page=PER_PAGE)
            elif scenario == "list-offset":
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


def python_gitlab(threads: bool = False) -> Callable[..., Any]:
    import gitlab
    import requests
    from requests.adapters import HTTPAdapter

    def run(url: str, scenario: str, ids: list[int]) -> int:
        session = requests.Session()
        session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=CONCURRENCY))
        gl = gitlab.Gitlab(url, private_token=TOKEN, session=session)
        try:
            if scenario == "one-get":
                return 1 if gl.users.get(1).username else 0
            if scenario == "first-page":
                first = gl.users.list(per_page=PER_PAGE, get_all=False)
                return sum(1 for user in first if user.username)
            if scenario == "natural-list" and threads:
                return pages_in_threads(gl)
            if scenario == "natural-list":
                return sum(1 for user in gl.users.list(iterator=True, per_page=PER_PAGE))
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


def pages_in_threads(gl: Any) -> int:
    """The fastest listing a python-gitlab user writes: offset pages in 8 threads, each
    taking the next page number until one comes back short (past 10,000 rows GitLab
    sends no total, so the end is found by reading)."""
    import itertools
    import threading
    from concurrent.futures import ThreadPoolExecutor

    numbers = itertools.count(1)
    lock = threading.Lock()
    last = [1 << 30]  # the first short page seen

    def worker() -> int:
        count = 0
        while True:
            with lock:
                page = next(numbers)
                if page > last[0]:
                    return count
            users = gl.users.list(page=page, per_page=PER_PAGE, sort="asc", get_all=False)
            count += sum(1 for user in users if user.username)
            if len(users) < PER_PAGE:
                with lock:
                    last[0] = min(last[0], page)
                return count

    with ThreadPoolExecutor(SCAN_CONCURRENCY) as pool:
        futures = [pool.submit(worker) for _ in range(SCAN_CONCURRENCY)]
        return sum(future.result() for future in futures)


# ---------------------------------------------------------------------- gidgetlab


def gidgetlab_httpx() -> Callable[..., Any]:
    import asyncio

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


def floor_httpx(
    parse: str, *, aiohttp_transport: bool = False, sdk_engine: bool = False
) -> Callable[..., Any]:
    """Raw httpx (httpcore, aiohttp through httpx-aiohttp, or the SDK's own engine) +
    json.loads or TypeAdapter."""
    import asyncio

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
    engine: dict[str, Any] = {}
    if sdk_engine:
        from gitlab_users_client._http.asyncio import AsyncioTransport

        engine["transport"] = AsyncioTransport(
            limits=httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        )

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        # Building the adapters is set-up work, timed like the SDK's own.
        list_parse: Callable[[bytes], Iterable[Any]] = json.loads
        one_parse: Callable[[bytes], Any] = json.loads
        if parse != "json":
            list_parse = TypeAdapter(list[UserWithAdmin]).validate_json
            one_parse = TypeAdapter(UserDetailsWithAdmin).validate_json
        limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
        headers = {"PRIVATE-TOKEN": TOKEN, "Accept": "application/json"}
        async with Client(limits=limits, headers=headers, **engine) as client:
            if scenario == "one-get":
                response = await client.get(f"{url}/api/v4/users/1")
                response.raise_for_status()
                return 1 if username(one_parse(response.content)) else 0
            if scenario == "first-page":
                response = await client.get(f"{url}/api/v4/users", params=list_params(scenario))
                response.raise_for_status()
                return sum(1 for user in list_parse(response.content) if username(user))
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


def floor_scan(http: str) -> Callable[..., Any]:
    """The fastest hand-written scan: raw aiohttp + orjson, or raw httpx + json.loads.

    Its first round asks for the first page (ascending, kept) and the newest user, at
    once. The rest, from just after the first page to the newest user, is cut into
    ``SCAN_WINDOWS`` windows (twice the server's workers, so that every worker finds a
    request waiting when it finishes one) of equal ``created_at`` span, which on this
    server's data (one user every 7 minutes, ids following creation) is an even share of
    the pages; every window walks its keyset pages at the same time. It knows what the
    SDK's scan has to find out (how many workers; that creation times are spread
    evenly), validates nothing and retries nothing: a floor, not a client.
    """
    import asyncio
    import itertools
    from datetime import UTC, datetime, timedelta

    if http == "aiohttp":
        import aiohttp
        import orjson
    else:
        import httpx

    # Whole milliseconds in integers: through a float timestamp about one time in 160
    # reads a millisecond low (2004-10-28T23:41:18.916Z as ...18.915), and a window edge
    # then takes the first page's last user again.
    epoch, one_ms = datetime(1970, 1, 1, tzinfo=UTC), timedelta(milliseconds=1)

    def ms(text: str) -> int:
        return (datetime.fromisoformat(text) - epoch) // one_ms

    def iso(value: int) -> str:
        return (epoch + value * one_ms).isoformat(timespec="milliseconds")

    async def run(url: str, scenario: str, ids: list[int]) -> int:
        if scenario not in ("natural-list", "scan"):
            raise SystemExit(f"a floor scan lists every user; it has no {scenario}")
        headers = {"PRIVATE-TOKEN": TOKEN, "Accept": "application/json"}
        if http == "aiohttp":
            session: Any = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=CONCURRENCY), headers=headers
            )

            async def page(target: str, params: dict[str, str] | None) -> tuple[Any, str | None]:
                async with session.get(target, params=params) as response:
                    response.raise_for_status()
                    body = await response.read()
                    link = response.headers.get("Link")
                return orjson.loads(body), next_link(link)

        else:
            limits = httpx.Limits(
                max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY
            )
            session = httpx.AsyncClient(limits=limits, headers=headers)

            async def page(target: str, params: dict[str, str] | None) -> tuple[Any, str | None]:
                response = await session.get(target, params=params)
                response.raise_for_status()
                return json.loads(response.content), next_link(response.headers.get("Link"))

        async def walk(params: dict[str, str]) -> int:
            count = 0
            target: str | None = f"{url}/api/v4/users"
            query: dict[str, str] | None = params
            while target:
                users, target = await page(target, query)
                query = None
                count += sum(1 for user in users if user["username"])
            return count

        async with session:
            users = f"{url}/api/v4/users"
            (first, more), (newest, _) = await asyncio.gather(
                page(users, dict(KEYSET)), page(users, {**KEYSET, "sort": "desc", "per_page": "1"})
            )
            count = sum(1 for user in first if user["username"])
            if more is None:
                return count
            # created_after and created_before are inclusive: [lo, hi] in whole milliseconds
            lo, hi = ms(first[-1]["created_at"]) + 1, ms(newest[0]["created_at"])
            n = SCAN_WINDOWS
            edges = [lo + (hi + 1 - lo) * i // n for i in range(n + 1)]
            windows = [
                {**KEYSET, "created_after": iso(a), "created_before": iso(b - 1)}
                for a, b in itertools.pairwise(edges)
            ]
            counts = await asyncio.gather(*(walk(window) for window in windows))
            return count + sum(counts)

    return run_async(run)


def run_async(fn: Callable[..., Any]) -> Callable[..., Any]:
    import asyncio

    return lambda *a: asyncio.run(fn(*a))


SCENARIOS = [
    "list-offset",
    "list-keyset",
    "stream",
    "gets",
    "one-get",
    "first-page",
    "natural-list",
    "scan",
]
CLIENTS: dict[str, Callable[[], Callable[..., Any]]] = {
    # The default (httpx's own client) and each opt-in engine, side by side.
    "sdk-default": lambda: sdk("auto"),
    "sdk-default-gather": lambda: sdk("auto", gather=True),
    "sdk-asyncio": lambda: sdk("asyncio"),
    "sdk-aiohttp": lambda: sdk("aiohttp"),
    "sdk-scan": lambda: sdk("auto", scan=True),
    "sdk-scan-plain": lambda: sdk("auto", plain=True),
    "sdk-scan-asyncio": lambda: sdk("asyncio", scan=True),
    "sdk-scan-aiohttp": lambda: sdk("aiohttp", scan=True),
    "python-gitlab": python_gitlab,
    "python-gitlab-threads": lambda: python_gitlab(threads=True),
    "gidgetlab": gidgetlab_httpx,
    "floor-httpx-json": lambda: floor_httpx("json"),
    "floor-httpx-pydantic": lambda: floor_httpx("pydantic"),
    "floor-aiohttp-orjson": floor_aiohttp_orjson,
    "floor-httpx-aiohttp-pydantic": lambda: floor_httpx("pydantic", aiohttp_transport=True),
    "floor-engine-pydantic": lambda: floor_httpx("pydantic", sdk_engine=True),
    "floor-aiohttp-scan": lambda: floor_scan("aiohttp"),
    "floor-httpx-scan": lambda: floor_scan("httpx"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("client", choices=sorted(CLIENTS))
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("url")
    parser.add_argument("--ids", default="1:2001:1", help="FIRST:STOP:STEP for gets")
    parser.add_argument("--profile", help="write a cProfile of the workload to this file")
    args = parser.parse_args()
    first, stop, step = (int(part) for part in args.ids.split(":"))
    ids = list(range(first, stop, step))
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    workload = CLIENTS[args.client]()  # imports the client library: timed
    items = workload(args.url, args.scenario, ids)
    wall, cpu = time.perf_counter() - _T0, time.process_time() - _CPU0
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
