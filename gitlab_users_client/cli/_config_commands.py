"""``gitlab-users config ...``: the profiles, where each setting comes from, and moving
over from python-gitlab. None of them sends a request or runs a token command."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import Any

from ._args import Tree
from ._config import explain
from ._config_file import TOKEN_KEYS, default_config_path, load_config_file
from ._errors import CLIError, redact
from ._output import Format, printer
from ._python_gitlab import Conversion, convert, python_gitlab_files, summary, to_toml

__all__ = ["add_config_commands", "cmd_import", "cmd_profiles", "cmd_show"]


def add_config_commands(tree: Tree) -> None:
    """``config profiles``, ``config show``, ``config import-python-gitlab``."""
    config = tree.group("config", "the config file: profiles, settings, python-gitlab's file")
    p = config.add(
        "profiles",
        "_config_commands:cmd_profiles",
        "list the profiles of the config file (--gitlab NAME chooses one)",
        output=True,
        connection=False,
    )
    p.set_defaults(local=True)
    p = config.add(
        "show",
        "_config_commands:cmd_show",
        "show each connection setting and where it comes from, without connecting "
        "(flags > environment > profile > config file > defaults)",
        output=True,
    )
    p.set_defaults(local=True)
    p = config.add(
        "import-python-gitlab",
        "_config_commands:cmd_import",
        "write python-gitlab's instances (~/.python-gitlab.cfg) as profiles into a new "
        "config file (mode 0600)",
        connection=False,
    )
    p.add_argument(
        "source",
        nargs="?",
        metavar="PATH",
        help="python-gitlab's config file (default: $PYTHON_GITLAB_CFG, else "
        "/etc/python-gitlab.cfg and ~/.python-gitlab.cfg, as python-gitlab reads them)",
    )
    p.add_argument(
        "--to",
        metavar="PATH",
        help="the file to create (default: --config, else $GITLAB_USERS_CONFIG, else "
        "~/.config/gitlab-users/config.toml); an existing file is never overwritten",
    )
    p.set_defaults(local=True)


def _config_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The config file in use and whether it was named (then it must exist)."""
    explicit = getattr(args, "config", None)
    if explicit:
        return Path(explicit).expanduser(), True
    return default_config_path(os.environ), bool(os.environ.get("GITLAB_USERS_CONFIG"))


def _print(args: argparse.Namespace, rows: list[dict[str, Any]], columns: list[str]) -> None:
    chosen: Format | None = getattr(args, "output", None)
    fmt: Format = chosen or ("table" if sys.stdout.isatty() else "jsonl")
    fields = [f.strip() for f in (args.fields or "").split(",") if f.strip()] or None
    out = printer(fmt, sys.stdout, fields, columns)
    out.write(rows)
    out.close()


def cmd_profiles(args: argparse.Namespace) -> int:
    """List the profiles: name, default, URL and where the token comes from."""
    path, _ = _config_path(args)
    config = load_config_file(path, required=True)
    if not config.profiles:
        sys.stderr.write(f"config file {path} has no profiles ([profiles.NAME] tables)\n")
    rows = [
        {
            "profile": name,
            "default": name == config.default,
            "url": section.values.get("url", ""),
            "token": next((key for key in TOKEN_KEYS if key in section.values), ""),
        }
        for name, section in config.profiles.items()
    ]
    _print(args, rows, ["profile", "default", "url", "token"])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print every resolved setting with its source; the token is named, never shown."""
    rows = [
        {"setting": key, "value": redact(value), "source": source}
        for key, value, source in explain(args, os.environ)
    ]
    _print(args, rows, ["setting", "value", "source"])
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Convert python-gitlab's config file into a new gitlab-users config file."""
    if args.source:
        sources = [Path(args.source).expanduser()]
        if not sources[0].is_file():
            raise CLIError(f"python-gitlab config file {sources[0]} does not exist")
    else:
        sources = python_gitlab_files(os.environ)
        if not sources:
            raise CLIError(
                "no python-gitlab config file found ($PYTHON_GITLAB_CFG, "
                "/etc/python-gitlab.cfg, ~/.python-gitlab.cfg): give its path"
            )
    conversion = convert(sources, os.environ)
    if not conversion.profiles:
        raise CLIError(f"{', '.join(map(str, sources))}: no instance section to convert")
    target = Path(args.to).expanduser() if args.to else _config_path(args)[0]
    _create(target, to_toml(conversion))
    try:
        load_config_file(target, required=True)
    except CLIError as error:  # a conversion this module cannot read back: remove it
        target.unlink()
        raise CLIError(f"the converted file was not valid and is removed: {error}") from None
    print(f"wrote {target} (mode 0600) from {', '.join(map(str, sources))}:")
    print("\n".join(summary(conversion)))
    for note in conversion.notes:
        sys.stderr.write(f"note: {note}\n")
    for source in sources:
        _warn_if_readable(source, conversion)
    first = conversion.default or next(iter(conversion.profiles))
    print(f"try it: gitlab-users --gitlab {first} whoami")
    return 0


def _create(path: Path, text: str) -> None:
    """Write a new file, mode 0600: never over an existing file nor through a link."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise CLIError(
            f"{path} already exists and is never overwritten: write the conversion "
            "elsewhere with --to PATH and merge it by hand"
        ) from None
    except OSError as exc:
        raise CLIError(f"cannot create {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _warn_if_readable(source: Path, conversion: Conversion) -> None:
    """python-gitlab does not check who can read its file; say so if it holds tokens."""
    if os.name != "posix" or not any("token" in p for p in conversion.profiles.values()):
        return
    mode = stat.S_IMODE(source.stat().st_mode)
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        sys.stderr.write(
            f"warning: {source} holds tokens and group/others can read it (mode {mode:04o}): "
            f"run 'chmod 600 {source}', or delete it once you have moved over\n"
        )
