"""Where a one-shot script's time goes, phase by phase, each run in a fresh interpreter.

    python benchmarks/cold_start.py [--runs 15] [--client sdk-default,stack-floor,...]

(``bash benchmarks/run.sh`` sets up the virtualenv; run this with its Python:
``benchmarks/.venv-bench/bin/python benchmarks/cold_start.py``.) It starts the loopback
server with 100 users, then runs each client's phases in a fresh process, interleaved,
and prints the median and the minimum of every phase: wall time (``wall``) and CPU
time (``cpu``, less disturbed by other load on the machine). ``process`` is the whole
process from the outside, interpreter start and exit included.

The SDK's phases use its public API only: the first request goes through
``gl.request()`` (no model), so that the next phase, a ``gl.users.get()`` on the kept
connection, is the operation's code, its models and their first validation.

``stack-floor`` is the least a script on the SDK's default stack pays: asyncio, httpx's
own transport and one pydantic model of two fields, the same request, no SDK. ``interpreter
start and exit`` is the process less its timed phases: starting the interpreter and, at
exit, collecting and freeing every module and object the run loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SDK_PHASES = """
import time
_t, _c = time.perf_counter(), time.process_time()
phases = []
def mark(name):
    global _t, _c
    t, c = time.perf_counter(), time.process_time()
    phases.append((name, t - _t, c - _c))
    _t, _c = t, c
import asyncio
mark("import asyncio")
import gitlab_users_client
mark("import gitlab_users_client")
async def main():
    gl = gitlab_users_client.AsyncGitLab(URL, token="glpat-cold", transport=TRANSPORT)
    mark("AsyncGitLab()")
    users = gl.users
    mark("gl.users")
    await gl.request("GET", "/users/1")
    mark("first request (connect, send, read; no model)")
    await users.get(1)
    mark("users.get(1): its models, their first validation")
    await gl.aclose()
    mark("aclose()")
asyncio.run(main())
mark("leaving asyncio.run")
"""

PYTHON_GITLAB_PHASES = """
import time
_t, _c = time.perf_counter(), time.process_time()
phases = []
def mark(name):
    global _t, _c
    t, c = time.perf_counter(), time.process_time()
    phases.append((name, t - _t, c - _c))
    _t, _c = t, c
import gitlab
mark("import gitlab")
gl = gitlab.Gitlab(URL, private_token="glpat-cold")
mark("Gitlab()")
gl.http_get("/users/1")
mark("first request (connect, send, read; no object)")
gl.users.get(1)
mark("users.get(1)")
gl.session.close()
mark("session.close()")
"""

FLOOR_PHASES = """
import time
_t, _c = time.perf_counter(), time.process_time()
phases = []
def mark(name):
    global _t, _c
    t, c = time.perf_counter(), time.process_time()
    phases.append((name, t - _t, c - _c))
    _t, _c = t, c
import asyncio
mark("import asyncio")
import ssl
import httpx
mark("import httpx")
from pydantic import BaseModel, ConfigDict
class User(BaseModel):
    model_config = ConfigDict(extra="allow", defer_build=True)
    id: int
    username: str
mark("import pydantic, a model of two fields")
async def main():
    # No CA bundle to load: the URL is http:// (the SDK defers loading it too).
    client = httpx.AsyncClient(
        headers={"PRIVATE-TOKEN": "glpat-cold"}, verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    )
    mark("httpx.AsyncClient() (httpcore, h11)")
    response = await client.get(URL + "/api/v4/users/1")
    mark("first request (connect, send, read; anyio's backend)")
    User.model_validate_json(response.content)
    mark("first validation (pydantic's plugin scan, the schema)")
    await client.aclose()
    mark("aclose()")
asyncio.run(main())
mark("leaving asyncio.run")
"""

CLIENTS = {
    "sdk-default": (SDK_PHASES, "auto"),
    "sdk-asyncio": (SDK_PHASES, "asyncio"),
    "python-gitlab": (PYTHON_GITLAB_PHASES, None),
    "stack-floor": (FLOOR_PHASES, None),
}


def script(client: str, url: str) -> str:
    body, transport = CLIENTS[client]
    return (
        f"URL = {url!r}\nTRANSPORT = {transport!r}\n"
        + body
        + "\nimport json\nprint(json.dumps(phases))\n"
    )


def compile_sdk(env: dict[str, str]) -> None:
    """Write the bytecode of the SDK the runs import, as installing a wheel does.

    Where ``PYTHONDONTWRITEBYTECODE`` is set, an editable install (or ``PYTHONPATH`` on a
    checkout) would otherwise be compiled from source in every run, a cost no installed
    package pays (``bench.py`` does the same).
    """
    import compileall

    where = subprocess.run(
        [sys.executable, "-c", "import gitlab_users_client as g; print(g.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    package = Path(where).parent
    print(f"the SDK from {package}")
    compileall.compile_dir(str(package), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--client", default=",".join(CLIENTS))
    args = parser.parse_args()
    clients = [c for c in args.client.split(",") if c]
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    compile_sdk(env)
    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), "--users", "100", "--max-seconds", "900"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().split()[1])
        url = f"http://127.0.0.1:{port}"
        samples: dict[str, list[tuple[float, float, list[tuple[str, float, float]]]]] = {
            c: [] for c in clients
        }
        for run in range(args.runs + 1):  # the first round warms the page cache
            for client in clients:
                started = time.perf_counter()
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                out = subprocess.run(
                    [sys.executable, "-c", script(client, url)],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                ).stdout
                whole = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                if run:
                    samples[client].append((whole, cpu, json.loads(out.splitlines()[-1])))
    finally:
        server.terminate()
        server.wait(timeout=10)
    for client in clients:
        runs = samples[client]
        print(f"\n{client} ({len(runs)} fresh processes): median / min, ms")
        print(f"  {'phase':52s} {'wall':>13s} {'cpu':>13s}")
        names = [name for name, _, _ in runs[0][2]]
        rows = [
            (name, [p[index][1] * 1000 for *_, p in runs], [p[index][2] * 1000 for *_, p in runs])
            for index, name in enumerate(names)
        ]
        # What no phase covers: the interpreter's start, and its exit (collecting and
        # freeing what the run loaded).
        rows.append(
            (
                "interpreter start and exit (process - phases)",
                [(whole - sum(w for _, w, _ in p)) * 1000 for whole, _, p in runs],
                [(cpu - sum(c for _, _, c in p)) * 1000 for _, cpu, p in runs],
            )
        )
        rows.append(
            (
                "process (from the outside)",
                [whole * 1000 for whole, _, _ in runs],
                [cpu * 1000 for _, cpu, _ in runs],
            )
        )
        for name, walls, cpus in rows:
            print(
                f"  {name:52s} {statistics.median(walls):6.1f} /{min(walls):5.1f}"
                f" {statistics.median(cpus):6.1f} /{min(cpus):5.1f}"
            )


if __name__ == "__main__":
    main()
