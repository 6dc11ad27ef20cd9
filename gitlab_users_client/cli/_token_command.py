"""``token_command``: the token printed by a program (a password manager, a vault client).

It works like git's credential helpers, without a shell: the command is a list of words
run as they are (no pipes, no ``$VARIABLES``, no globbing, nothing to quote against).
Its standard input is closed (``bulk`` reads its items from stdin), its standard error
goes where ours goes (a helper's prompt or its own error message), and its standard
output is the token: one line, at most :data:`MAX_OUTPUT` bytes, within the timeout;
after that the command is killed. What it prints is never logged nor put in an error.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from collections.abc import Sequence

from ._errors import CLIError, add_secret

__all__ = ["DEFAULT_TIMEOUT", "MAX_OUTPUT", "run_token_command"]

#: Seconds a token command may take (``token_command_timeout`` changes it).
DEFAULT_TIMEOUT = 30.0
#: Bytes a token command may print: a token is short; more is a wrong command.
MAX_OUTPUT = 64 * 1024
#: Seconds to wait for a killed command to be gone.
_REAP = 5.0
#: How often to look whether the command has exited while its output is still open.
_SLICE = 0.05
#: Seconds to let the reader take what an exited command left in the pipe.
_DRAIN = 1.0


class _Output:
    """Reads the command's stdout in a thread, up to one byte past :data:`MAX_OUTPUT`."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self.data = bytearray()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while len(self.data) <= MAX_OUTPUT:
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return
            self.data += chunk

    @property
    def too_long(self) -> bool:
        return len(self.data) > MAX_OUTPUT


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(_REAP)  # not reaped in time: the kill stands; we do not wait longer


def run_token_command(argv: Sequence[str], *, timeout: float, where: str) -> str:
    """Run ``argv`` and return the token it prints.

    ``where`` names the setting in errors (``token_command of profile 'prod' (config file
    ...)``). Every failure is a :class:`CLIError` that never quotes the command's output.
    """
    deadline = time.monotonic() + timeout
    try:
        proc = subprocess.Popen(  # noqa: S603 - a list of words, no shell: the point of it
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
    except OSError as exc:
        raise CLIError(f"{where}: cannot run {argv[0]!r}: {exc.strerror or exc}") from None
    assert proc.stdout is not None
    output = _Output(proc.stdout.fileno())
    while output.thread.is_alive() and not output.too_long:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            _stop(proc)
            raise CLIError(
                f"{where} did not finish within {timeout:g} seconds (token_command_timeout): "
                "it was stopped"
            )
        if proc.poll() is not None:
            # It has exited, so all it printed is in the pipe; a child it left running may
            # hold the pipe open, and its end of file is not worth waiting for.
            output.thread.join(min(_DRAIN, remaining))
            break
        output.thread.join(min(_SLICE, remaining))
    if output.too_long:
        _stop(proc)
        raise CLIError(f"{where} printed more than {MAX_OUTPUT} bytes: it was stopped")
    if not output.thread.is_alive():
        proc.stdout.close()  # (not while the reader may still be blocked on it)
    try:
        status = proc.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise CLIError(
            f"{where} closed its output but did not exit within {timeout:g} seconds "
            "(token_command_timeout): it was stopped"
        ) from None
    return _token(bytes(output.data), status, where)


def _token(data: bytes, status: int, where: str) -> str:
    """The token in the command's output, or the reason there is none (never the output)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    for line in (text or "").splitlines():
        add_secret(line)  # whatever happens next, none of it is ever printed
    if status != 0:
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        raise CLIError(f"{where} {how}")
    if text is None:
        raise CLIError(f"{where} printed bytes that are not UTF-8 text")
    token = text.strip()
    if not token:
        raise CLIError(f"{where} printed nothing")
    if not token.isprintable() or any(char.isspace() for char in token):
        raise CLIError(f"{where} must print only the token, on one line")
    add_secret(token)
    return token
