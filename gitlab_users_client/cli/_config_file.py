"""The TOML config file: settings at its top level and named profiles, one per instance.

.. code-block:: toml

    default = "prod"               # the profile used without --gitlab / $GITLAB_PROFILE
    timeout = 30                   # top-level settings apply to every profile...

    [profiles.prod]                # ...which sets its own url and token
    url = "https://gitlab.example.com"
    token_command = ["pass", "show", "gitlab/prod"]
    ca_file = "corp-ca.pem"        # relative to this file
    per_page = 50

A profile is one GitLab instance: its ``url`` and its token (``token``, ``token_file`` or
``token_command``) are never taken from the top level, so a token is never paired with
another instance's URL. The top level's own ``url`` and token are used when no profile is
selected (a config file without profiles).

The file is checked as a whole, whichever profile is used: a ``token`` anywhere requires a
file that group and others cannot read; a ``token_command`` anywhere a file that they
cannot write and that belongs to you (or root): whoever can edit it runs commands as you.
"""

from __future__ import annotations

import math
import os
import re
import shlex
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._errors import CLIError, add_secret

__all__ = [
    "ENGINES",
    "INSTANCE_KEYS",
    "PROFILE_NAME",
    "SETTINGS",
    "TOKEN_HEADERS",
    "TOKEN_KEYS",
    "ConfigFile",
    "Section",
    "default_config_path",
    "load_config_file",
    "profile_names",
]

#: ``--engine`` choices: the SDK's ``transport=`` names ("auto" is its default).
ENGINES = ("auto", "asyncio", "aiohttp")
TOKEN_HEADERS = ("bearer", "private-token")
#: The keys a section (the top level or a profile) may set, with their TOML types.
SETTINGS: dict[str, tuple[type, ...]] = {
    "url": (str,),
    "token": (str,),
    "token_file": (str,),
    "token_command": (str, list),
    "token_command_timeout": (int, float),
    "token_header": (str,),
    "sudo": (str, int),
    "timeout": (int, float),
    "max_retries": (int,),
    "reserve": (int, float),
    "per_page": (int,),
    "ca_file": (str,),
    "proxy": (str,),
    "engine": (str,),
}
TOKEN_KEYS = ("token", "token_file", "token_command")
#: What makes a profile an instance: never inherited from the top level.
INSTANCE_KEYS = ("url", *TOKEN_KEYS)
_TOP_ONLY = ("default", "profiles")
PROFILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]*")
#: python-gitlab's keys, so that its config file gets a pointer to the conversion.
_PYTHON_GITLAB_KEYS = frozenset(
    {"private_token", "oauth_token", "job_token", "ssl_verify", "api_version", "http_username"}
)


@dataclass(frozen=True, slots=True)
class Section:
    """The settings of the top level of the file or of one profile, checked."""

    #: ``config file PATH`` or ``profile 'NAME' (config file PATH)``: for messages.
    where: str
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """A read config file (an absent default file reads as empty)."""

    path: Path
    exists: bool
    top: Section
    profiles: Mapping[str, Section]
    #: ``default = "NAME"``: the profile used when none is asked for.
    default: str | None = None

    def profile(self, name: str, asked_by: str) -> Section:
        """The profile ``name``; ``asked_by`` (``--gitlab``...) says who wanted it."""
        if name in self.profiles:
            return self.profiles[name]
        if not self.exists:
            raise CLIError(
                f"profile {name!r} ({asked_by}) asked for, but the config file {self.path} "
                "does not exist"
            )
        known = ", ".join(sorted(self.profiles)) or "none"
        raise CLIError(
            f"profile {name!r} ({asked_by}) is not in the config file {self.path} "
            f"(profiles: {known})"
        )


def default_config_path(environ: Mapping[str, str]) -> Path:
    """``$GITLAB_USERS_CONFIG``, else ``$XDG_CONFIG_HOME`` or ``~/.config``/gitlab-users/config.toml."""
    if environ.get("GITLAB_USERS_CONFIG"):
        return Path(environ["GITLAB_USERS_CONFIG"]).expanduser()
    base = environ.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "gitlab-users" / "config.toml"


def read_toml(path: Path) -> dict[str, Any] | None:
    """The parsed file, or ``None`` if it does not exist."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CLIError(f"cannot read config file {path}: {exc}") from None


def profile_names(path: Path) -> list[str]:
    """The profile names in ``path`` without any check (shell completion); [] on any error."""
    try:
        data = read_toml(path) or {}
    except CLIError:
        return []
    profiles = data.get("profiles")
    return (
        sorted(name for name in profiles if isinstance(name, str))
        if isinstance(profiles, dict)
        else []
    )


def load_config_file(path: Path, *, required: bool) -> ConfigFile:
    """Read and check the whole config file; a missing optional file is empty."""
    data = read_toml(path)
    if data is None:
        if required:
            raise CLIError(f"config file {path} does not exist")
        return ConfigFile(path, False, Section(f"config file {path}", {}), {})
    for secret in _secrets(data):
        add_secret(secret)
    top = {key: value for key, value in data.items() if key not in _TOP_ONLY}
    for key, value in top.items():
        if isinstance(value, dict):
            raise CLIError(
                f"config file {path}: [{key}] is not a setting; a profile is written "
                f"[profiles.{key}]"
            )
    profiles_table = data.get("profiles", {})
    if not isinstance(profiles_table, dict):
        raise CLIError(f"config file {path}: profiles must be a table ([profiles.NAME])")
    profiles: dict[str, Section] = {}
    for name, values in profiles_table.items():
        where = f"profile {name!r} (config file {path})"
        if not PROFILE_NAME.fullmatch(name):
            raise CLIError(
                f"config file {path}: the profile name {name!r} may only have letters, "
                "digits and _ . @ - (and must not start with -)"
            )
        if not isinstance(values, dict):
            raise CLIError(f"{where} must be a table: [profiles.{name}] with its settings")
        profiles[name] = _section(where, values, path)
    config = ConfigFile(
        path=path,
        exists=True,
        top=_section(f"config file {path}", top, path),
        profiles=profiles,
        default=_default(data, path, profiles),
    )
    _check_access(config)
    return config


def _secrets(data: Mapping[str, Any]) -> list[str]:
    """Every ``token`` value in the file, so that no message can show one."""
    profiles = data.get("profiles")
    tables = profiles.values() if isinstance(profiles, dict) else ()
    sections = [data, *(table for table in tables if isinstance(table, dict))]
    return [s["token"] for s in sections if isinstance(s.get("token"), str)]


def _default(data: Mapping[str, Any], path: Path, profiles: Mapping[str, Section]) -> str | None:
    default = data.get("default")
    if default is None:
        return None
    if not isinstance(default, str) or default not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        raise CLIError(
            f"config file {path}: default = {default!r} names no profile (profiles: {known})"
        )
    return default


def _section(where: str, values: Mapping[str, Any], path: Path) -> Section:
    checked: dict[str, Any] = {}
    for key, value in values.items():
        if key not in SETTINGS:
            hint = ""
            if key in _PYTHON_GITLAB_KEYS:
                hint = (
                    "; this looks like python-gitlab's format: convert such a file with "
                    "'gitlab-users config import-python-gitlab'"
                )
            elif key in _TOP_ONLY:
                hint = f"; {key} belongs at the top of the file"
            raise CLIError(f"{where}: unknown key {key!r} (known: {', '.join(SETTINGS)}){hint}")
        if isinstance(value, bool) or not isinstance(value, SETTINGS[key]):
            raise CLIError(f"{where}: {key} has the wrong type ({type(value).__name__})")
        checked[key] = _value(key, value, where, path)
    given = [key for key in TOKEN_KEYS if key in checked]
    if len(given) > 1:
        raise CLIError(f"{where}: set one of token, token_file and token_command, not {given}")
    return Section(where, checked)


def _value(key: str, value: Any, where: str, path: Path) -> Any:
    """``value`` checked, with paths made absolute (relative ones are relative to the file)."""
    problem = None
    if key in ("token_file", "ca_file"):
        return str((path.parent / Path(value).expanduser()).resolve())
    if key == "token_command":
        return _command(value, where, path)
    if key in ("timeout", "token_command_timeout") and not 0 < value < math.inf:
        problem = "a positive number of seconds"
    elif key == "max_retries" and value < 0:
        problem = "an integer >= 0"
    elif key == "reserve" and not 0 <= value < 1:
        problem = "a share from 0 to below 1 (0.2 leaves a fifth of each window to others)"
    elif key == "per_page" and not 1 <= value <= 100:
        problem = "an integer from 1 to 100 (GitLab's largest page)"
    elif key == "token_header" and value not in TOKEN_HEADERS:
        problem = " or ".join(repr(v) for v in TOKEN_HEADERS)
    elif key == "engine" and value not in ENGINES:
        problem = "one of " + ", ".join(ENGINES)
    elif key == "url" and not value.strip():
        problem = "a URL"
    if problem:
        shown = "(hidden)" if key == "token" else repr(value)
        raise CLIError(f"{where}: {key} must be {problem}, not {shown}")
    return value


def _command(value: str | list[Any], where: str, path: Path) -> tuple[str, ...]:
    """``token_command`` as the words to run: a list as it is, a string split like a shell
    would split it (but never run by one); ``~`` expanded; a relative program path (with a
    ``/``) is relative to the config file."""
    if isinstance(value, str):
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise CLIError(f"{where}: token_command cannot be split into words: {exc}") from None
    else:
        words = value
    if not words or not all(isinstance(word, str) and word for word in words):
        raise CLIError(
            f"{where}: token_command must be a command and its arguments, e.g. "
            '["pass", "show", "gitlab/token"] (non-empty strings)'
        )
    words = [os.path.expanduser(word) for word in words]
    program = Path(words[0])
    if not program.is_absolute() and len(program.parts) > 1:
        words[0] = str((path.parent / program).resolve())
    return tuple(words)


def _check_access(config: ConfigFile) -> None:
    """Who else may read the file's tokens, or edit the commands it runs (POSIX only)."""
    if os.name != "posix":
        return
    sections = [config.top, *config.profiles.values()]
    info = config.path.stat()
    mode = stat.S_IMODE(info.st_mode)
    path = config.path
    if any("token" in s.values for s in sections) and mode & (stat.S_IRGRP | stat.S_IROTH):
        raise CLIError(
            f"config file {path} contains a token but is readable by group/others "
            f"(mode {mode:04o}); run 'chmod 600 {path}', or use token_file or token_command"
        )
    if any("token_command" in s.values for s in sections):
        if mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise CLIError(
                f"config file {path} has a token_command but is writable by group/others "
                f"(mode {mode:04o}): whoever can edit it runs commands as you; run "
                f"'chmod go-w {path}'"
            )
        if info.st_uid not in (os.getuid(), 0):
            raise CLIError(
                f"config file {path} has a token_command but belongs to another user "
                f"(uid {info.st_uid}): whoever owns it runs commands as you"
            )
