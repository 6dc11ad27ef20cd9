"""The README's install instructions work: the package installs from a clone, not an index.

``pip install .`` builds a wheel from the clone and installs it; this builds the same
wheel (hatchling, without network) and installs it into an empty directory, where it
must import and run on its own, away from the clone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def install_section() -> str:
    found = re.search(r"^## Install\n(.*?)^## ", README, re.MULTILINE | re.DOTALL)
    assert found is not None, "README.md has no Install section"
    return found[1]


def test_the_readme_installs_from_a_clone_with_every_extra_it_names() -> None:
    section = install_section()
    assert "clone" in section
    commands = re.findall(r"^pip install (\S+)", section, re.MULTILINE)
    assert commands[:2] == [".", '".[testing]"'], commands
    for command in commands[1:]:
        extra = re.fullmatch(r'"\.\[(\w+)\]"', command)
        assert extra is not None, command
        assert extra[1] in PROJECT["optional-dependencies"], command


def test_no_page_tells_to_install_from_an_index() -> None:
    # The package is not on an index: `pip install gitlab-users-client` fails.
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"pip install ['\"]?gitlab-users-client", text), page.name


def test_the_readme_says_what_make_test_costs() -> None:
    working = README[README.index("## Working on it") :]
    assert re.search(r"`make test`[^.]*\b\d+ minutes", working), "time of a full make test"
    assert re.search(r"\b\d+(\.\d+)? GB\b", working), "disk space of make test's virtualenvs"


def test_a_wheel_built_from_the_clone_installs_and_runs_on_its_own(tmp_path: Path) -> None:
    dist, target = tmp_path / "dist", tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        extras = re.findall(r"^Provides-Extra: (\S+)$", archive.read(metadata).decode(), re.M)
    assert "gitlab_users_client/py.typed" in names
    assert "gitlab_users_client/testing/__init__.py" in names
    assert not any(name.startswith(("tests/", "docs/")) for name in names)
    assert set(extras) == set(PROJECT["optional-dependencies"])

    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this environment; the package from the wheel alone.
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import gitlab_users_client, gitlab_users_client.models as m; "
        "print(gitlab_users_client.__file__); print(m.UserBasic.__name__)"
    )
    run = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {code}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    where, model = run.stdout.split()
    assert Path(where).is_relative_to(target), where
    assert model == "UserBasic"
