"""The SDK's logger, ``gitlab_users_client``, and the ``GITLAB_USERS_LOG`` switch.

``GITLAB_USERS_LOG=info`` prints retries, rate-limit pauses and how a scan walks;
``GITLAB_USERS_LOG=debug`` also one line per call (method, URL, status, time, attempts,
request id). Lines go to stderr. Nothing logged ever holds a credential: URLs go through
``redact_url`` and no header is logged. Without the variable the SDK only logs through
the standard library's configuration (no handler of its own), as a library should.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings

from ._redact import redact_url

__all__ = ["ENVIRONMENT_VARIABLE", "log_call", "logger", "setup_from_environment"]

logger = logging.getLogger("gitlab_users_client")

ENVIRONMENT_VARIABLE = "GITLAB_USERS_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``GITLAB_USERS_LOG`` adds (recognised, so it is added once)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))


def setup_from_environment() -> None:
    """Turn on the SDK's logger on stderr when ``GITLAB_USERS_LOG`` says so (at import)."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:
        warnings.warn(
            f"{ENVIRONMENT_VARIABLE} must be 'debug' or 'info'; {value[:20]!r} is ignored",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    if not any(isinstance(handler, _StderrHandler) for handler in logger.handlers):
        logger.addHandler(_StderrHandler())
    logger.setLevel(level)


def log_call(
    method: str, url: str, status: int, milliseconds: float, attempts: int, request_id: str
) -> None:
    """One DEBUG line per call, once it is answered."""
    logger.debug(
        "%s %s -> %d in %.0f ms (attempt %d, request id %s)",
        method,
        redact_url(url),
        status,
        milliseconds,
        attempts,
        request_id,
    )
