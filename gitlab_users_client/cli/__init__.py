"""The ``gitlab-users`` command line, built on :class:`gitlab_users_client.AsyncGitLab`.

Exit codes: 0 success; 1 API error, any failed/unknown bulk item, a bulk job the circuit
breaker stopped, or a declined delete prompt; 2 usage or configuration error; 128 + N
after signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). Errors are one ``error: ...``
line on stderr (with a traceback only under ``--verbose``); credentials are never printed.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import anyio

from gitlab_users_client import AsyncGitLab, ConfigurationError, GitLabError, InvalidRequestError

from ._completion import complete
from ._config import Settings, resolve
from ._context import Context
from ._errors import CLIError, Interrupted, RedactingFilter, add_secret, describe, redact
from ._parser import build_parser
from ._report import ProgressLogHandler

__all__ = ["main"]

INSECURE_WARNING = (
    "WARNING: --insecure: the server's TLS certificate is NOT verified. Anyone on the "
    "network path can impersonate GitLab, read your token and change what you see. Use "
    "--ca-file PATH for an internal CA instead.\n"
)


def _setup_logging() -> None:
    handler = ProgressLogHandler(sys.stderr)  # log lines go above a progress bar
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("gitlab_users_client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.token is None and args.command == "whoami":
        raise CLIError(f"whoami needs a token, and {settings.no_token_message()}")
    try:
        return await _run_command(args, settings)
    except GitLabError as error:
        if settings.token is None and getattr(error, "status_code", None) == 401:
            raise CLIError(f"{describe(error)}: {settings.no_token_message()}") from None
        raise


async def _run_command(args: argparse.Namespace, settings: Settings) -> int:
    options: dict[str, Any] = {}
    if settings.timeout is not None:
        options["timeout"] = settings.timeout
    if settings.max_retries is not None:
        options["max_retries"] = settings.max_retries
    if settings.reserve is not None:
        options["reserve"] = settings.reserve
    async with AsyncGitLab(
        settings.url,
        token=settings.token,
        token_header=settings.token_header,
        sudo=settings.sudo,
        max_concurrency=max(32, getattr(args, "concurrency", 0)),
        **settings.network.client_options(),
        **options,
    ) as gl:
        module, _, name = str(args.handler).partition(":")
        handler = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        result: int = await handler(Context(gl, args))
        return result


def _page_size(args: argparse.Namespace, settings: Settings) -> None:
    """A profile's ``per_page`` is the default of ``--per-page`` (never above ``--limit``;
    the parallel scan of ``list --concurrency`` sizes its own pages)."""
    if settings.per_page is None or getattr(args, "per_page", 0) is not None:
        return
    if getattr(args, "scan_concurrency", None) is not None:
        return
    limit = getattr(args, "limit", None)
    args.per_page = settings.per_page if limit is None else min(settings.per_page, max(limit, 1))


def _run_local(args: argparse.Namespace) -> int:
    """A command that connects nowhere (``config ...``, ``completion``)."""
    module, _, name = str(args.handler).partition(":")
    handler = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    result: int = handler(args)
    return result


def _unwrap(exc: BaseException) -> BaseException:
    """The single exception inside (nested) exception groups, if that is all there is."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


def _exit_code(exc: BaseException) -> int | None:
    if isinstance(exc, KeyboardInterrupt):
        return 130
    if isinstance(exc, CLIError):
        return exc.exit_code
    if isinstance(exc, ConfigurationError | InvalidRequestError):
        return 2
    if isinstance(exc, GitLabError):
        return 1
    return None


def _fail(message: str, verbose: bool) -> None:
    if verbose:
        sys.stderr.write(redact(traceback.format_exc()))
    sys.stderr.write(redact(f"error: {' '.join(message.split())}") + "\n")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gitlab-users`` with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    add_secret(os.environ.get("GITLAB_TOKEN"))
    parser = build_parser()
    if complete(parser, os.environ):  # a shell asking for completions; argcomplete is missing
        return 1
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as usage:
        return usage.code if isinstance(usage.code, int) else (0 if usage.code is None else 2)
    verbose = bool(args.verbose)
    if verbose:
        _setup_logging()
    try:
        if getattr(args, "local", False):
            return _run_local(args)
        settings = resolve(args, os.environ)
        for warning in settings.warnings:
            sys.stderr.write(redact(warning) + "\n")
        if settings.network.insecure:
            sys.stderr.write(INSECURE_WARNING)
        sys.stderr.flush()
        _page_size(args, settings)
        return anyio.run(_run, args, settings)
    except BaseException as raised:
        error = _unwrap(raised)
        if isinstance(error, BrokenPipeError):
            # The reader went away (``| head``): stop quietly, without a flush error at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        if isinstance(error, Interrupted):
            sys.stderr.write(f"interrupted ({error})\n")
            return error.exit_code
        code = _exit_code(error)
        if code == 130:
            sys.stderr.write("interrupted\n")
            return code
        if code is None:
            if isinstance(error, SystemExit | GeneratorExit):
                raise
            _fail(f"unexpected {type(error).__name__}: {error}", verbose)
            return 1
        _fail(describe(error), verbose)
        return code
