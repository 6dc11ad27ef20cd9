"""``token_command``: a program prints the token; it runs without a shell, with its stdin
closed, bounded in time and in output, and nothing it prints ends up in an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from gitlab_users_client.cli._errors import CLIError, redact
from gitlab_users_client.cli._token_command import MAX_OUTPUT, run_token_command

WHERE = "token_command of profile 'prod' (config file /x/config.toml)"
TOKEN = "glpat-from-the-helper-0123"


def helper(tmp_path: Path, body: str) -> list[str]:
    """A Python helper program with ``body`` as its code; its argv[1] is a scratch dir."""
    script = tmp_path / "helper.py"
    script.write_text("import os, sys, time\n" + body)
    return [sys.executable, str(script), str(tmp_path)]


def run(argv: list[str], timeout: float = 20) -> str:
    return run_token_command(argv, timeout=timeout, where=WHERE)


def test_the_token_is_the_stripped_single_line(tmp_path: Path) -> None:
    argv = helper(tmp_path, f"print('  {TOKEN}  ')")
    assert run(argv) == TOKEN
    assert TOKEN not in redact(f"an error quoting {TOKEN}")  # registered as a secret


def test_words_reach_the_program_as_they_are_no_shell(tmp_path: Path) -> None:
    argv = helper(
        tmp_path,
        "open(os.path.join(sys.argv[1], 'argv'), 'w').write('\\n'.join(sys.argv[2:]))\n"
        f"print({TOKEN!r})",
    )
    words = ["a b", "$(touch pwned)", "; echo x", "*", "$HOME"]
    assert run([*argv, *words]) == TOKEN
    assert (tmp_path / "argv").read_text().split("\n") == words
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_stdin_is_closed_so_the_commands_input_is_not_taken(tmp_path: Path) -> None:
    argv = helper(
        tmp_path,
        f"open(os.path.join(sys.argv[1], 'stdin'), 'w').write(sys.stdin.read())\nprint({TOKEN!r})",
    )
    read, write = os.pipe()
    os.write(write, b"items for bulk\n")
    saved = os.dup(0)
    os.dup2(read, 0)  # our stdin has data: the helper must not get it
    try:
        assert run(argv) == TOKEN
    finally:
        os.dup2(saved, 0)
        for fd in (read, write, saved):
            os.close(fd)
    assert (tmp_path / "stdin").read_text() == ""


def test_a_slow_command_is_killed_at_the_timeout(tmp_path: Path) -> None:
    argv = helper(
        tmp_path,
        "open(os.path.join(sys.argv[1], 'pid'), 'w').write(str(os.getpid()))\n"
        "sys.stdout.flush()\ntime.sleep(60)\n",
    )
    with pytest.raises(
        CLIError, match=r"did not finish within 1 seconds \(token_command_timeout\)"
    ):
        run(argv, timeout=1)
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped


def test_a_child_left_running_with_the_output_open_does_not_hold_us(tmp_path: Path) -> None:
    # The helper prints the token and exits, but a child it left behind keeps stdout open
    # (a daemon it started): the token is taken once the helper has exited.
    argv = helper(
        tmp_path,
        "import subprocess\n"
        "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(15)'])\n"
        f"print({TOKEN!r}, flush=True)\n",
    )
    assert run(argv, timeout=10) == TOKEN


def test_endless_output_is_cut_and_refused(tmp_path: Path) -> None:
    argv = helper(tmp_path, "while True:\n    sys.stdout.write('x' * 65536)\n")
    with pytest.raises(CLIError, match=f"more than {MAX_OUTPUT} bytes"):
        run(argv)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"print({TOKEN!r}); sys.exit(3)", "exited with status 3"),
        (f"print({TOKEN!r}, flush=True); os.kill(os.getpid(), 9)", "was killed by signal 9"),
        ("pass", "printed nothing"),
        (f"print({TOKEN!r}); print('second line')", "only the token, on one line"),
        (f"print('user ' + {TOKEN!r})", "only the token, on one line"),
        ("sys.stdout.buffer.write(b'\\xff\\xfe')", "not UTF-8"),
    ],
)
def test_failures_never_quote_the_output(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(CLIError) as raised:
        run(helper(tmp_path, body))
    text = str(raised.value)
    assert text.startswith(WHERE) and message in text
    assert TOKEN not in text and "second line" not in text
    assert TOKEN not in redact(f"x {TOKEN} x")  # what it printed is masked from then on


def test_a_missing_program_is_named(tmp_path: Path) -> None:
    with pytest.raises(CLIError, match=r"cannot run '/nonexistent/pass': No such file"):
        run(["/nonexistent/pass", "show"])
