"""Command line: ``python -m gitlab_users_client.testing serve [--port 0] [--users N] ...``.

Prints exactly one JSON line first (``url``, ``admin_token``, ``user_token``, ``users``) and
flushes it, so a parent process can read where to connect, then serves until SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from types import FrameType

import uvicorn

from ._config import FakeConfig, RateLimit
from ._faults import Faults
from ._server import bind_socket, uvicorn_config
from ._store import FakeState


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gitlab_users_client.testing")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve a fake GitLab Users API over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument("--users", type=int, default=100, help="number of seeded users")
    serve.add_argument("--seed", type=int, default=0)
    serve.add_argument("--admin-token", default="glpat-fake-admin-token")
    serve.add_argument("--user-token", default="glpat-fake-user-token")
    serve.add_argument("--web-url", default="http://gitlab.example.com")
    serve.add_argument("--faults", default=None, help="JSON object, see Faults")
    serve.add_argument("--rate-limit", default=None, help="JSON object, see RateLimit")
    serve.add_argument(
        "--request-log",
        default=None,
        metavar="PATH",
        help="append one JSON line per API request to PATH (number, method, path, status, applied)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        faults = Faults.from_dict(json.loads(args.faults)) if args.faults else Faults()
        rate_limit = RateLimit.from_dict(json.loads(args.rate_limit)) if args.rate_limit else None
    except (ValueError, TypeError) as exc:
        print(f"invalid option: {exc}", file=sys.stderr)
        return 2
    state = FakeState(FakeConfig(web_url=args.web_url, rate_limit=rate_limit), faults)
    seeded = state.seed_users(
        args.users, seed=args.seed, admin_token=args.admin_token, user_token=args.user_token
    )
    if args.request_log:
        state.stats.request_log = open(args.request_log, "a", encoding="utf-8")  # noqa: SIM115
    sock = bind_socket(args.host, args.port)
    host, port = sock.getsockname()[:2]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    line = {
        "url": url,
        "admin_token": seeded.admin_token,
        "user_token": seeded.user_token,
        "users": seeded.users,
    }
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()
    server = uvicorn.Server(uvicorn_config(state))
    # uvicorn handles SIGTERM/SIGINT with a graceful shutdown and then re-raises the signal
    # with the previous handler; a no-op one makes that a clean exit with status 0.
    received: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    signal.signal(signal.SIGTERM, remember)
    signal.signal(signal.SIGINT, remember)
    server.run(sockets=[sock])
    if state.stats.request_log is not None:
        state.stats.request_log.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
