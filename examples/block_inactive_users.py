"""Find users inactive since a date, export them to CSV, and block them.

A real admin job built on gitlab-users-client. It reads GITLAB_URL and GITLAB_TOKEN
(an admin token) from the environment, so it runs unchanged against your GitLab:

    GITLAB_URL=https://gitlab.example.com GITLAB_TOKEN=glpat-... \\
        python examples/block_inactive_users.py --since 2025-06-01

Without --apply it only reports and exports (a dry run); with --apply it blocks, at most
--concurrency at a time, and writes every user's outcome to --results. Both CSV files go
to --output-dir (default ./gitlab-users-output/, git-ignored in this repository) unless
--export/--results name another place.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
import time
from pathlib import Path

import anyio

from gitlab_users_client import AsyncGitLab, GitLabError, Outcome, map_concurrently
from gitlab_users_client.models import UserWithAdmin


class Progress:
    """A one-line progress bar on stderr (periodic lines when stderr is not a terminal)."""

    def __init__(self, label: str, total: int | None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.started = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self._last_print = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if self.tty or now - self._last_print >= 1.0 or self.done == self.total:
            self._last_print = now
            self._render(now)

    def _render(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            filled = int(30 * self.done / self.total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done}"
        line = f"{self.label:<10} {bar} ({rate:,.0f}/s)"
        print(
            f"\r{line}" if self.tty else line,
            end="" if self.tty else "\n",
            file=sys.stderr,
            flush=True,
        )

    def close(self) -> None:
        if self.done != self.total or self.total is None:
            self._render(time.perf_counter())
        if self.tty:
            print(file=sys.stderr)


def is_inactive(user: UserWithAdmin, since: datetime.date) -> bool:
    if user.last_activity_on is not None:
        return user.last_activity_on < since
    # Never active: judge by account age.
    return user.created_at is not None and user.created_at.date() < since


async def find_inactive(gl: AsyncGitLab, since: datetime.date) -> tuple[list[UserWithAdmin], int]:
    progress = Progress("scanning", None)
    inactive: list[UserWithAdmin] = []
    scanned = 0
    # Keyset pagination under the hood ("auto"): no 50,000-row ceiling, one page in memory.
    async for user in gl.users.list(active=True, humans=True, exclude_internal=True):
        scanned += 1
        progress.advance()
        if not isinstance(user, UserWithAdmin):
            raise SystemExit(
                "this job needs an administrator token (users came back without admin fields)"
            )
        if not user.is_admin and is_inactive(user, since):
            inactive.append(user)
    progress.close()
    return inactive, scanned


def export(users: list[UserWithAdmin], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "username", "name", "email", "last_activity_on", "created_at"])
        for user in users:
            writer.writerow(
                [
                    user.id,
                    user.username,
                    user.name,
                    user.email,
                    user.last_activity_on,
                    user.created_at,
                ]
            )


async def block_all(
    gl: AsyncGitLab, users: list[UserWithAdmin], concurrency: int, results: Path
) -> dict[str, int]:
    progress = Progress("blocking", len(users))
    outcome_of = await map_concurrently(
        lambda user: gl.users.block(user.id),
        users,
        concurrency=concurrency,
        on_outcome=lambda _: progress.advance(),
    )
    progress.close()
    counts = {"blocked": 0, "already blocked": 0, "failed": 0, "unknown": 0}
    with results.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "username", "outcome", "detail"])
        for outcome in outcome_of:
            status, detail = describe(outcome)
            counts[status] += 1
            writer.writerow([outcome.item.id, outcome.item.username, status, detail])
    return counts


def describe(outcome: Outcome[UserWithAdmin, bool | None]) -> tuple[str, str]:
    if outcome.ok:
        # GitLab answers `true` when it blocked the user and an empty body if already blocked.
        return ("blocked", "") if outcome.value else ("already blocked", "")
    error = outcome.error
    if getattr(error, "outcome_unknown", False):
        return "unknown", str(error)
    return "failed", str(error)


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--since",
        type=datetime.date.fromisoformat,
        required=True,
        help="inactive since (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=Path("gitlab-users-output"),
        help="where the CSV files go (default: ./gitlab-users-output/)",
    )
    parser.add_argument(
        "--export",
        type=Path,
        help="CSV of the inactive users (default: OUTPUT_DIR/inactive-users.csv)",
    )
    parser.add_argument(
        "--results", type=Path, help="CSV of every outcome (default: OUTPUT_DIR/block-results.csv)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="blocks in flight at once")
    parser.add_argument("--apply", action="store_true", help="really block them (default: dry run)")
    args = parser.parse_args(argv)
    args.export = args.export or args.output_dir / "inactive-users.csv"
    args.results = args.results or args.output_dir / "block-results.csv"
    for path in (args.export, args.results) if args.apply else (args.export,):
        path.parent.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    try:
        async with AsyncGitLab(max_concurrency=args.concurrency) as gl:
            inactive, scanned = await find_inactive(gl, args.since)
            export(inactive, args.export)
            counts = (
                await block_all(gl, inactive, args.concurrency, args.results)
                if args.apply
                else None
            )
    except GitLabError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    print(
        f"\nScanned {scanned:,} active users; {len(inactive):,} inactive since {args.since} -> {args.export}"
    )
    if counts is None:
        print("Dry run: nothing was blocked (pass --apply to block them).")
    else:
        print(
            "Blocked: "
            + ", ".join(f"{name} {count:,}" for name, count in counts.items())
            + f" -> {args.results}"
        )
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return 1 if counts and (counts["failed"] or counts["unknown"]) else 0


if __name__ == "__main__":
    sys.exit(anyio.run(main))
