"""The Python and dependency matrix of ``make test``: pytest once more per leg.

``make test`` lints, type-checks and builds the docs once, and runs pytest in ``.venv``
(the ``python3`` that made it, with the exact pins of requirements/dev.txt). This script
runs pytest again for each leg of ``LEGS``, each in its own virtualenv (``.venv-<leg>``):

* ``py3.11``, ``py3.12``: the same pins on another interpreter;
* ``py3.13``: the same pins with the newest httpx that pyproject.toml admits;
* ``lowest``: the lowest Python and the lowest version of every runtime dependency and
  extra that pyproject.toml allows.

A leg's pins are requirements/dev.txt and constraints.txt with the lines of its file in
requirements/matrix/ put in place of theirs. A leg whose interpreter this machine lacks
is skipped with a notice (looked up on ``PATH``, then in pyenv's versions); a leg that
would repeat the main run (same interpreter, no pins of its own) is skipped too. Legs run
``--jobs`` at a time (``MATRIX_JOBS``, default 3: pytest spends most of its time waiting
on sockets, timers and subprocesses, about half a core per run, so three legs share two
cores); each writes its output to build/matrix/<leg>.log, printed in full only when the
leg fails.

    python tools/matrix.py [--jobs N] [LEG ...]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements" / "dev.txt"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
PINS_DIR = ROOT / "requirements" / "matrix"
LOG_DIR = ROOT / "build" / "matrix"
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")
#: Shown in each leg's summary line.
REPORTED = ("httpx", "httpcore", "pydantic", "anyio", "starlette")


@dataclass(frozen=True)
class Leg:
    name: str
    python: str  # "3.12": the interpreter's major.minor version
    pins: str | None = None  # a file in requirements/matrix/ (its lines replace dev.txt's)

    @property
    def venv(self) -> Path:
        return ROOT / f".venv-{self.name}"


LEGS = (
    Leg("py3.11", "3.11"),
    Leg("py3.12", "3.12"),
    Leg("py3.13", "3.13", pins="py3.13.txt"),
    Leg("lowest", "3.11", pins="lowest.txt"),
)

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SUMMARY = re.compile(r"^=*\s*(\d+ (passed|failed|error).*?)\s*=*$")


def canonical(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str | None:
    """The distribution a requirements-file line names, or None for comments and options."""
    stripped = line.split("#", 1)[0].strip()
    if not stripped or stripped.startswith("-"):
        return None
    match = _NAME.match(stripped)
    return canonical(match[1]) if match else None


def without(lines: Iterable[str], names: set[str]) -> list[str]:
    """``lines`` minus those that name one of ``names``."""
    return [line for line in lines if requirement_name(line) not in names]


def leg_files(leg: Leg, out_dir: Path) -> tuple[Path, Path]:
    """Write the leg's requirements and constraints files; return their paths."""
    requirements = REQUIREMENTS.read_text().splitlines()
    constraints = CONSTRAINTS.read_text().splitlines()
    if leg.pins is not None:
        pins = (PINS_DIR / leg.pins).read_text().splitlines()
        replaced = {name for name in map(requirement_name, pins) if name}
        requirements = without(requirements, replaced) + pins
        constraints = without(constraints, replaced)
    out_dir.mkdir(parents=True, exist_ok=True)
    req_path = out_dir / f"{leg.name}-requirements.txt"
    con_path = out_dir / f"{leg.name}-constraints.txt"
    req_path.write_text("\n".join(requirements) + "\n")
    con_path.write_text("\n".join(constraints) + "\n")
    return req_path, con_path


def _version_of(python: str) -> str | None:
    """``X.Y.Z`` of a working interpreter, or None (a pyenv shim of an inactive version fails)."""
    try:
        done = subprocess.run(
            [python, "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _patch(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name))


def find_python(
    version: str, *, path: str | None = None, pyenv_root: Path | None = None
) -> str | None:
    """A working ``python<version>``: on ``PATH`` first, then the newest in pyenv's versions."""
    candidates: list[str] = []
    found = shutil.which(f"python{version}", path=path)
    if found:
        candidates.append(found)
    root = pyenv_root or Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    installed = root.glob(f"versions/{version}.*/bin/python{version}")
    candidates += [str(p) for p in sorted(installed, key=_patch, reverse=True)]
    for candidate in candidates:
        full = _version_of(candidate)
        if full is not None and full.startswith(f"{version}."):
            return candidate
    return None


def _inputs_digest(python_version: str, files: Sequence[Path]) -> str:
    digest = hashlib.sha256(python_version.encode())
    for path in (ROOT / "pyproject.toml", *files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _run(args: Sequence[str], log: Path) -> None:
    with log.open("a") as out:
        out.write(f"$ {' '.join(args)}\n")
        out.flush()
        subprocess.run(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=True)


def prepare(leg: Leg, python: str, log: Path) -> Path:
    """The leg's virtualenv, (re)installed when its interpreter or pins changed."""
    version = _version_of(python) or "?"
    files = leg_files(leg, LOG_DIR)
    stamp = leg.venv / ".matrix-stamp"
    digest = _inputs_digest(version, files)
    leg_python = leg.venv / "bin" / "python"
    if stamp.is_file() and stamp.read_text() == digest and leg_python.exists():
        return leg_python
    if _version_of(str(leg_python)) != version:
        _run([python, "-m", "venv", "--clear", str(leg.venv)], log)
    requirements, constraints = files
    _run([str(leg_python), *PIP, "-c", str(constraints), "-r", str(requirements)], log)
    _run([str(leg_python), *PIP, "--no-deps", "--no-build-isolation", "-e", str(ROOT)], log)
    stamp.write_text(digest)
    return leg_python


def _versions(python: Path) -> str:
    """``Python 3.12.1; httpx 0.28.1, ...``: what the leg really runs."""
    code = (
        "import importlib.metadata as m, platform\n"
        "found = {d.metadata['Name'].lower(): d.version for d in m.distributions()}\n"
        f"shown = [n + ' ' + found[n] for n in {REPORTED!r} if n in found]\n"
        "print('Python ' + platform.python_version() + '; ' + ', '.join(shown))\n"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return done.stdout.strip()


@dataclass
class Outcome:
    leg: Leg
    status: str  # "passed", "failed", "skipped"
    line: str
    log: Path | None = None


def run_leg(leg: Leg, main_python: str) -> Outcome:
    """Install and run one leg; never raises (the outcome says what happened)."""
    python = find_python(leg.python)
    if python is None:
        return Outcome(
            leg,
            "skipped",
            f"no Python {leg.python} on this machine (PATH, pyenv); install it to run this leg",
        )
    if leg.pins is None and _version_of(python) == main_python:
        return Outcome(leg, "skipped", f"the main pytest run is this Python ({main_python})")
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"{leg.name}.log"
    log.write_text("")
    started = time.monotonic()
    try:
        leg_python = prepare(leg, python, log)
    except subprocess.CalledProcessError:
        return Outcome(leg, "failed", "could not install its pins", log)
    versions = _versions(leg_python)
    with log.open("a") as out:
        out.write(f"# {versions}\n")
        out.flush()
        tests = subprocess.run(
            [str(leg_python), "-m", "pytest", "-q"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    lines = log.read_text().splitlines()
    summary = next(
        (m[1] for line in reversed(lines) if (m := _SUMMARY.match(line))),
        f"pytest exited with {tests.returncode}",
    )
    took = f"{time.monotonic() - started:.0f} s"
    status = "passed" if tests.returncode == 0 else "failed"
    return Outcome(leg, status, f"{summary} ({versions}; {took})", log)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("legs", nargs="*", metavar="LEG", help="legs to run (default: all)")
    parser.add_argument(
        "--jobs", type=int, default=int(os.environ.get("MATRIX_JOBS", "3")), help="legs at once"
    )
    args = parser.parse_args(argv)
    by_name = {leg.name: leg for leg in LEGS}
    unknown = [name for name in args.legs if name not in by_name]
    if unknown:
        parser.error(f"unknown leg(s) {', '.join(unknown)}; legs: {', '.join(by_name)}")
    legs = [by_name[name] for name in args.legs] or list(LEGS)
    main_python = _version_of(sys.executable) or "?"
    print(
        f"matrix: pytest on {len(legs)} more leg(s), {min(args.jobs, len(legs))} at a time "
        f"(logs in {LOG_DIR.relative_to(ROOT)}/)",
        flush=True,
    )
    failed = False
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for outcome in pool.map(lambda leg: run_leg(leg, main_python), legs):
            print(f"matrix: {outcome.leg.name} {outcome.status}: {outcome.line}", flush=True)
            if outcome.status == "failed" and outcome.log is not None:
                failed = True
                print(outcome.log.read_text(), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
