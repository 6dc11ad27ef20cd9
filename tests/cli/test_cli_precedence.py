"""Where each setting of ``gitlab-users`` comes from: flag > environment > profile > the
config file's top level > default, checked in-process on the resolver (no server)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from gitlab_users_client.cli._config import Settings, explain, resolve
from gitlab_users_client.cli._errors import CLIError
from gitlab_users_client.cli._parser import build_parser

TOKEN_P = "glpat-profile-token-0001"
TOKEN_T = "glpat-toplevel-token-002"
TOKEN_E = "glpat-environ-token-0003"


def write(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def parse(*argv: str) -> Any:
    return build_parser().parse_args(list(argv))


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment whose default config file is tmp_path/gitlab-users/config.toml."""
    return {"XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path), **extra}


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gitlab-users" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    return write(path, text)


def sources(argv: list[str], environ: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``config show``'s rows: setting -> (value, source)."""
    return {key: (value, source) for key, value, source in explain(parse(*argv), environ)}


# -- one setting at a time, every layer ------------------------------------------------------
LAYERED = [
    # setting, flag argv, (env var, value), profile value, top value, default, as resolved
    ("timeout", ["--timeout", "1"], None, "2", "3", None, "2.0"),
    ("max_retries", ["--max-retries", "1"], None, "2", "3", None, "2"),
    ("reserve", ["--reserve", "0.1"], None, "0.2", "0.3", None, "0.2"),
    ("sudo", ["--sudo", "flag"], None, '"profile"', '"top"', None, "profile"),
    ("token_header", ["--token-header", "bearer"], None, '"private-token"', '"bearer"', "bearer", "private-token"),
    ("per_page", ["--per-page", "7"], None, "8", "9", None, "8"),
    ("engine", ["--engine", "asyncio"], ("GITLAB_USERS_ENGINE", "aiohttp"), '"asyncio"', '"aiohttp"', "auto", "asyncio"),
    ("proxy", ["--proxy", "http://flag:1"], None, '"http://profile:2"', '"http://top:3"', None, "http://profile:2"),
    ("ca_file", ["--ca-file", "{d}/flag.pem"], ("GITLAB_CA_FILE", "{d}/env.pem"), '"profile.pem"', '"top.pem"', None, "{d}/profile.pem"),
]  # fmt: skip


def _resolved(settings: Settings, key: str) -> Any:
    network = settings.network
    return {
        "timeout": settings.timeout,
        "max_retries": settings.max_retries,
        "reserve": settings.reserve,
        "sudo": settings.sudo,
        "token_header": settings.token_header,
        "per_page": settings.per_page,
        "engine": network.engine,
        "proxy": network.proxy,
        "ca_file": network.ca_file,
    }[key]


@pytest.mark.parametrize(
    ("key", "flag", "env", "in_profile", "in_top", "default", "resolved"), LAYERED
)
def test_each_setting_flag_then_env_then_profile_then_top_then_default(
    tmp_path: Path,
    key: str,
    flag: list[str],
    env: tuple[str, str] | None,
    in_profile: str,
    in_top: str,
    default: str | None,
    resolved: str,
) -> None:
    d = str(tmp_path / "gitlab-users")
    (tmp_path / "gitlab-users").mkdir()
    for name in ("flag", "env", "profile", "top"):
        (tmp_path / "gitlab-users" / f"{name}.pem").write_text("")
    top = f'default = "p"\n{key} = {in_top}\n'
    profile = '[profiles.p]\nurl = "https://p.example"\n'
    setting = f"{key} = {in_profile}\n"
    environ = env_for(tmp_path, **({env[0]: env[1].format(d=d)} if env else {}))
    argv = ["list", *(arg.format(d=d) for arg in flag)]

    def source(argv: list[str], environ: dict[str, str]) -> str | None:
        row = sources(argv, environ).get(key)
        return None if row is None else row[1]

    config_file(tmp_path, top + profile + setting)
    assert source(argv, environ) == flag[0]
    if env:
        assert source(["list"], environ) == f"${env[0]}"
    assert source(["list"], env_for(tmp_path)) == "profile 'p'"
    assert str(_resolved(resolve(parse("list"), env_for(tmp_path)), key)) == resolved.format(d=d)
    config_file(tmp_path, top + profile)
    assert source(["list"], env_for(tmp_path)) == "config file"
    config_file(tmp_path, 'default = "p"\n' + profile)
    assert source(["list"], env_for(tmp_path)) == ("default" if default else None)


def test_profile_choice_flag_then_environment_then_default(tmp_path: Path) -> None:
    config_file(
        tmp_path,
        'default = "a"\n'
        + "".join(f'[profiles.{n}]\nurl = "https://{n}.example"\n' for n in "abc"),
    )
    environ = env_for(tmp_path, GITLAB_PROFILE="b")
    assert resolve(parse("--gitlab", "c", "whoami"), environ).url == "https://c.example"
    assert resolve(parse("whoami", "-g", "c"), environ).url == "https://c.example"
    assert resolve(parse("whoami"), environ).url == "https://b.example"
    settings = resolve(parse("whoami"), env_for(tmp_path))
    assert (settings.url, settings.profile) == ("https://a.example", "a")


def test_url_and_token_come_from_the_profile_never_the_top_level(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        f'url = "https://top.example"\ntoken = "{TOKEN_T}"\ntimeout = 9\n'
        "[profiles.bare]\nper_page = 5\n"
        '[profiles.full]\nurl = "https://full.example"\n',
    )
    # No profile: the top level is the instance.
    top = resolve(parse("whoami"), env_for(tmp_path))
    assert (top.url, top.token, top.timeout) == ("https://top.example", TOKEN_T, 9.0)
    # A profile inherits the timeout, not the URL and the token.
    full = resolve(parse("-g", "full", "whoami"), env_for(tmp_path))
    assert (full.url, full.token, full.timeout) == ("https://full.example", None, 9.0)
    assert f"profile 'full' (config file {path})" in full.no_token_message()
    with pytest.raises(
        CLIError, match=rf"no GitLab URL: .* put url in profile 'bare' \(config file {path}\)"
    ):
        resolve(parse("-g", "bare", "whoami"), env_for(tmp_path))


def test_token_flag_then_environment_then_profile(tmp_path: Path) -> None:
    token_file = write(tmp_path / "flag.token", "glpat-flag-token-00004\n")
    config_file(tmp_path, f'[profiles.p]\nurl = "https://p.example"\ntoken_file = "{token_file}"\n')
    both = env_for(tmp_path, GITLAB_URL="https://p.example", GITLAB_TOKEN=TOKEN_E)
    flag = resolve(parse("-g", "p", "--token-file", str(token_file), "whoami"), both)
    assert flag.token == "glpat-flag-token-00004"
    assert resolve(parse("-g", "p", "whoami"), both).token == TOKEN_E
    assert resolve(parse("-g", "p", "whoami"), env_for(tmp_path)).token == "glpat-flag-token-00004"


def test_token_command_runs_only_when_its_token_is_used(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = write(
        tmp_path / "helper.py",
        f"open({str(marker)!r}, 'a').write('x')\nprint({TOKEN_P!r})\n",
    )
    config_file(
        tmp_path,
        f'[profiles.p]\nurl = "https://p.example"\n'
        f"token_command = [{sys.executable!r}, {str(script)!r}]\ntoken_command_timeout = 20\n",
    )
    assert sources(["-g", "p", "whoami"], env_for(tmp_path))["token"][1] == (
        "token_command of profile 'p'"
    )
    both = env_for(tmp_path, GITLAB_URL="https://p.example", GITLAB_TOKEN=TOKEN_E)
    assert resolve(parse("-g", "p", "whoami"), both).token == TOKEN_E
    assert not marker.exists()  # config show and the environment's token: not run
    assert resolve(parse("-g", "p", "whoami"), env_for(tmp_path)).token == TOKEN_P
    assert marker.read_text() == "x"


def test_a_token_is_never_paired_with_another_instances_url(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        f'default = "p"\n[profiles.p]\nurl = "https://p.example"\ntoken = "{TOKEN_P}"\n'
        '[profiles.ci]\nurl = "https://ci.example"\n',
    )
    where = f"profile 'p' (config file {path})"
    # $GITLAB_URL would get the profile's token: refused.
    with pytest.raises(CLIError, match=r"\$GITLAB_URL \(https://elsewhere\) would receive") as one:
        resolve(parse("whoami"), env_for(tmp_path, GITLAB_URL="https://elsewhere"))
    assert where in str(one.value) and TOKEN_P not in str(one.value)
    # $GITLAB_TOKEN would replace the profile's own token, sent to its URL: refused.
    with pytest.raises(CLIError, match=r"\$GITLAB_TOKEN would replace the token of") as two:
        resolve(parse("whoami"), env_for(tmp_path, GITLAB_TOKEN=TOKEN_E))
    assert where in str(two.value)
    # What stays allowed: the same URL; a flag's URL; a profile without a token of its own
    # (its token is the environment's, as in CI); both from the environment (warned).
    same = resolve(parse("whoami"), env_for(tmp_path, GITLAB_URL="https://P.example/"))
    assert same.token == TOKEN_P and same.warnings == ()
    flagged = resolve(parse("--url", "https://x.example", "whoami"), env_for(tmp_path))
    assert (flagged.url, flagged.token) == ("https://x.example", TOKEN_P)
    ci = resolve(parse("-g", "ci", "whoami"), env_for(tmp_path, GITLAB_TOKEN=TOKEN_E))
    assert (ci.url, ci.token) == ("https://ci.example", TOKEN_E)
    both = env_for(tmp_path, GITLAB_URL="https://elsewhere", GITLAB_TOKEN=TOKEN_E)
    overridden = resolve(parse("-g", "p", "whoami"), both)
    assert (overridden.url, overridden.token) == ("https://elsewhere", TOKEN_E)
    assert overridden.warnings == (
        f"warning: $GITLAB_URL overrides the url of {where}: using https://elsewhere",
    )
    # Not asked for by name (the file's default): no warning, as without profiles.
    assert resolve(parse("whoami"), both).warnings == ()


def test_insecure_for_one_run_sets_aside_the_profiles_ca_file(tmp_path: Path) -> None:
    (tmp_path / "gitlab-users").mkdir()
    write(tmp_path / "gitlab-users" / "ca.pem", "")
    config_file(tmp_path, '[profiles.p]\nurl = "https://p.example"\nca_file = "ca.pem"\n')
    settings = resolve(parse("-g", "p", "--insecure", "whoami"), env_for(tmp_path))
    assert settings.network.insecure and settings.network.ca_file is None
    environ = env_for(tmp_path, GITLAB_CA_FILE=str(tmp_path / "gitlab-users" / "ca.pem"))
    with pytest.raises(CLIError, match=r"cannot go with a CA file \(\$GITLAB_CA_FILE\)"):
        resolve(parse("-g", "p", "--insecure", "whoami"), environ)


def _error(tmp_path: Path, text: str, *argv: str, mode: int = 0o600, **env: str) -> str:
    path = config_file(tmp_path, text)
    path.chmod(mode)
    with pytest.raises(CLIError) as raised:
        resolve(parse(*argv, "whoami"), env_for(tmp_path, **env))
    message = str(raised.value)
    assert str(path) in message, message  # every error names the file...
    return message


P = '[profiles.prod]\nurl = "https://p.example"\n'


@pytest.mark.parametrize(
    ("text", "argv", "env", "mode", "expected"),
    [
        (P, ["-g", "prdo"], {}, 0o600, "profile 'prdo' (--gitlab) is not in the config file"),
        (P, [], {"GITLAB_PROFILE": "x"}, 0o600, "profile 'x' ($GITLAB_PROFILE) is not in"),
        ('default = "nope"\n' + P, [], {}, 0o600, "default = 'nope' names no profile (profiles: prod)"),
        (P + "private_token = 'x'\n", [], {}, 0o600, "profile 'prod' (config file {path}): unknown key 'private_token'"),
        (P + "per_page = 500\n", [], {}, 0o600, "profile 'prod' (config file {path}): per_page must be an integer from 1 to 100"),
        (P + "timeout = '5'\n", [], {}, 0o600, "profile 'prod' (config file {path}): timeout has the wrong type"),
        (P + "reserve = 1\n", [], {}, 0o600, "profile 'prod' (config file {path}): reserve must be a share from 0 to below 1"),
        (P + "reserve = -0.1\n", [], {}, 0o600, "reserve must be a share from 0 to below 1"),
        (P + "reserve = true\n", [], {}, 0o600, "reserve has the wrong type"),
        (P + "token_command = 'x'\ntoken_command_timeout = inf\n", [], {}, 0o600, "token_command_timeout must be a positive number of seconds, not inf"),
        (P + "engine = 'curl'\n", [], {}, 0o600, "profile 'prod' (config file {path}): engine must be one of"),
        (P + "token = 'a'\ntoken_file = 'b'\n", [], {}, 0o600, "set one of token, token_file and token_command"),
        (P + "token_command = []\n", [], {}, 0o600, "token_command must be a command and its arguments"),
        (P + "token_command = 'pass \"unclosed'\n", [], {}, 0o600, "token_command cannot be split"),
        (P + f"token = '{TOKEN_P}'\n", [], {}, 0o640, "contains a token but is readable by group/others (mode 0640)"),
        (P + "token_command = 'pass show x'\n", [], {}, 0o620, "has a token_command but is writable by group/others (mode 0620)"),
        ("[profiles.'-x']\nurl = 'u'\n", [], {}, 0o600, "the profile name '-x' may only have"),
        ("profiles = 3\n", [], {}, 0o600, "profiles must be a table"),
        ("[prod]\nurl = 'u'\n", [], {}, 0o600, "[prod] is not a setting; a profile is written [profiles.prod]"),
        ("[profiles]\nprod = 3\n", [], {}, 0o600, "profile 'prod' (config file {path}) must be a table"),
    ],
)  # fmt: skip
def test_errors_name_the_profile_and_the_file(
    tmp_path: Path, text: str, argv: list[str], env: dict[str, str], mode: int, expected: str
) -> None:
    message = _error(tmp_path, text, *argv, mode=mode, **env)
    path = tmp_path / "gitlab-users" / "config.toml"
    assert expected.format(path=path) in message
    assert TOKEN_P not in message


def test_a_python_gitlab_file_given_as_config_points_to_the_conversion(tmp_path: Path) -> None:
    message = _error(tmp_path, 'url = "https://x"\nssl_verify = false\n')
    assert "config import-python-gitlab" in message


def test_an_absent_default_file_is_no_error_but_a_named_profile_needs_it(tmp_path: Path) -> None:
    settings: Settings = resolve(parse("--url", "https://x.example", "whoami"), env_for(tmp_path))
    assert settings.url == "https://x.example" and settings.profile is None
    with pytest.raises(CLIError, match=r"profile 'prod' \(--gitlab\) asked for, but the config"):
        resolve(parse("-g", "prod", "--url", "https://x.example", "whoami"), env_for(tmp_path))
