"""Where the URL, the token and the other connection settings come from.

Setting by setting, the first that has a value wins:

1. command-line flags (``--url``, ``--token-file``, ``--ca-file``, ``--per-page``...);
2. the environment (``GITLAB_URL``, ``GITLAB_TOKEN``, ``GITLAB_CA_FILE``,
   ``GITLAB_USERS_ENGINE``; ``HTTP(S)_PROXY``/``NO_PROXY`` are read by the SDK itself);
3. the selected profile of the config file (``--gitlab NAME``, else ``$GITLAB_PROFILE``,
   else the file's ``default``);
4. the config file's top level (for a profile, everything but its URL and token);
5. the built-in defaults.

The token is never taken from the command line: only from a file (``--token-file``,
``token_file``), the environment, a ``token_command``, or a ``token`` in a config file
that only its owner can read. A token is never paired with another instance's URL:
``$GITLAB_URL`` with the token of a profile that names another URL, or ``$GITLAB_TOKEN``
in place of the token of the profile that gives the URL, is refused.

How the CLI reaches the server (CA file, proxy, insecure, engine) is one group of its
own, :class:`Network`.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from ._config_file import (
    ENGINES,
    INSTANCE_KEYS,
    TOKEN_KEYS,
    ConfigFile,
    Section,
    default_config_path,
    load_config_file,
)
from ._errors import CLIError, add_secret
from ._token_command import DEFAULT_TIMEOUT, run_token_command

__all__ = [
    "ENGINES",
    "Choice",
    "Network",
    "Settings",
    "TokenSource",
    "default_config_path",
    "explain",
    "read_token_file",
    "resolve",
]

TokenHeader = Literal["bearer", "private-token"]
#: The flag that sets each setting (only flags the parsed command has count).
_FLAGS = {
    "url": "--url",
    "token_header": "--token-header",
    "sudo": "--sudo",
    "timeout": "--timeout",
    "max_retries": "--max-retries",
    "reserve": "--reserve",
    "per_page": "--per-page",
    "ca_file": "--ca-file",
    "proxy": "--proxy",
    "engine": "--engine",
}
_ENVIRONMENT = {"url": "GITLAB_URL", "ca_file": "GITLAB_CA_FILE", "engine": "GITLAB_USERS_ENGINE"}
_DEFAULTS: dict[str, Any] = {
    "token_header": "bearer",
    "engine": "auto",
    "token_command_timeout": DEFAULT_TIMEOUT,
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
    #: Share of each rate-limit window left to other clients of the token, or ``None``.
    reserve: float | None = None
    config_path: Path | None = None
    network: Network = field(default_factory=Network)
    #: The selected profile, if any.
    profile: str | None = None
    #: The page size for listings when ``--per-page`` is not given.
    per_page: int | None = None
    #: Lines to print on stderr before the command runs.
    warnings: tuple[str, ...] = ()
    #: Where a token is read from when there is none: for the "no token" message.
    token_places: str = "the config file"  # noqa: S105 - a place, not a secret

    def no_token_message(self) -> str:
        """Says that no token is configured and every place one is read from."""
        return (
            "no token is configured (it is read from --token-file PATH, else $GITLAB_TOKEN, "
            f"else token_file, token_command or token in {self.token_places})"
        )


@dataclass(frozen=True, slots=True)
class Choice:
    """One resolved setting and where it came from (``--url``, ``$GITLAB_URL``, ...)."""

    value: Any
    source: str


@dataclass(frozen=True, slots=True)
class TokenSource:
    """Where the token comes from; :meth:`read` fetches it (runs a ``token_command``)."""

    #: ``--token-file``, ``$GITLAB_TOKEN``, ``token_command of profile 'prod' (...)``...
    source: str
    kind: Literal["file", "value", "command"]
    value: Any = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT
    #: It comes from the config file (the instance's section), not a flag or the environment.
    in_file: bool = False

    def read(self) -> str:
        """The token (a token file is read and a token command run only now)."""
        if self.kind == "file":
            return read_token_file(self.value)
        if self.kind == "command":
            return run_token_command(self.value, timeout=self.timeout, where=self.source)
        return str(self.value)


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


def _given(value: Any) -> bool:
    return value is not None and value != ""


class _Resolver:
    """The layers of one invocation, and the choice each setting makes among them."""

    def __init__(self, args: argparse.Namespace, environ: Mapping[str, str]) -> None:
        add_secret(environ.get("GITLAB_TOKEN"))
        self.args = args
        self.environ = environ
        explicit = getattr(args, "config", None) or None
        path = Path(explicit).expanduser() if explicit else default_config_path(environ)
        required = explicit is not None or bool(environ.get("GITLAB_USERS_CONFIG"))
        self.config: ConfigFile = load_config_file(path, required=required)
        self.profile_choice = self._profile()
        self.profile: Section | None = None
        if self.profile_choice is not None:
            name, asked_by = str(self.profile_choice.value), self.profile_choice.source
            self.profile = self.config.profile(name, asked_by)
        #: Where the URL and the token of the instance come from in the file.
        self.instance: Section = self.profile or self.config.top

    def _profile(self) -> Choice | None:
        for value, source in (
            (getattr(self.args, "gitlab", None), "--gitlab"),
            (self.environ.get("GITLAB_PROFILE"), "$GITLAB_PROFILE"),
            (self.config.default, f"default in config file {self.config.path}"),
        ):
            if _given(value):
                return Choice(value, source)
        return None

    @property
    def profile_asked(self) -> bool:
        """A profile was named for this run (not just the file's default)."""
        return self.profile_choice is not None and self.profile_choice.source in (
            "--gitlab",
            "$GITLAB_PROFILE",
        )

    def _other_url(self, url: Choice) -> str | None:
        """The instance's own url if it is not ``url`` (a trailing / or case aside)."""
        own = self.instance.values.get("url")
        same = own is None or str(own).rstrip("/").lower() == str(url.value).rstrip("/").lower()
        return None if same else str(own)

    def pick(self, key: str) -> Choice | None:
        """The first layer that sets ``key``."""
        if key in _FLAGS and _given(getattr(self.args, key, None)):
            return Choice(getattr(self.args, key), _FLAGS[key])
        if key in _ENVIRONMENT and _given(self.environ.get(_ENVIRONMENT[key])):
            return Choice(self.environ[_ENVIRONMENT[key]], f"${_ENVIRONMENT[key]}")
        sections = [self.instance]
        if key not in INSTANCE_KEYS and self.instance is not self.config.top:
            sections.append(self.config.top)
        for section in sections:
            if key in section.values:
                return Choice(section.values[key], section.where)
        if key in _DEFAULTS:
            return Choice(_DEFAULTS[key], "default")
        return None

    def value(self, key: str) -> Any:
        choice = self.pick(key)
        return None if choice is None else choice.value

    def url(self) -> Choice:
        choice = self.pick("url")
        if choice is None:
            where = self.instance.where if self.profile else "the config file"
            raise CLIError(f"no GitLab URL: pass --url, set GITLAB_URL or put url in {where}")
        _check_url_credentials(str(choice.value), choice.source)
        return choice

    def token(self) -> TokenSource | None:
        token_file = getattr(self.args, "token_file", None)
        if token_file:
            return TokenSource("--token-file", "file", token_file)
        if self.environ.get("GITLAB_TOKEN", "").strip():
            return TokenSource("$GITLAB_TOKEN", "value", self.environ["GITLAB_TOKEN"].strip())
        values, where = self.instance.values, self.instance.where
        if "token_command" in values:
            timeout = float(self.value("token_command_timeout"))
            command = values["token_command"]
            return TokenSource(f"token_command of {where}", "command", command, timeout, True)
        if "token_file" in values:
            return TokenSource(f"token_file of {where}", "file", values["token_file"], in_file=True)
        if "token" in values:
            return TokenSource(f"token in {where}", "value", values["token"], in_file=True)
        return None

    def check_pairing(self, url: Choice, token: TokenSource | None) -> None:
        """Refuse a token and a URL that were configured for different instances."""
        own_url = self._other_url(url)
        own_token = any(key in self.instance.values for key in TOKEN_KEYS)
        from_file = token is not None and token.in_file
        if url.source == "$GITLAB_URL" and from_file and own_url is not None:
            raise CLIError(
                f"$GITLAB_URL ({url.value}) would receive the token of {self.instance.where}, "
                f"whose url is {own_url}: a token is only sent to the GitLab it is configured "
                "for. Unset GITLAB_URL, set GITLAB_TOKEN with it, or pass --url to choose"
            )
        env_token = token is not None and token.source == "$GITLAB_TOKEN"
        if env_token and own_token and url.source == self.instance.where:
            raise CLIError(
                f"$GITLAB_TOKEN would replace the token of {self.instance.where} and be "
                f"sent to its url ({url.value}): a token is only sent to the GitLab it is "
                "configured for. Unset GITLAB_TOKEN, set GITLAB_URL with it, or pass "
                "--token-file"
            )

    def warnings(self, url: Choice) -> tuple[str, ...]:
        if self.profile_asked and url.source == "$GITLAB_URL" and self._other_url(url):
            return (
                f"warning: $GITLAB_URL overrides the url of {self.instance.where}: "
                f"using {url.value}",
            )
        return ()

    def network(self) -> tuple[Network, dict[str, Choice]]:
        """``--ca-file``/``GITLAB_CA_FILE``/``ca_file``, ``--proxy``/``proxy``,
        ``--insecure``, ``--engine``/``GITLAB_USERS_ENGINE``/``engine``."""
        insecure = bool(getattr(self.args, "insecure", False))
        chosen = {key: self.pick(key) for key in ("ca_file", "proxy", "engine")}
        ca = chosen["ca_file"]
        if insecure and ca is not None:
            if ca.source in ("--ca-file", "$GITLAB_CA_FILE"):
                raise CLIError(
                    f"--insecure turns certificate checks off; it cannot go with a CA file "
                    f"({ca.source})"
                )
            chosen["ca_file"] = ca = None  # the file's CA: not used this run, and warned
        ca_file = None
        if ca is not None:
            ca_file = str(Path(ca.value).expanduser())
            if not Path(ca_file).exists():
                raise CLIError(f"the CA file {ca_file} ({ca.source}) does not exist")
        proxy = chosen["proxy"]
        if proxy is not None:
            # A proxy may take credentials in its URL (user:password@): never printed.
            userinfo, at, _ = str(proxy.value).partition("://")[2].partition("/")[0].rpartition("@")
            for part in userinfo.split(":") if at else ():
                add_secret(part)
        engine = cast(Choice, chosen["engine"])
        if engine.value not in ENGINES:
            raise CLIError(
                f"engine must be one of {', '.join(ENGINES)}, not {engine.value!r} ({engine.source})"
            )
        network = Network(
            ca_file=ca_file,
            proxy=None if proxy is None else str(proxy.value),
            insecure=insecure,
            engine=str(engine.value),
        )
        return network, {key: value for key, value in chosen.items() if value is not None}


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
        "$GITLAB_TOKEN, or token_file or token_command in the config file"
    )


def resolve(args: argparse.Namespace, environ: Mapping[str, str]) -> Settings:
    """Merge flags, environment and config file into :class:`Settings` (reads the token)."""
    layers = _Resolver(args, environ)
    url = layers.url()
    source = layers.token()
    layers.check_pairing(url, source)
    network, _ = layers.network()
    sudo = layers.value("sudo")
    timeout = layers.value("timeout")
    reserve = layers.value("reserve")
    return Settings(
        url=str(url.value),
        token=None if source is None else source.read(),
        token_header=cast(TokenHeader, layers.value("token_header")),
        sudo=None if sudo is None else str(sudo),
        timeout=None if timeout is None else float(timeout),
        max_retries=layers.value("max_retries"),
        reserve=None if reserve is None else float(reserve),
        config_path=layers.config.path,
        network=network,
        profile=layers.profile_choice.value if layers.profile_choice else None,
        per_page=layers.value("per_page"),
        warnings=layers.warnings(url),
        token_places=layers.instance.where if layers.profile else str(layers.config.path),
    )


def explain(args: argparse.Namespace, environ: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """``(setting, value, source)`` for ``config show``, without reading the token."""
    layers = _Resolver(args, environ)
    path = str(layers.config.path)

    def short(source: str) -> str:  # the path is on the first row
        return source.replace(f" (config file {path})", "").replace(
            f"config file {path}", "config file"
        )

    rows = [("config file", path, "" if layers.config.exists else "(absent)")]
    if layers.profile_choice is not None:
        choice = layers.profile_choice
        rows.append(("profile", str(choice.value), short(choice.source)))
    url = layers.url()
    rows.append(("url", str(url.value), short(url.source)))
    token = layers.token()
    layers.check_pairing(url, token)
    shown = ("(hidden)", short(token.source)) if token else ("(none)", "")
    rows.append(("token", *shown))
    for key in ("token_header", "sudo", "timeout", "max_retries", "reserve", "per_page"):
        chosen = layers.pick(key)
        if chosen is not None:
            rows.append((key, str(chosen.value), short(chosen.source)))
    network, reached = layers.network()
    for key, chosen in reached.items():
        rows.append((key, str(chosen.value), short(chosen.source)))  # proxy passwords: redacted
    if network.insecure:
        rows.append(("insecure", "yes: certificates are NOT verified", "--insecure"))
    return rows
