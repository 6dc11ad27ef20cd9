"""python-gitlab's config file (``~/.python-gitlab.cfg``) turned into gitlab-users profiles.

python-gitlab keeps one INI section per instance and a ``[global]`` section with the
default instance and settings shared by all. Each instance becomes a profile, ``[global]``
the top level. Values are read the way python-gitlab reads them (the same
``configparser``, interpolation included); a setting gitlab-users has no equivalent for
is left out with a note that says why, never guessed.

| python-gitlab | gitlab-users |
|---|---|
| ``[global] default`` | ``default`` |
| ``url``, ``timeout``, ``per_page`` | the same keys |
| ``private_token`` | ``token`` and ``token_header = "private-token"`` (the header python-gitlab sends) |
| ``oauth_token`` | ``token`` (sent as ``Authorization: Bearer``) |
| ``... = helper: CMD ARGS`` | ``token_command``: the words python-gitlab runs (``$VAR`` expanded now) |
| ``ssl_verify = /path/ca.pem`` | ``ca_file`` |
| ``ssl_verify = false`` | left out: certificates are always checked (``--insecure`` per run) |
"""

from __future__ import annotations

import configparser
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._config_file import PROFILE_NAME, TOKEN_KEYS
from ._errors import CLIError, add_secret

__all__ = ["Conversion", "convert", "python_gitlab_files", "summary", "to_toml"]

_HELPER = "helper:"
_SECRET_KEYS = ("private_token", "oauth_token", "job_token", "http_password")
_SHARED = ("ssl_verify", "timeout", "per_page", "api_version")
_WHY_NOT = {
    "job_token": "gitlab-users does not take CI job tokens",
    "http_username": "HTTP basic authentication in front of GitLab is not supported",
    "http_password": "HTTP basic authentication in front of GitLab is not supported",
    "retry_transient_errors": "gitlab-users retries transient errors by default "
    "(max_retries sets how often)",
    "keep_base_url": "gitlab-users follows pagination links only inside the configured URL",
    "user_agent": "gitlab-users sends its own User-Agent",
    "pagination": "listings choose keyset pagination by themselves (--pagination per command)",
    "order_by": "pass --order-by to the list command",
}


@dataclass
class Conversion:
    """What one python-gitlab config file becomes."""

    sources: list[Path]
    default: str | None = None
    top: dict[str, Any] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: One line per setting left out or changed, and why (never a secret value).
    notes: list[str] = field(default_factory=list)


def python_gitlab_files(environ: Mapping[str, str]) -> list[Path]:
    """The files python-gitlab reads: ``$PYTHON_GITLAB_CFG``, else the system-wide and the
    user's file (the latter wins), those that exist."""
    if environ.get("PYTHON_GITLAB_CFG"):
        return [Path(environ["PYTHON_GITLAB_CFG"]).expanduser()]
    home = Path(environ.get("HOME") or Path.home())
    candidates = [Path("/etc/python-gitlab.cfg"), home / ".python-gitlab.cfg"]
    return [path for path in candidates if path.is_file()]


def _read(paths: list[Path]) -> configparser.ConfigParser:
    raw = configparser.RawConfigParser()
    parser = configparser.ConfigParser()  # python-gitlab's own: interpolation on
    for path in paths:
        try:
            with path.open(encoding="utf-8") as handle:
                text = handle.read()
            raw.read_string(text, str(path))
            for section in raw.sections():
                for key in _SECRET_KEYS:
                    add_secret(raw.get(section, key, fallback=None))
            parser.read_string(text, str(path))
        except OSError as exc:
            raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from None
        except (configparser.Error, UnicodeDecodeError) as exc:
            raise CLIError(f"cannot read {path} as python-gitlab's INI format: {exc}") from None
    return parser


def _get(parser: configparser.ConfigParser, section: str, key: str) -> str:
    try:
        return parser.get(section, key)
    except configparser.InterpolationError:
        # The message would quote part of the value, which may be a token.
        raise CLIError(
            f"[{section}] {key}: a '%' that is neither '%%' nor '%(name)s' (python-gitlab "
            "reads this file with interpolation, so it cannot read this value either)"
        ) from None


def convert(paths: list[Path], environ: Mapping[str, str]) -> Conversion:
    """Read python-gitlab's files (later ones override earlier ones, as it does)."""
    parser = _read(paths)
    result = Conversion(sources=paths)
    if parser.has_section("global"):
        _global(parser, result)
    for section in parser.sections():
        if section == "global":
            continue
        if not PROFILE_NAME.fullmatch(section):
            result.notes.append(
                f"[{section}]: not converted: a profile name may only have letters, digits "
                "and _ . @ -"
            )
            continue
        result.profiles[section] = _instance(parser, section, result, environ)
    if result.default is not None and result.default not in result.profiles:
        result.notes.append(f"[global] default = {result.default}: no such instance, left out")
        result.default = None
    return result


def _global(parser: configparser.ConfigParser, result: Conversion) -> None:
    for key in parser.options("global"):
        if key == "default":
            result.default = _get(parser, "global", key)
        elif key in _SHARED:
            _shared(parser, "global", key, result.top, result, "[global]")
        elif key in _WHY_NOT:
            result.notes.append(f"[global] {key}: left out: {_WHY_NOT[key]}")
        else:
            result.notes.append(f"[global] {key}: left out: python-gitlab does not read it there")


def _instance(
    parser: configparser.ConfigParser, section: str, result: Conversion, environ: Mapping[str, str]
) -> dict[str, Any]:
    where = f"[{section}]"
    profile: dict[str, Any] = {}
    tokens = [key for key in ("private_token", "oauth_token") if parser.has_option(section, key)]
    if len(tokens) > 1:
        result.notes.append(
            f"{where}: both private_token and oauth_token are set (python-gitlab refuses that "
            "too): no token carried over"
        )
        tokens = []
    for key in parser.options(section):
        if key == "url":
            profile["url"] = _get(parser, section, key)
        elif key in tokens:
            _token(_get(parser, section, key), key, profile, result, where, environ)
        elif key in ("private_token", "oauth_token"):
            continue  # both set: noted above
        elif key in _SHARED:
            _shared(parser, section, key, profile, result, where)
        elif key in _WHY_NOT:
            result.notes.append(f"{where} {key}: left out: {_WHY_NOT[key]}")
        else:
            result.notes.append(f"{where} {key}: left out: not a python-gitlab setting")
    if "url" not in profile:
        result.notes.append(f"{where}: has no url (python-gitlab cannot use it either)")
    return profile


def _token(
    value: str,
    key: str,
    profile: dict[str, Any],
    result: Conversion,
    where: str,
    environ: Mapping[str, str],
) -> None:
    if value.lower().strip().startswith(_HELPER):
        words = shlex.split(value.strip()[len(_HELPER) :].strip())
        expanded = [_expand_vars(word, environ) for word in words]
        if expanded != words:
            result.notes.append(
                f"{where} {key}: the helper's $VARIABLES were expanded now; gitlab-users "
                "runs the command's words as they are written"
            )
        profile["token_command"] = expanded
    else:
        profile["token"] = value
    if key == "private_token":
        profile["token_header"] = "private-token"  # noqa: S105 - python-gitlab's header


def _expand_vars(word: str, environ: Mapping[str, str]) -> str:
    """``$NAME`` and ``${NAME}`` from ``environ`` (unknown ones stay, as os.path.expandvars)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return environ.get(name, match.group(0))

    return re.sub(r"\$(\w+)|\$\{([^}]*)\}", replace, word)


def _shared(
    parser: configparser.ConfigParser,
    section: str,
    key: str,
    into: dict[str, Any],
    result: Conversion,
    where: str,
) -> None:
    """``ssl_verify``, ``timeout``, ``per_page``, ``api_version``: in [global] or an instance."""
    raw = _get(parser, section, key)
    if key == "ssl_verify":
        try:
            verify: bool | str = parser.getboolean(section, key)
        except ValueError:
            verify = raw
        if verify is False:
            result.notes.append(
                f"{where} ssl_verify = false: left out: gitlab-users always checks the "
                "server's certificate; give its CA with ca_file (or --insecure for one run)"
            )
        elif isinstance(verify, str):
            into["ca_file"] = str(Path(verify).expanduser().absolute())
        return
    if key == "api_version":
        if raw.strip() != "4":
            result.notes.append(f"{where} api_version = {raw}: left out: only API v4 exists")
        return
    try:
        number = int(raw)
    except ValueError:
        result.notes.append(f"{where} {key} = {raw!r}: left out: not an integer")
        return
    if key == "timeout" and number > 0:
        into["timeout"] = number
    elif key == "per_page" and 1 <= number <= 100:
        into["per_page"] = number
    else:
        result.notes.append(f"{where} {key} = {number}: left out: out of range")


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return str(value)


def to_toml(conversion: Conversion) -> str:
    """The gitlab-users config file for ``conversion`` (TOML)."""
    sources = "".join(
        c if c.isprintable() else "?" for c in ", ".join(map(str, conversion.sources))
    )
    lines = [
        f"# Converted from python-gitlab's {sources} by gitlab-users config import-python-gitlab.",
        "# Keys: see 'gitlab-users --help' (configuration) and the CLI guide.",
    ]
    if conversion.default is not None:
        lines.append(f"default = {_toml_string(conversion.default)}")
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in conversion.top.items()]
    for name, values in conversion.profiles.items():
        lines += ["", f"[profiles.{_toml_key(name)}]"]
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


def summary(conversion: Conversion) -> list[str]:
    """One line per profile: which settings it got (names only, never values)."""
    lines = []
    if conversion.top:
        lines.append(f"  every profile: {', '.join(conversion.top)}")
    for name, values in conversion.profiles.items():
        mark = " (default)" if name == conversion.default else ""
        keys = list(values)
        if not any(key in values for key in TOKEN_KEYS):
            keys.append("no token")
        lines.append(f"  profile {name}{mark}: {', '.join(keys)}")
    return lines
