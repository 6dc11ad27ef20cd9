"""Argument-parsing building blocks: the parser class, value types, shared option groups."""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ._completion import complete_profiles
from ._config_file import ENGINES
from ._errors import redact

__all__ = [
    "Parser",
    "Tree",
    "add_global_options",
    "add_network_options",
    "count",
    "date_arg",
    "datetime_arg",
    "key_value",
    "positive_int",
    "seconds",
]

ARGUMENT_REFUSED = (
    "tokens are not accepted on the command line (they would land in shell history and "
    "in `ps` output): use --token-file PATH, $GITLAB_TOKEN or the config file"
)


class Parser(argparse.ArgumentParser):
    """``ArgumentParser`` whose error messages never echo a credential.

    A stray argument is reported with the usage of the subcommand it was given to
    (argparse would print the top-level usage).
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {redact(message)}\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            _leaf(self, parsed).error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


def _leaf(parser: argparse.ArgumentParser, parsed: argparse.Namespace) -> argparse.ArgumentParser:
    """The (sub)command parser that ``parsed`` came from (``bulk``, ``keys add``...)."""
    for dest in ("command", "subcommand"):
        chosen = getattr(parsed, dest, None)
        actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not chosen or not actions or chosen not in actions[0].choices:
            break
        parser = actions[0].choices[chosen]
    return parser


class _RefuseToken(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *_: Any, **__: Any) -> None:
        parser.error(ARGUMENT_REFUSED)


def positive_int(text: str) -> int:
    """An integer >= 1 (``--concurrency``, IDs)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return int(text)


def count(text: str) -> int:
    """An integer >= 0 (``--limit``, ``--max-retries``)."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected an integer >= 0, got {text!r}")
    return int(text)


def share(text: str) -> float:
    """A share from 0 to below 1 (``--reserve``)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected a share from 0 to below 1, got {text!r}")
    return value


def seconds(text: str) -> float:
    """A positive number of seconds (``--timeout``)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def datetime_arg(text: str) -> datetime.datetime:
    """ISO 8601 date or datetime; without a zone it is taken as UTC."""
    try:
        value = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO 8601 date or datetime, got {text!r}"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)


def date_arg(text: str) -> datetime.date:
    """An ISO date, ``YYYY-MM-DD``."""
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def key_value(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` (``--attr``)."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key.strip(), value


def add_global_options(
    parser: argparse.ArgumentParser, *, sub: bool, token_file: bool = True
) -> None:
    """Connection options; on subcommands they only override what was given before."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if sub else value

    group = parser.add_argument_group("connection options")
    profile = group.add_argument(
        "-g",
        "--gitlab",
        metavar="NAME",
        default=default(None),
        help="the profile (instance) of the config file to use "
        "(default: $GITLAB_PROFILE, else the file's default)",
    )
    profile.completer = complete_profiles  # type: ignore[attr-defined] # argcomplete's hook
    group.add_argument(
        "--url", default=default(None), help="GitLab URL (default: $GITLAB_URL, profile url)"
    )
    if token_file:
        group.add_argument(
            "--token-file",
            metavar="PATH",
            default=default(None),
            help="read the API token from this file (default: $GITLAB_TOKEN, config)",
        )
    group.add_argument(
        "--token-header",
        choices=("bearer", "private-token"),
        default=default(None),
        help="how the token is sent (default bearer)",
    )
    group.add_argument(
        "--sudo", metavar="USER", default=default(None), help="act as this user (ID or username)"
    )
    group.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        default=default(None),
        help="per-request timeout",
    )
    group.add_argument(
        "--max-retries",
        type=count,
        metavar="N",
        default=default(None),
        help="retries per request (default 4)",
    )
    group.add_argument(
        "--reserve",
        type=share,
        metavar="SHARE",
        default=default(None),
        help="share of each rate-limit window left to other clients of the token "
        "(0 to below 1, e.g. 0.2; default 0)",
    )
    group.add_argument(
        "--config",
        metavar="PATH",
        default=default(None),
        help="TOML config file (default: $GITLAB_USERS_CONFIG, else "
        "~/.config/gitlab-users/config.toml)",
    )
    add_network_options(parser, default)
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default(False),
        help="SDK debug logs and tracebacks on stderr",
    )
    group.add_argument("--token", nargs="?", action=_RefuseToken, help=argparse.SUPPRESS)


def add_network_options(parser: argparse.ArgumentParser, default: Callable[[Any], Any]) -> None:
    """How the CLI reaches the server (``_config.Network``): CA file, proxy, engine."""
    group = parser.add_argument_group("network options")
    group.add_argument(
        "--ca-file",
        metavar="PATH",
        default=default(None),
        help="CA bundle (file or directory) for the server's certificate, e.g. an internal CA "
        "(default: $GITLAB_CA_FILE, config ca_file, else certifi or $SSL_CERT_FILE)",
    )
    group.add_argument(
        "--proxy",
        metavar="URL",
        default=default(None),
        help="send every request through this proxy (default: config proxy, else "
        "$HTTPS_PROXY/$HTTP_PROXY/$ALL_PROXY minus $NO_PROXY)",
    )
    group.add_argument(
        "--insecure",
        action="store_true",
        default=default(False),
        help="do NOT verify the server's certificate (anyone on the path can read the token)",
    )
    group.add_argument(
        "--engine",
        choices=ENGINES,
        default=default(None),
        help="HTTP engine: auto (httpx, the default), or asyncio / aiohttp for bulk jobs near "
        "a large GitLab (default: $GITLAB_USERS_ENGINE, config engine)",
    )


def output_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("output")
    group.add_argument(
        "-o",
        "--output",
        choices=("table", "json", "jsonl", "csv"),
        help="default: table on a terminal, jsonl otherwise",
    )
    group.add_argument(
        "--fields",
        metavar="A,B,...",
        help="fields to show (dotted paths allowed, e.g. created_by.username)",
    )


#: ``"module:function"`` in this package, imported only when the command runs (fast --help).
Handler = str


class Tree:
    """Helper to add leaf commands with the shared options."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers

    def add(
        self,
        name: str,
        handler: Handler,
        help: str,
        *,
        output: bool = False,
        token_file: bool = True,
        connection: bool = True,
    ) -> argparse.ArgumentParser:
        """A leaf command; without ``connection`` it takes only ``--config`` of the
        connection options (it reads the config file and connects nowhere)."""
        parser: argparse.ArgumentParser = self._subparsers.add_parser(
            name, help=help, description=help, allow_abbrev=False
        )
        parser.set_defaults(handler=handler)
        if output:
            output_options(parser)
        if connection:
            add_global_options(parser, sub=True, token_file=token_file)
        else:
            parser.add_argument(
                "--config", metavar="PATH", default=argparse.SUPPRESS, help="TOML config file"
            )
        return parser

    def group(self, name: str, help: str) -> Tree:
        parser = self._subparsers.add_parser(name, help=help, description=help, allow_abbrev=False)
        return Tree(
            parser.add_subparsers(
                dest="subcommand", required=True, metavar="ACTION", parser_class=Parser
            )
        )
