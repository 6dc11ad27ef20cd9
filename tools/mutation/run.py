"""Mutation testing of the modules that guard credentials, URLs, rate limits and input.

``make mutation`` runs it (``make mutation MODULES="_urls links"`` runs some): for each
module listed in ``modules.toml``, mutmut changes the module one small step at a time
(a flipped comparison, another constant, a deleted statement...) and runs the module's
focused tests against every such mutant. A mutant the tests do not notice is a gap in
the tests, unless it behaves exactly like the original: such *equivalent* mutants are
listed, each with the reason, in ``equivalent.toml``.

A module passes when the tests kill at least ``floor`` of its mutants that are not
listed there. Every surviving mutant is printed as a diff; an entry of
``equivalent.toml`` that no longer matches a survivor fails the run too, so the file
stays true.

Everything happens in ``build/mutation/<module>/`` (a copy of the package, the tests
and pyproject.toml, where mutmut writes its ``mutants/`` tree): the working tree is
never touched. ``MUTATION_JOBS`` sets the number of worker processes (default 2);
``--report`` judges the last run again without running it (after editing
``equivalent.toml``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

TOOL_DIR = Path(__file__).resolve().parent
ROOT = TOOL_DIR.parents[1]
WORK = ROOT / "build" / "mutation"
PACKAGE = "gitlab_users_client"
#: mutmut's verdicts that mean a test (or the test run) caught the mutant.
KILLED = frozenset({"killed", "timeout", "segfault", "caught by type check"})
#: A verdict that may say more about the machine than the tests: a listed equivalent
#: mutant that timed out on a loaded machine is still equivalent, not killed.
TIMEOUT = "timeout"
#: Verdicts that mean the mutant was tried and no test failed.
NOT_KILLED = frozenset({"survived", "no tests", "suspicious", "skipped"})


@dataclass
class Mutant:
    name: str
    status: str
    function: str = ""
    original: str = ""
    mutated: str = ""


@dataclass
class Equivalent:
    module: str
    function: str
    original: str
    mutated: str
    reason: str
    matched: int = 0


@dataclass
class Result:
    module: str
    mutants: list[Mutant] = field(default_factory=list)
    equivalent: list[Mutant] = field(default_factory=list)
    survivors: list[Mutant] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def killed(self) -> int:
        equivalent = {mutant.name for mutant in self.equivalent}
        return sum(
            1
            for mutant in self.mutants
            if mutant.status in KILLED and mutant.name not in equivalent
        )

    @property
    def score(self) -> float:
        judged = len(self.mutants) - len(self.equivalent)
        return self.killed / judged if judged else 1.0


def load_modules() -> tuple[float, dict[str, list[str]]]:
    config = tomllib.loads((TOOL_DIR / "modules.toml").read_text())
    return float(config["floor"]), {str(k): list(v) for k, v in config["modules"].items()}


def load_equivalents() -> list[Equivalent]:
    entries = tomllib.loads((TOOL_DIR / "equivalent.toml").read_text()).get("mutant", [])
    return [
        Equivalent(
            module=entry["module"],
            function=entry["function"],
            original=entry["original"].strip(),
            mutated=entry["mutated"].strip(),
            reason=entry["reason"],
        )
        for entry in entries
    ]


def stem(module: str) -> str:
    return Path(module).stem


def prepare(module: str, tests: list[str]) -> Path:
    """A scratch copy of what the tests need, with mutmut's configuration for ``module``."""
    work = WORK / stem(module)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    shutil.copytree(ROOT / PACKAGE, work / PACKAGE, ignore=ignore)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
    settings = {
        "source_paths": [PACKAGE],
        "only_mutate": [module],
        "pytest_add_cli_args_test_selection": tests,
        # The scratch copy is inside this repository: its git state says nothing about it.
        "use_git_change_detection": False,
        # A mutant that loops forever is stopped after a few times its tests' CPU time.
        "timeout_multiplier": 2.0,
        "timeout_constant": 1.0,
    }
    lines = ["", "[tool.mutmut]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    pyproject = (ROOT / "pyproject.toml").read_text()
    (work / "pyproject.toml").write_text(pyproject + "\n".join(lines) + "\n")
    return work


def run_mutmut(work: Path, jobs: int) -> None:
    log = work / "run.log"
    command = [str(Path(sys.executable).parent / "mutmut"), "run", "--max-children", str(jobs)]
    with log.open("w") as out:
        done = subprocess.run(command, cwd=work, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = log.read_text(errors="replace").splitlines()[-40:]
        raise SystemExit(f"mutmut failed (log: {log}):\n" + "\n".join(tail))


@contextmanager
def inside(work: Path) -> Iterator[None]:
    """mutmut reads its results relative to the working directory."""
    previous = Path.cwd()
    os.chdir(work)
    try:
        yield
    finally:
        os.chdir(previous)


def function_of(name: str) -> str:
    """``Secret.__hash__`` for ``gitlab_users_client._redact.xǁSecretǁ__hash____mutmut_1``."""
    mangled = name.partition("__mutmut_")[0].rpartition(".")[2]
    if mangled.startswith("x_"):
        return mangled[2:]
    return ".".join(part for part in mangled.split("ǁ")[1:])


def read_diff(module: str, mutant: Mutant) -> None:
    removed, added = [], []
    for line in get_diff_for_mutant(mutant.name, path=module).splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:].strip())
        elif line.startswith("+"):
            added.append(line[1:].strip())
    mutant.function = function_of(mutant.name)
    mutant.original = "\n".join(removed)
    mutant.mutated = "\n".join(added)


def judge(module: str, work: Path, equivalents: list[Equivalent]) -> Result:
    result = Result(module)
    with inside(work):
        data = SourceFileMutationData(path=module)
        data.load()
        for name, code in sorted(data.exit_code_by_key.items()):
            status = status_by_exit_code[code]
            if status not in KILLED | NOT_KILLED:
                raise SystemExit(f"{module}: mutant {name} was not run to the end ({status})")
            mutant = Mutant(name, status)
            result.mutants.append(mutant)
            if status in NOT_KILLED or status == TIMEOUT:
                read_diff(module, mutant)
    if not result.mutants:
        raise SystemExit(f"{module}: mutmut made no mutants (is the path right?)")
    classify(result, equivalents)
    return result


def classify(result: Result, equivalents: list[Equivalent]) -> None:
    """Sort the mutants no test killed into listed equivalents and survivors.

    A mutant that timed out and matches an entry is equivalent (a loaded machine slowed
    the tests down; the entry is not stale); an unlisted one that timed out is killed.
    """
    for mutant in result.mutants:
        if mutant.status in KILLED and mutant.status != TIMEOUT:
            continue
        match = next(
            (
                entry
                for entry in equivalents
                if (entry.module, entry.function, entry.original, entry.mutated)
                == (result.module, mutant.function, mutant.original, mutant.mutated)
            ),
            None,
        )
        if match is not None:
            match.matched += 1
            result.equivalent.append(mutant)
        elif mutant.status != TIMEOUT:
            result.survivors.append(mutant)


def run_module(
    module: str, tests: list[str], jobs: int, equivalents: list[Equivalent], *, rerun: bool
) -> Result:
    started = time.monotonic()
    work = WORK / stem(module)
    if rerun:
        # An entry starting with "-" is a pytest option (e.g. "-mnot hypothesis").
        missing = [t for t in tests if not t.startswith("-") and not (ROOT / t).exists()]
        if missing:
            raise SystemExit(f"{module}: no such test file {missing}")
        prepare(module, tests)
        run_mutmut(work, jobs)
    elif not work.exists():
        raise SystemExit(f"{module}: no earlier run in {work}")
    result = judge(module, work, equivalents)
    result.seconds = time.monotonic() - started
    return result


def report(result: Result, floor: float) -> bool:
    passed = result.score >= floor
    print(
        f"{result.module}: {len(result.mutants)} mutants, {result.killed} killed, "
        f"{len(result.equivalent)} equivalent, {len(result.survivors)} survived: "
        f"{result.score:.1%} of the non-equivalent killed (floor {floor:.0%}) "
        f"{'ok' if passed else 'BELOW THE FLOOR'} [{result.seconds:.0f} s]"
    )
    for mutant in result.survivors:
        print(f"  {mutant.status}: {mutant.function} ({mutant.name})")
        for line in mutant.original.splitlines():
            print(f"    - {line}")
        for line in mutant.mutated.splitlines():
            print(f"    + {line}")
    return passed


def main(argv: list[str]) -> int:
    # --report: judge the results of the last run again (after editing equivalent.toml).
    rerun = "--report" not in argv
    argv = [arg for arg in argv if arg != "--report"]
    floor, modules = load_modules()
    chosen = modules
    if argv:
        chosen = {m: t for m, t in modules.items() if m in argv or stem(m) in argv}
        unknown = set(argv) - {*chosen, *map(stem, chosen)}
        if unknown:
            raise SystemExit(f"not in tools/mutation/modules.toml: {sorted(unknown)}")
    equivalents = load_equivalents()
    jobs = int(os.environ.get("MUTATION_JOBS", "2"))
    ok = True
    results = []
    for module, tests in chosen.items():
        doing = "mutating" if rerun else "judging the last run of"
        print(f"{doing} {module} against {' '.join(tests)}", flush=True)
        results.append(run_module(module, tests, jobs, equivalents, rerun=rerun))
        ok = report(results[-1], floor) and ok
    stale = [entry for entry in equivalents if entry.module in chosen and not entry.matched]
    for entry in stale:
        ok = False
        print(
            f"equivalent.toml: no surviving mutant of {entry.module} {entry.function} "
            f"matches {entry.original!r} -> {entry.mutated!r}: a test kills it now or the "
            "code changed; remove or update the entry"
        )
    print()
    for result in results:
        print(
            f"  {result.module:<40} {len(result.mutants):>4} mutants {result.killed:>4} killed "
            f"{len(result.equivalent):>3} equivalent {len(result.survivors):>3} survived "
            f"{result.score:>7.1%}"
        )
    print("mutation testing: " + ("every module is at or above the floor" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
