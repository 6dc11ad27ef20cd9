"""How ``make mutation`` judges a run (tools/mutation/run.py): which mutants count as
killed, listed equivalents, survivors, and when an ``equivalent.toml`` entry is stale."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RUN = Path(__file__).resolve().parents[2] / "tools" / "mutation" / "run.py"


@pytest.fixture(scope="module")
def run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def judged(run: ModuleType, *statuses: str) -> tuple[Any, list[Any]]:
    """A result of one mutant per status, each the same listed-equivalent change."""
    entry = run.Equivalent("m.py", "f", "a < b", "a <= b", "same at the boundary")
    result = run.Result("m.py")
    for number, status in enumerate(statuses):
        result.mutants.append(run.Mutant(f"m.f__{number}", status, "f", "a < b", "a <= b"))
    run.classify(result, [entry])
    return result, [entry]


def test_a_listed_mutant_that_survives_is_equivalent_and_its_entry_matched(
    run: ModuleType,
) -> None:
    result, (entry,) = judged(run, "survived")
    assert [m.status for m in result.equivalent] == ["survived"]
    assert result.survivors == []
    assert result.killed == 0
    assert result.score == 1.0
    assert entry.matched == 1


def test_a_listed_mutant_that_timed_out_on_a_loaded_machine_is_still_equivalent(
    run: ModuleType,
) -> None:
    result, (entry,) = judged(run, "timeout")
    assert [m.status for m in result.equivalent] == ["timeout"]
    assert result.killed == 0  # not counted as killed as well
    assert entry.matched == 1  # so the entry is not reported stale


def test_a_listed_mutant_that_a_test_kills_leaves_its_entry_stale(run: ModuleType) -> None:
    result, (entry,) = judged(run, "killed")
    assert result.equivalent == []
    assert result.killed == 1
    assert entry.matched == 0


def test_an_unlisted_mutant_that_timed_out_counts_as_killed(run: ModuleType) -> None:
    result = run.Result("m.py")
    result.mutants.append(run.Mutant("m.g__1", "timeout", "g", "x = 1", "x = 2"))
    result.mutants.append(run.Mutant("m.g__2", "survived", "g", "y = 1", "y = 2"))
    run.classify(result, [])
    assert result.killed == 1
    assert [m.name for m in result.survivors] == ["m.g__2"]
    assert result.score == 0.5
