"""`make demo`: the inactive-users job against the bundled fake GitLab.

Starts the fake (`python -m gitlab_users_client.testing serve`) on 127.0.0.1 with a seeded instance
(thousands of users, admin token known), makes the server misbehave a little (a few 5xx
answers and one 429 window) so the SDK's retries and shared rate-limit pause show, runs
examples/block_inactive_users.py against it with --apply, prints what the server saw,
and stops it.

Set GITLAB_URL (and GITLAB_TOKEN) to run the same job against a real GitLab instead; it
then runs as a dry run unless you pass --apply yourself:

    GITLAB_URL=https://gitlab.example.com GITLAB_TOKEN=glpat-... make demo
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from gitlab_users_client.testing import FakeGitLabProcess

HERE = Path(__file__).resolve().parent
JOB = HERE / "block_inactive_users.py"


def control(url: str, path: str, body: dict[str, object] | None = None) -> dict[str, object]:
    """The fake's control API (outside /api/v4)."""
    request = urllib.request.Request(  # noqa: S310 - a loopback URL the fake printed
        f"{url}/-/fake/{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method="PUT" if path == "faults" else ("POST" if body is not None else "GET"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")  # type: ignore[no-any-return]


def run_against_fake(users: int, since: str, workdir: Path) -> int:
    print(f"Starting the bundled fake GitLab with {users:,} users on 127.0.0.1 ...", flush=True)
    started = time.perf_counter()
    with FakeGitLabProcess(users=users) as server:
        print(f"Fake GitLab ready at {server.url} in {time.perf_counter() - started:.1f} s")
        # A little weather: 3% of reads fail with 502/503, and a 429 window opens mid-scan.
        faults = {"seed": 1, "error_rate": 0.03, "error_statuses": [502, 503], "methods": ["GET"]}
        control(server.url, "faults", faults)
        control(server.url, "rate-limit-window", {"seconds": 1.5, "start_at_request": 40})
        env = {**os.environ, "GITLAB_URL": server.url, "GITLAB_TOKEN": server.admin_token}
        code = subprocess.call(  # noqa: S603
            [
                sys.executable,
                str(JOB),
                "--since",
                since,
                "--apply",
                "--export",
                str(workdir / "inactive-users.csv"),
                "--results",
                str(workdir / "block-results.csv"),
            ],
            env=env,
        )
        stats = control(server.url, "stats")
    injected = stats.get("faults", {})
    assert isinstance(injected, dict)
    print(
        f"The server saw {stats['requests_total']:,} requests and injected {sum(injected.values())} faults "
        f"({', '.join(f'{k} {v}' for k, v in sorted(injected.items())) or '-'}); "
        f"requests during the 429 window after the first: {stats['window_requests']}."
    )
    print(f"Files: {workdir / 'inactive-users.csv'}, {workdir / 'block-results.csv'}")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=5_000, help="size of the fake instance")
    default_since = (datetime.date.today() - datetime.timedelta(days=4 * 365)).isoformat()
    parser.add_argument(
        "--since",
        default=default_since,
        help="inactive since (YYYY-MM-DD; default: four years ago)",
    )
    parser.add_argument("--out", type=Path, default=None, help="where to write the CSV files")
    args, rest = parser.parse_known_args()
    if os.environ.get("GITLAB_URL"):
        print(
            f"GITLAB_URL is set: running the job against {os.environ['GITLAB_URL']} (dry run unless --apply)"
        )
        return subprocess.call([sys.executable, str(JOB), "--since", args.since, *rest])  # noqa: S603
    workdir = args.out or Path(tempfile.mkdtemp(prefix="gitlab-users-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    return run_against_fake(args.users, args.since, workdir)


if __name__ == "__main__":
    sys.exit(main())
