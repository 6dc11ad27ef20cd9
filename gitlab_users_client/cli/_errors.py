"""CLI-level errors and the secret scrubber every line we print goes through."""

from __future__ import annotations

import logging
import re
import signal

__all__ = [
    "CLIError",
    "Interrupted",
    "LookupFailed",
    "RedactingFilter",
    "add_secret",
    "describe",
    "redact",
]

_SECRETS: set[str] = set()
#: GitLab token formats (glpat-, gloas-, glimt-, glrt-...), masked even when not registered.
_TOKEN_PATTERN = re.compile(r"\bgl[a-z]{2,8}-[A-Za-z0-9_.\-]{8,}")


class CLIError(Exception):
    """A usage or configuration problem: printed as one ``error:`` line, exit code 2."""

    exit_code = 2


class LookupFailed(CLIError):
    """Something named on the command line or in the input does not exist (exit code 1)."""

    exit_code = 1


class Interrupted(Exception):
    """A signal stopped the command after it wrapped up (a bulk job's summary is out).

    The exit code is the shell's for that signal: 128 + its number (SIGINT 130, SIGTERM
    143, SIGHUP 129).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum
        self.exit_code = 128 + signum


def signal_name(signum: int) -> str:
    """``SIGTERM`` for 15 (the number itself for a signal Python does not name)."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def describe(error: BaseException | None) -> str:
    """One line for an error; connection errors also say which request failed."""
    method, url = getattr(error, "method", None), getattr(error, "url", None)
    text = str(error)
    if method and url and not hasattr(error, "status_code") and url not in text:
        return f"{text}: {method} {url}"
    return text


def add_secret(value: str | None) -> None:
    """Remember a credential so that :func:`redact` masks it wherever it shows up."""
    if value and len(value.strip()) >= 4:
        _SECRETS.add(value.strip())


def redact(text: str) -> str:
    """``text`` with every known credential replaced by ``[REDACTED]``."""
    for secret in _SECRETS:
        if secret in text:
            text = text.replace(secret, "[REDACTED]")
    return _TOKEN_PATTERN.sub("[REDACTED]", text)


class RedactingFilter(logging.Filter):
    """Log filter that formats the record and masks credentials in it (``--verbose``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True
