"""What a new user sees of the package: its metadata, its sdist, its install hints."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_metadata_lists_no_placeholder_url() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    # No documentation or repository URL exists yet: list none rather than invent one.
    assert "urls" not in project
    assert "example.invalid" not in (ROOT / "pyproject.toml").read_text()


def test_installed_distribution_has_consistent_requirements() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_sdist_carries_the_tests_and_the_changelog(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    (archive,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in (
        "CHANGELOG.md",
        "LICENSE",
        "tests/conftest.py",
        "tests/cli/test_cli_bulk.py",
        "tests/fixtures/user_get_admin.json",
        "examples/demo.py",
        "mkdocs.yml",
        "docs/changelog.md",
        "tools/mkdocs_api_reference.py",
    ):
        assert needed in names, needed
    assert "benchmarks/README.md" not in names  # only the top-level README
    assert not any("__pycache__" in name for name in names)


def test_changelog_is_a_page_of_the_docs_site() -> None:
    assert (ROOT / "CHANGELOG.md").read_text().startswith("# Changelog")
    assert '--8<-- "CHANGELOG.md"' in (ROOT / "docs" / "changelog.md").read_text()
    assert "changelog.md" in (ROOT / "mkdocs.yml").read_text()


def test_fake_without_the_testing_extra_names_the_extra() -> None:
    # A None entry in sys.modules makes the import fail as if starlette were not installed.
    code = "import sys; sys.modules['starlette'] = None; import gitlab_users_client.testing"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("ModuleNotFoundError: the fake GitLab needs the 'testing' extra")
    assert "pip install 'gitlab-users-client[testing]'" in last
    assert "(starlette is not installed)" in last
