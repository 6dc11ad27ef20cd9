"""Where the URL, the token and the other connection settings come from.

Precedence, highest first: command-line flags, environment (``GITLAB_URL``,
``GITLAB_TOKEN``), the TOML config file. The token is never taken from the command
line: only from a file (``--token-file``, ``token_file``), the environment, or a
``token`` key in a config file that only its owner can read.

How the CLI reaches the server (CA file, proxy, insecure, engine) is one group of its
own, :class:`Network`, resolved by :func:`resolve_network` with the same precedence
(``GITLAB_CA_FILE``, ``GITLAB_USERS_ENGINE``; ``HTTP(S)_PROXY``/``NO_PROXY`` are read by
the SDK itself unless ``--proxy`` is given).
"""

from __future__ import annotations

import argparse
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from ._errors import CLIError, add_secret

__all__ = [
    "ENGINES",
    "Network",
    "Settings",
    "default_config_path",
    "load_config",
    "read_token_file",
    "resolve",
    "resolve_network",
]

TokenHeader = Literal["bearer", "private-token"]
#: ``--engine`` choices: the SDK's ``transport=`` names ("auto" is its default).
ENGINES = ("auto", "asyncio", "aiohttp")
_KEYS: dict[str, tuple[type, ...]] = {
    "url": (str,),
    "token_file": (str,),
    "token": (str,),
    "token_header": (str,),
    "sudo": (str, int),
    "timeout": (int, float),
    "max_retries": (int,),
    # Network (resolve_network): paths are relative to the config file.
    "ca_file": (str,),
    "proxy": (str,),
    "engine": (str,),
}


@dataclass(frozen=True, slots=True)
class Network:
    """How the CLI reaches the server: the ``AsyncGitLab`` options it sets from them."""

    #: A CA bundle (file or directory) to verify the server with, or ``None``.
    ca_file: str | None = None
    #: A proxy URL for every request (else the SDK reads ``HTTPS_PROXY``...), or ``None``.
    proxy: str | None = field(default=None, repr=False)
    #: No certificate check at all (``--insecure``: warned about on every run).
    insecure: bool = False
    engine: str = "auto"

    def client_options(self) -> dict[str, Any]:
        """The keyword arguments of ``AsyncGitLab`` these settings stand for."""
        options: dict[str, Any] = {"transport": self.engine}
        if self.insecure:
            options["verify"] = False
        elif self.ca_file is not None:
            options["verify"] = self.ca_file
        if self.proxy is not None:
            options["proxy"] = self.proxy
        return options


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything needed to build the ``AsyncGitLab`` client."""

    url: str
    token: str | None = field(repr=False)
    token_header: TokenHeader = "bearer"  # noqa: S105 - a header style, not a secret
    sudo: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    config_path: Path | None = None
    network: Network = field(default_factory=Network)

    def no_token_message(self) -> str:
        """Says that no token is configured and every place one is read from."""
        return (
            "no token is configured (it is read from --token-file PATH, else $GITLAB_TOKEN, "
            f"else token_file or token in the config file {self.config_path or '(--config)'})"
        )


def default_config_path(environ: Mapping[str, str]) -> Path:
    """``$GITLAB_USERS_CONFIG``, else ``$XDG_CONFIG_HOME`` or ``~/.config``/gitlab-users/config.toml."""
    if environ.get("GITLAB_USERS_CONFIG"):
        return Path(environ["GITLAB_USERS_CONFIG"]).expanduser()
    base = environ.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "gitlab-users" / "config.toml"


def _group_or_world_readable(path: Path) -> int | None:
    """The file mode if group or others may read ``path`` (POSIX only), else ``None``."""
    if os.name != "posix":
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode if mode & (stat.S_IRGRP | stat.S_IROTH) else None


def load_config(path: Path, *, required: bool) -> dict[str, Any]:
    """Read and check the config file; a missing default file is an empty config."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        if required:
            raise CLIError(f"config file {path} does not exist") from None
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CLIError(f"cannot read config file {path}: {exc}") from None
    for key, value in data.items():
        if key not in _KEYS:
            raise CLIError(
                f"config file {path}: unknown key {key!r} (known: {', '.join(sorted(_KEYS))})"
            )
        if isinstance(value, bool) or not isinstance(value, _KEYS[key]):
            raise CLIError(f"config file {path}: {key} has the wrong type")
    if "token" in data:
        add_secret(data["token"])
        mode = _group_or_world_readable(path)
        if mode is not None:
            raise CLIError(
                f"config file {path} contains a token but is readable by group/others "
                f"(mode {mode:04o}); run 'chmod 600 {path}' or use token_file instead"
            )
        if "token_file" in data:
            raise CLIError(f"config file {path}: set token or token_file, not both")
    for key in ("token_file", "ca_file"):
        if key in data:
            data[key] = str((path.parent / Path(data[key]).expanduser()).resolve())
    return data


def read_token_file(path: str) -> str:
    """The token stored in ``path`` (surrounding whitespace removed)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise CLIError(f"cannot read token file {path}: {exc.strerror or exc}") from None
    token = text.strip()
    if not token:
        raise CLIError(f"token file {path} is empty")
    if any(char in token for char in "\r\n"):
        raise CLIError(f"token file {path} must contain only the token, on one line")
    add_secret(token)
    return token


def _pick(*values: Any) -> Any:
    return next((value for value in values if value is not None and value != ""), None)


def _check_url_credentials(url: str, source: str) -> None:
    """Refuse ``https://user:secret@host`` in CLI terms (the secret is masked from then on)."""
    _, _, rest = url.partition("://")
    userinfo, at, _ = rest.partition("/")[0].rpartition("@")
    if not at:
        return
    for part in userinfo.split(":"):
        add_secret(part)
    raise CLIError(
        f"the GitLab URL ({source}) must not contain credentials (user:secret@): give just "
        "the address, e.g. https://gitlab.example.com, and the token with --token-file PATH, "
        "$GITLAB_TOKEN or token_file in the config file"
    )


def resolve(args: argparse.Namespace, environ: Mapping[str, str]) -> Settings:
    """Merge flags, environment and config file into :class:`Settings`."""
    add_secret(environ.get("GITLAB_TOKEN"))
    explicit = args.config or None
    path = Path(explicit).expanduser() if explicit else default_config_path(environ)
    config = load_config(path, required=explicit is not None or "GITLAB_USERS_CONFIG" in environ)

    url = _pick(args.url, environ.get("GITLAB_URL"), config.get("url"))
    if not url:
        raise CLIError("no GitLab URL: pass --url, set GITLAB_URL or put url in the config file")
    _check_url_credentials(
        str(url),
        "--url" if args.url else "$GITLAB_URL" if environ.get("GITLAB_URL") else f"url in {path}",
    )
    if args.token_file:
        token: str | None = read_token_file(args.token_file)
    elif environ.get("GITLAB_TOKEN", "").strip():
        token = environ["GITLAB_TOKEN"].strip()
    elif config.get("token_file"):
        token = read_token_file(config["token_file"])
    else:
        token = config.get("token")
    header = _pick(args.token_header, config.get("token_header"), "bearer")
    if header not in ("bearer", "private-token"):
        raise CLIError(f"token_header must be 'bearer' or 'private-token', not {header!r}")
    sudo = _pick(args.sudo, config.get("sudo"))
    timeout = _pick(args.timeout, config.get("timeout"))
    if timeout is not None and timeout <= 0:
        raise CLIError("timeout must be a positive number of seconds")
    retries = _pick(args.max_retries, config.get("max_retries"))
    if retries is not None and retries < 0:
        raise CLIError("max-retries must be >= 0")
    return Settings(
        url=str(url),
        token=token,
        token_header=cast(TokenHeader, header),
        sudo=None if sudo is None else str(sudo),
        timeout=None if timeout is None else float(timeout),
        max_retries=retries,
        config_path=path,
        network=resolve_network(args, environ, config),
    )


def resolve_network(
    args: argparse.Namespace, environ: Mapping[str, str], config: Mapping[str, Any]
) -> Network:
    """``--ca-file``/``GITLAB_CA_FILE``/``ca_file``, ``--proxy``/``proxy``, ``--insecure``,
    ``--engine``/``GITLAB_USERS_ENGINE``/``engine``: flags > environment > config file."""
    insecure = bool(getattr(args, "insecure", False))
    ca_file = _pick(
        getattr(args, "ca_file", None), environ.get("GITLAB_CA_FILE"), config.get("ca_file")
    )
    if insecure and ca_file:
        raise CLIError("--insecure turns certificate checks off; it cannot go with a CA file")
    if ca_file is not None:
        ca_file = str(Path(ca_file).expanduser())
        if not Path(ca_file).exists():
            raise CLIError(f"the CA file {ca_file} does not exist")
    proxy = _pick(getattr(args, "proxy", None), config.get("proxy"))
    if proxy is not None:
        # A proxy may take credentials in its URL (user:password@): never printed.
        userinfo, at, _ = str(proxy).partition("://")[2].partition("/")[0].rpartition("@")
        for part in userinfo.split(":") if at else ():
            add_secret(part)
    engine = _pick(
        getattr(args, "engine", None), environ.get("GITLAB_USERS_ENGINE"), config.get("engine")
    )
    if engine is not None and engine not in ENGINES:
        raise CLIError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return Network(ca_file=ca_file, proxy=proxy, insecure=insecure, engine=engine or "auto")
