"""``gitlab-users config import-python-gitlab``: python-gitlab's instances become profiles
that resolve to what python-gitlab itself reads from the same file."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import gitlab.config
import pytest

from gitlab_users_client.cli._config import resolve
from gitlab_users_client.cli._errors import CLIError
from gitlab_users_client.cli._parser import build_parser
from gitlab_users_client.cli._python_gitlab import Conversion, convert, to_toml
from gitlab_users_client.testing import FakeGitLabServer
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
PROD = "glpat-prod-0123456789ab"
HELPED = "glpat-from-helper-98765"


def sample(tmp_path: Path) -> Path:
    script = tmp_path / "helper.py"
    script.write_text(f"print({HELPED!r})\n")
    ca = tmp_path / "corp-ca.pem"
    ca.write_text("")
    path = tmp_path / "python-gitlab.cfg"
    path.write_text(
        "[global]\ndefault = prod\nssl_verify = true\ntimeout = 7\nper_page = 40\n\n"
        f"[prod]\nurl = https://gitlab.example.com\nprivate_token = {PROD}\n"
        f"ssl_verify = {ca}\napi_version = 4\n\n"
        f"[staging]\nurl = https://staging.example.com\n"
        f"oauth_token = helper: {sys.executable} $HELPER_DIR/helper.py\ntimeout = 3\n"
        "per_page = 100\nretry_transient_errors = true\n"
    )
    return path


def test_profiles_resolve_to_what_python_gitlab_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = sample(tmp_path)
    monkeypatch.setenv("HELPER_DIR", str(tmp_path))
    target = tmp_path / "gitlab-users" / "config.toml"
    target.parent.mkdir()
    target.write_text(to_toml(convert([source], {"HELPER_DIR": str(tmp_path)})))
    target.chmod(0o600)
    environ = {"GITLAB_USERS_CONFIG": str(target)}
    for name in ("prod", "staging", None):
        theirs = gitlab.config.GitlabConfigParser(name, [str(source)])  # runs the helper too
        argv = ["whoami"] if name is None else ["--gitlab", name, "whoami"]
        ours = resolve(build_parser().parse_args(argv), environ)
        assert ours.url == theirs.url
        assert ours.token == (theirs.private_token or theirs.oauth_token)
        assert ours.token_header == ("private-token" if theirs.private_token else "bearer")
        assert ours.timeout == theirs.timeout
        assert ours.per_page == theirs.per_page
        verify = theirs.ssl_verify
        assert ours.network.ca_file == (verify if isinstance(verify, str) else None)


def test_what_has_no_equivalent_is_left_out_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "python-gitlab.cfg"
    path.write_text(
        "[global]\ndefault = gone\nurl = https://ignored\nssl_verify = false\n"
        "[a]\nurl = https://a\nprivate_token = x1234\noauth_token = y1234\napi_version = 3\n"
        "per_page = 0\njob_token = z1234\ncolor = blue\nhttp_username = me\n"
        "[has space]\nurl = https://s\n"
    )
    conversion = convert([path], {})
    assert conversion.default is None and conversion.top == {}
    assert conversion.profiles == {"a": {"url": "https://a"}}
    notes = "\n".join(conversion.notes)
    for expected in (
        "[global] url: left out: python-gitlab does not read it there",
        "[global] ssl_verify = false: left out: gitlab-users always checks",
        "[a]: both private_token and oauth_token are set",
        "[a] api_version = 3: left out",
        "[a] per_page = 0: left out: out of range",
        "[a] job_token: left out: gitlab-users does not take CI job tokens",
        "[a] color: left out: not a python-gitlab setting",
        "[a] http_username: left out: HTTP basic authentication",
        "[has space]: not converted",
        "[global] default = gone: no such instance",
    ):
        assert expected in notes
    assert "x1234" not in notes and "y1234" not in notes and "z1234" not in notes


def test_an_unreadable_value_is_refused_without_quoting_it(tmp_path: Path) -> None:
    path = tmp_path / "python-gitlab.cfg"
    path.write_text("[a]\nurl = https://a\nprivate_token = glpat-100%sure-secret\n")
    with pytest.raises(CLIError, match=r"\[a\] private_token: a '%'") as raised:
        convert([path], {})
    assert "sure-secret" not in str(raised.value)


@pytest.mark.parametrize(
    "value",
    ['quote " and \\ backslash', "tab\tand ünïcödé ✓", "control \x01\x1f\x7f", "%%(x)s", ""],
)
def test_the_toml_written_reads_back_the_same(value: str) -> None:
    conversion = Conversion(sources=[Path("x.cfg")], top={"sudo": value})
    conversion.profiles = {"a.b@c-d": {"url": value, "token_command": [value, "x"]}}
    data = tomllib.loads(to_toml(conversion))
    assert data["sudo"] == value
    assert data["profiles"]["a.b@c-d"] == {"url": value, "token_command": [value, "x"]}


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=5, seed=4) as running:
        yield running


def test_one_command_moves_a_python_gitlab_user_over(
    server: FakeGitLabServer, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    source = home / ".python-gitlab.cfg"
    source.write_text(
        "[global]\ndefault = admin\n"
        f"[admin]\nurl = {server.url}\nprivate_token = {server.admin_token}\n"
        f"[user]\nurl = {server.url}\noauth_token = {server.user_token}\nssl_verify = false\n"
    )
    source.chmod(0o644)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [*CLI, *args], capture_output=True, text=True, env=clean_env(home), timeout=60
        )
        for token in (server.admin_token, server.user_token):
            assert token not in proc.stdout + proc.stderr
        return proc

    converted = run("config", "import-python-gitlab")
    assert converted.returncode == 0, converted.stderr
    target = home / ".config" / "gitlab-users" / "config.toml"
    assert converted.stdout.splitlines()[0] == f"wrote {target} (mode 0600) from {source}:"
    assert "profile admin (default): url, token, token_header" in converted.stdout
    assert "note: [user] ssl_verify = false: left out" in converted.stderr
    assert f"warning: {source} holds tokens and group/others can read it" in converted.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    whoami = run("whoami", "-o", "json")
    assert whoami.returncode == 0, whoami.stderr
    assert json.loads(whoami.stdout)["username"] == "root"
    user = run("-g", "user", "whoami", "-o", "json")
    assert json.loads(user.stdout)["username"] == "john_smith"
    # Never overwritten: a second conversion goes elsewhere.
    before = target.read_bytes()
    again = run("config", "import-python-gitlab", str(source))
    assert again.returncode == 2 and "already exists and is never overwritten" in again.stderr
    assert target.read_bytes() == before
    elsewhere = run("config", "import-python-gitlab", str(source), "--to", str(home / "b.toml"))
    assert elsewhere.returncode == 0 and (home / "b.toml").read_bytes() == before
