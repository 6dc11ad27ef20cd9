"""Shell completion (the ``completion`` extra): the scripts, and real completions in bash.

bash runs the script ``gitlab-users completion bash`` prints, then asks its completion
function what follows a partial command line, as it does on Tab: that runs the installed
``gitlab-users`` entry point with argcomplete's protocol. zsh and fish are not on the
test machine; their scripts are checked for the lines that register them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gitlab_users_client.cli._parser import build_parser
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
BIN = Path(sys.executable).parent
BASH = shutil.which("bash")
# Asks the completion function registered for gitlab-users, as bash does on Tab.
COMPLETE = r"""
source <(gitlab-users completion bash) || exit 9
line=$1
COMP_LINE=$line; COMP_POINT=${#line}; COMP_TYPE=9
read -ra COMP_WORDS <<< "$line"
[[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
"$(complete -p gitlab-users | sed -E 's/.* -F ([^ ]+) .*/\1/')" gitlab-users
printf '%s\n' "${COMPREPLY[@]}"
"""


def run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=clean_env(home, **env), timeout=60
    )


@pytest.mark.parametrize(
    ("shell", "registers"),
    [
        ("bash", "complete -o nospace -o default -o bashdefault -F _python_argcomplete gitlab-users"),
        ("zsh", "compdef _python_argcomplete gitlab-users"),
        ("fish", "complete --command gitlab-users -f -a '(__fish_gitlab-users_complete)'"),
    ],
)  # fmt: skip
def test_the_completion_script_is_printed_for_each_shell(
    tmp_path: Path, shell: str, registers: str
) -> None:
    proc = run(tmp_path, "completion", shell)
    assert proc.returncode == 0, proc.stderr
    assert registers in proc.stdout
    assert "_ARGCOMPLETE" in proc.stdout  # it calls gitlab-users back to complete


@pytest.fixture
def bash_home(tmp_path: Path) -> Path:
    if BASH is None:
        pytest.skip("bash is not installed")
    home = tmp_path / "home"
    (home / ".config" / "gitlab-users").mkdir(parents=True)
    marker = home / "token-command-ran"
    config = home / ".config" / "gitlab-users" / "config.toml"
    config.write_text(
        'default = "prod"\n'
        f'[profiles.prod]\nurl = "https://prod.example"\n'
        f'token_command = ["touch", "{marker}"]\n'
        '[profiles.staging]\nurl = "https://staging.example"\n'
        '[profiles.local]\nurl = "http://127.0.0.1:9"\n'
    )
    config.chmod(0o600)
    return home


def complete(home: Path, line: str) -> list[str]:
    """What bash offers after ``line`` (words, trailing spaces stripped)."""
    env = clean_env(home, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(
        [str(BASH), "-c", COMPLETE, "complete", line],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return [word.strip() for word in proc.stdout.splitlines() if word.strip()]


def test_bash_completes_commands_options_and_profiles(bash_home: Path) -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(complete(bash_home, "gitlab-users ")) == set(commands or ())  # options after a -
    assert complete(bash_home, "gitlab-users tok") == ["tokens"]
    assert complete(bash_home, "gitlab-users tokens l") == ["list"]
    assert complete(bash_home, "gitlab-users list --per") == ["--per-page"]
    # The refused --token is no option to offer.
    assert sorted(complete(bash_home, "gitlab-users whoami --tok")) == [
        "--token-file",
        "--token-header",
    ]
    assert complete(bash_home, "gitlab-users completion ") == ["bash", "zsh", "fish"]
    assert complete(bash_home, "gitlab-users --gitlab ") == ["local", "prod", "staging"]
    assert complete(bash_home, "gitlab-users list -g st") == ["staging"]
    # Completing reads the profiles' names; it runs no token command and sends nothing.
    assert not (bash_home / "token-command-ran").exists()


def test_without_argcomplete_it_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['argcomplete'] = None\n"
        "sys.modules['argcomplete.shell_integration'] = None\n"
        "from gitlab_users_client.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "completion", "bash"],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: shell completion needs the completion extra: pip install "
        "'gitlab-users-client[completion]' (or: pip install argcomplete)\n"
    )
    # A shell asking for completions gets none, and no usage text or traceback.
    asked = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path, _ARGCOMPLETE="1", COMP_LINE="gitlab-users w", COMP_POINT="14"),
        timeout=60,
    )
    assert (asked.returncode, asked.stdout, asked.stderr) == (1, "", "")
