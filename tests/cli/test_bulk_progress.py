"""The progress bar fits the terminal, and an interrupted bar is not drawn complete."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import termios
from collections import Counter
from pathlib import Path

import pytest

from gitlab_users_client.cli._report import Progress
from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import CLI, Bulk, pick, write_ids

COUNTS = Counter(ok=18_040, failed=2, unknown=1, skipped=12)


def _segments(text: str) -> list[str]:
    """What each redraw left on screen: the text between carriage returns, unpadded."""
    return [part.rstrip() for line in text.split("\n") for part in line.split("\r") if part.strip()]


@pytest.mark.parametrize("width", [24, 40, 60, 79, 80, 100, 160])
def test_the_bar_never_outgrows_the_terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    stream = io.StringIO()
    progress = Progress(stream, 39_950, "bar")
    progress.update(COUNTS, force=True)
    progress.found(39_950)
    progress.finish(COUNTS + Counter(not_attempted=21_895), stopped="interrupted")
    drawn = _segments(stream.getvalue())
    assert drawn and all(len(segment) <= width - 1 for segment in drawn), drawn
    first = drawn[0]
    assert first.startswith(("[", "18055/39950")), first  # the count always shows
    if width >= 100:
        assert re.match(r"\[#{9}-{11}\] 18055/39950 ok 18040 failed 2 unknown 1 skipped 12 ", first)
        assert " · ETA " in first
    elif width >= 60:
        assert "ok 18040 failed 2 unknown 1 skipped 12" in first  # counts kept, bar shorter
    if width >= 100:
        assert "· interrupted after" in drawn[-1]
    if width >= 40:  # fields go before the word that says the job did not finish
        assert re.search(r"^\S+ .*· interrupted after \d+s$", drawn[-1]), drawn[-1]


def test_an_interrupted_bar_fills_only_with_what_was_acted_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    stream = io.StringIO()
    progress = Progress(stream, 100, "bar")
    progress.finish(Counter(ok=10, unknown=2, not_attempted=88), stopped="interrupted")
    last = _segments(stream.getvalue())[-1]
    assert last.startswith("[##------------------] 100/100 ok 10 failed 0 unknown 2 ")
    assert "not attempted 88 · interrupted after" in last


def test_on_a_narrow_terminal_the_bar_fits_the_window(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 12)
    fake.state.engine.set_faults(Faults(latency=0.1, methods=["POST"]))
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    env = bulk.env()
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    with subprocess.Popen(
        [*CLI, "bulk", "block", "-f", str(write_ids(tmp_path / "ids", users)), "-c", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=env,
    ) as proc:
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            output += chunk
        assert proc.wait(timeout=60) == 0
    os.close(controller)
    text = output.decode()
    drawn = [s for s in _segments(text) if s.startswith("[") or re.match(r"\d+/12", s)]
    assert drawn, text
    assert all(len(segment) <= 59 for segment in drawn), drawn
    assert "12/12" in drawn[-1] and "ok 12" in drawn[-1]
    assert text.rstrip().splitlines()[-1].startswith("processed 12: ok 12")
