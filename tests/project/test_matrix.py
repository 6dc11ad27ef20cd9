"""``make test``'s Python and dependency matrix (tools/matrix.py) tests what pyproject.toml promises.

The legs themselves run in ``make test`` (``make matrix``); these tests check that they
are the right legs: every Python the classifiers name, the lowest version of every
runtime dependency and extra, httpx 0.28 and 0.29. They also check how a leg is put
together and that a missing interpreter is a notice, not a failure.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _load_matrix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("matrix_tool", ROOT / "tools" / "matrix.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


matrix = _load_matrix()


def runtime_requirements() -> list[Requirement]:
    """The dependencies and every extra's, as pyproject.toml declares them."""
    declared = list(PROJECT["dependencies"])
    for extra in PROJECT["optional-dependencies"].values():
        declared += extra
    return [Requirement(line) for line in declared]


def pins(path: Path) -> dict[str, Version]:
    """``name -> version`` for each ``name==version`` line of a requirements file."""
    found: dict[str, Version] = {}
    for line in path.read_text().splitlines():
        name = matrix.requirement_name(line)
        if name is not None:
            found[name] = Version(line.split("==", 1)[1].split("#", 1)[0].strip())
    return found


def leg(name: str) -> object:
    (found,) = [leg for leg in matrix.LEGS if leg.name == name]
    return found


def test_the_lowest_leg_pins_the_lower_bound_of_every_runtime_dependency() -> None:
    lowest = pins(matrix.PINS_DIR / "lowest.txt")
    for requirement in runtime_requirements():
        lower = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert lower, f"{requirement} has no lower bound to test"
        name = matrix.canonical(requirement.name)
        assert lowest.get(name) == Version(lower[0]), (
            f"requirements/matrix/lowest.txt must pin {name}=={lower[0]} ({requirement})"
        )


def test_the_lowest_leg_runs_the_lowest_python_allowed() -> None:
    lowest_python = re.fullmatch(r">=\s*(3\.\d+)", PROJECT["requires-python"])
    assert lowest_python is not None
    assert leg("lowest").python == lowest_python[1]  # type: ignore[attr-defined]


def test_every_python_of_the_classifiers_has_a_leg() -> None:
    classifiers = {
        match[1]
        for line in PROJECT["classifiers"]
        if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", line))
    }
    assert classifiers == {"3.11", "3.12", "3.13"}
    # One leg per Python (the one the main run uses is skipped: it already ran).
    assert {leg.python for leg in matrix.LEGS if leg.name.startswith("py")} == classifiers


def test_httpx_0_28_and_0_29_are_both_allowed_and_both_tested() -> None:
    (httpx,) = [req for req in runtime_requirements() if req.name == "httpx"]
    specifier: SpecifierSet = httpx.specifier
    tested = {pins(matrix.REQUIREMENTS)["httpx"]}
    tested |= {
        pinned["httpx"]
        for leg in matrix.LEGS
        if leg.pins is not None and "httpx" in (pinned := pins(matrix.PINS_DIR / leg.pins))
    }
    assert {version.release[:2] for version in tested} >= {(0, 28), (0, 29)}
    assert all(version in specifier for version in tested), (tested, specifier)


def test_every_runtime_pin_of_every_leg_is_allowed_by_pyproject() -> None:
    allowed = {matrix.canonical(req.name): req.specifier for req in runtime_requirements()}
    for leg_ in [None, *matrix.LEGS]:
        path = (
            matrix.REQUIREMENTS
            if leg_ is None or leg_.pins is None
            else matrix.PINS_DIR / leg_.pins
        )
        for name, version in pins(path).items():
            if name in allowed:
                assert version in allowed[name], f"{path.name}: {name}=={version}"


def test_a_leg_replaces_exactly_the_pins_it_names(tmp_path: Path) -> None:
    requirements, constraints = matrix.leg_files(leg("lowest"), tmp_path)
    wanted = pins(requirements)
    assert wanted["httpx"] == Version("0.27.0")
    assert wanted["pytest"] == pins(matrix.REQUIREMENTS)["pytest"]  # the rest is dev.txt
    held = pins(constraints)
    # Spelled pydantic_core there and pydantic-core in lowest.txt: still replaced.
    assert "pydantic-core" not in held and "httpx" not in held
    assert held["h11"] == pins(matrix.CONSTRAINTS)["h11"]
    # A leg without pins of its own is dev.txt and constraints.txt as they are.
    plain_requirements, plain_constraints = matrix.leg_files(leg("py3.12"), tmp_path)
    assert pins(plain_requirements) == pins(matrix.REQUIREMENTS)
    assert pins(plain_constraints) == pins(matrix.CONSTRAINTS)


def fake_python(path: Path, version: str, *, works: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"echo {version}" if works else "echo 'pyenv: not active' >&2; exit 127"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def test_an_interpreter_is_found_on_the_path_then_in_pyenv(tmp_path: Path) -> None:
    shims = tmp_path / "shims"
    fake_python(shims / "python3.77", "3.77.0", works=False)  # a shim of an inactive version
    pyenv = tmp_path / "pyenv"
    fake_python(pyenv / "versions" / "3.77.2" / "bin" / "python3.77", "3.77.2")
    newest = fake_python(pyenv / "versions" / "3.77.10" / "bin" / "python3.77", "3.77.10")
    found = matrix.find_python("3.77", path=str(shims), pyenv_root=pyenv)
    assert found == str(newest)
    fake_python(shims / "python3.78", "3.78.1")
    assert matrix.find_python("3.78", path=str(shims), pyenv_root=pyenv) == str(
        shims / "python3.78"
    )
    assert matrix.find_python("3.79", path=str(shims), pyenv_root=pyenv) is None


def test_a_leg_whose_python_is_missing_is_skipped_with_a_notice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = matrix.Leg("py3.99", "3.99")
    monkeypatch.setattr(matrix, "LEGS", (missing,))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    assert matrix.main(["--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "matrix: py3.99 skipped: no Python 3.99 on this machine" in out
    assert not missing.venv.exists()


def test_a_leg_that_would_repeat_the_main_run_is_skipped() -> None:
    version = ".".join(map(str, sys.version_info[:2]))
    same = matrix.Leg(f"py{version}", version)
    outcome = matrix.run_leg(same, matrix._version_of(sys.executable))
    assert outcome.status == "skipped"
    assert "the main pytest run" in outcome.line


def test_make_test_runs_the_matrix() -> None:
    makefile = (ROOT / "Makefile").read_text()
    steps = re.search(r"^test-steps:(.*)$", makefile, re.MULTILINE)
    assert steps is not None and "matrix" in steps[1].split()
    assert "tools/matrix.py" in makefile
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("exec make test")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_leg_virtualenvs_are_ignored_by_git() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist)")
    paths = [leg.venv.name + "/bin/python" for leg in matrix.LEGS] + ["build/matrix/lowest.log"]
    check = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert check.stdout.split() == paths, check.stderr
