"""Shell completion for bash, zsh and fish, with argcomplete (the ``completion`` extra).

``gitlab-users completion SHELL`` prints the script a shell loads once. On each Tab the
shell runs ``gitlab-users`` again with ``_ARGCOMPLETE`` set; :func:`complete` then answers
from the same parser that parses the command line (so the completion cannot drift from
the commands) and exits, before any config file is read for a connection, any token
command runs or anything is sent. Profile names after ``--gitlab`` come from the config
file's ``[profiles]`` table, read without running anything.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._config_file import default_config_path, profile_names
from ._errors import CLIError

__all__ = ["PROGRAM", "SHELLS", "cmd_completion", "complete", "complete_profiles"]

PROGRAM = "gitlab-users"
SHELLS = ("bash", "zsh", "fish")
MISSING = (
    "shell completion needs the completion extra: pip install 'gitlab-users-client[completion]' "
    "(or: pip install argcomplete)"
)


def complete(parser: argparse.ArgumentParser, environ: Mapping[str, str]) -> bool:
    """Answer a shell's completion request and exit; ``False`` if this is no such request.

    ``True`` means it was one but argcomplete is not installed (no completions: the
    caller exits with an error status and the shell offers nothing).
    """
    if "_ARGCOMPLETE" not in environ:
        return False
    try:
        import argcomplete
    except ImportError:
        return True
    # Exits the process once the completions are written to the shell's file descriptor.
    argcomplete.autocomplete(parser, always_complete_options=False)
    return True


def complete_profiles(
    prefix: str, parsed_args: argparse.Namespace | None = None, **_: Any
) -> list[str]:
    """argcomplete's completer for ``--gitlab``: the profiles of the config file in use."""
    explicit = getattr(parsed_args, "config", None)
    path = Path(explicit).expanduser() if explicit else default_config_path(os.environ)
    return [name for name in profile_names(path) if name.startswith(prefix)]


def cmd_completion(args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``."""
    try:
        from argcomplete.shell_integration import shellcode
    except ImportError:
        raise CLIError(MISSING) from None
    sys.stdout.write(shellcode([PROGRAM], shell=args.shell))
    sys.stdout.flush()
    return 0


def add_completion_command(subparsers: Any) -> None:
    """``gitlab-users completion {bash,zsh,fish}``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "completion",
        help="print the shell completion script (needs the completion extra)",
        description="Print the script that makes SHELL complete gitlab-users commands, "
        "options and profile names. Load it from your shell's startup file:\n\n"
        '  bash (~/.bashrc):  eval "$(gitlab-users completion bash)"\n'
        '  zsh  (~/.zshrc, after compinit):  eval "$(gitlab-users completion zsh)"\n'
        "  fish:  gitlab-users completion fish > ~/.config/fish/completions/gitlab-users.fish\n\n"
        f"It needs argcomplete: {MISSING.split(': ', 1)[1]}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("shell", choices=SHELLS, metavar="SHELL", help=", ".join(SHELLS))
    parser.set_defaults(handler="_completion:cmd_completion", local=True)
