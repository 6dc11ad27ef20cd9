"""``--resume``: the same command and journal continue a job; nothing is done twice."""

from __future__ import annotations

import signal
from collections import Counter
from pathlib import Path

from gitlab_users_client.testing import FakeGitLabServer, Faults
from tests.cli.bulk_cli import Bulk, final, journal, pick, summary, wait_for, write_ids


def _applied(bulk: Bulk, method: str) -> Counter[str]:
    """How many requests of ``method`` took effect, per path (from the fake's log)."""
    return Counter(r["path"] for r in bulk.requests() if r["method"] == method and r["applied"])


def _sent(bulk: Bulk, method: str) -> Counter[str]:
    return Counter(r["path"] for r in bulk.requests() if r["method"] == method)


def _all_answered(bulk: Bulk) -> bool:
    stats = bulk.server.state.stats
    return sum(stats.by_method.values()) == len(bulk.requests())


def _finished(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(row["outcome"] == "ok" for row in final(path).values())


def test_a_job_killed_with_sigkill_resumes_doing_each_item_once(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 40)
    source = write_ids(tmp_path / "ids.txt", users)
    fake.state.engine.set_faults(Faults(latency=0.3, methods=["POST"]))
    out = tmp_path / "results.jsonl"
    command = ("bulk", "ban", "-f", str(source), "-c", "4", "--results", str(out))
    job = bulk.start(*command)
    wait_for(lambda: _finished(out) >= 6, what="six items done")
    job.proc.send_signal(signal.SIGKILL)
    job.proc.wait(timeout=30)
    wait_for(lambda: _all_answered(bulk), what="the requests cut off to be answered")
    before = final(out)
    done_before = {r["user_id"] for r in before.values() if r["outcome"] == "ok"}
    in_flight = {r["user_id"] for r in before.values() if r["outcome"] == "unknown"}
    assert done_before and in_flight
    posts_before = len(bulk.writes())

    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    assert f"resuming from {out}: {len(done_before)} item(s) recorded ok" in proc.stderr
    resumed = bulk.writes()[posts_before:]
    resent = {int(w["path"].split("/")[4]) for w in resumed}
    assert not resent & done_before  # recorded ok: not sent again
    # Every user banned, each by exactly one request that took effect, and none sent a
    # second time once one had (a second ban would have failed: "cannot ban banned").
    assert all(u.state == "banned" for u in users)
    assert _applied(bulk, "POST") == Counter({f"/api/v4/users/{u.id}/ban": 1 for u in users})
    for uid in in_flight:
        path = f"/api/v4/users/{uid}/ban"
        first_applied = [r["applied"] for r in bulk.requests() if r["path"] == path]
        assert first_applied.count(True) == 1 and first_applied[-1] is True
    # The in-flight items were checked (a GET of the user) before anything was sent.
    checked = {int(r["path"].split("/")[-1]) for r in bulk.requests()[posts_before:]
               if r["method"] == "GET" and r["path"].startswith("/api/v4/users/")}  # fmt: skip
    assert in_flight <= checked
    rows = journal(out)
    assert [r["index"] for r in rows] == list(range(1, 41))
    assert {r["outcome"] for r in rows} == {"ok"}
    assert summary(proc.stderr) == {
        "processed": 40, "ok": 40, "failed": 0, "unknown": 0, "skipped": 0, "not_attempted": 0
    }  # fmt: skip


def test_unknown_outcomes_are_checked_before_anything_is_sent_again(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 30)
    source = write_ids(tmp_path / "ids.txt", users)
    # Some POSTs answered 502 before GitLab ran them; some ran, then the connection dropped.
    fake.state.engine.set_faults(
        Faults(seed=4, error_rate=0.2, drop_rate=0.25, drop_phase="after", methods=["POST"],
               error_statuses=[502])
    )  # fmt: skip
    out = tmp_path / "results.csv"
    command = ("--max-retries", "0", "bulk", "ban", "-f", str(source), "-c", "1",
               "--results", str(out))  # fmt: skip
    proc = bulk.run(*command)
    assert proc.returncode == 1
    first = final(out)
    unknown = {r["user_id"] for r in first.values() if r["outcome"] == "unknown"}
    landed = {u.id for u in users if u.state == "banned"} & unknown
    missed = unknown - landed
    assert landed and missed  # both kinds happened
    fake.state.engine.set_faults(Faults())
    posts_before = len(bulk.writes())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    resent = [w["path"] for w in bulk.writes()[posts_before:]]
    assert sorted(resent) == sorted(f"/api/v4/users/{uid}/ban" for uid in missed)
    assert all(u.state == "banned" for u in users)
    rows = final(out)
    for uid in landed:
        (row,) = [r for r in rows.values() if r["user_id"] == uid]
        assert (row["outcome"], row["message"]) == (
            "ok",
            "ban: had taken effect (checked on resume)",
        )
    assert (
        f"checked on resume: {len(unknown)} item(s) in flight when the job stopped; "
        f"{len(landed)} had taken effect and were not sent again"
    ) in proc.stderr


def test_a_resumed_delete_counts_a_delete_in_flight_as_done(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 12)
    source = write_ids(tmp_path / "ids.txt", users)
    # Deletes take 2 s; the job is stopped with a grace too short for them to answer.
    fake.state.engine.set_faults(Faults(latency=2.0, methods=["DELETE"]))
    out = tmp_path / "deleted.jsonl"
    command = ("bulk", "delete", "--yes", "--hard-delete", "-f", str(source), "-c", "3",
               "--results", str(out))  # fmt: skip
    job = bulk.start(*command, "--grace", "0.2")
    wait_for(lambda: out.exists() and len(journal(out)) >= 3, what="deletes in flight")
    job.signal(signal.SIGTERM)
    code, err = job.finish()
    assert code == 143, err
    wait_for(lambda: _all_answered(bulk), what="the deletes in flight to be answered")
    in_flight = {r["user_id"] for r in final(out).values() if r["outcome"] == "unknown"}
    assert in_flight and not in_flight & set(fake.state.users)  # deleted, answer lost
    fake.state.engine.set_faults(Faults())
    deletes = _sent(bulk, "DELETE")
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr  # not "failed 404"
    rows = {r["user_id"]: r for r in final(out).values()}
    assert all(rows[uid]["outcome"] == "ok" for uid in in_flight)
    assert all("had taken effect" in rows[uid]["message"] for uid in in_flight)
    for path, count in _sent(bulk, "DELETE").items():  # the ones in flight: not sent again
        assert count == 1 and (deletes[path] == 0 or int(path.split("/")[-1]) in in_flight)
    assert not {u.id for u in users} & set(fake.state.users)


def test_idempotent_actions_are_checked_by_their_values(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 16)
    fake.state.engine.set_faults(Faults(seed=2, drop_rate=0.4, drop_phase="after", methods=["PUT"]))
    notes = tmp_path / "notes.csv"
    notes.write_text("id,note,external\n" + "".join(f"{u.id},n{u.id},true\n" for u in users))
    update = ("--max-retries", "0", "bulk", "update", "-f", str(notes), "--results",
              str(tmp_path / "u.csv"))  # fmt: skip
    attrs = ("--max-retries", "0", "bulk", "set-attr", "--key", "team", "--value", "red",
             "-f", str(write_ids(tmp_path / "ids", users)), "--results", str(tmp_path / "a.csv"))  # fmt: skip
    for command, path in ((update, "u.csv"), (attrs, "a.csv")):
        assert bulk.run(*command).returncode == 1
        unknown = [r for r in final(tmp_path / path).values() if r["outcome"] == "unknown"]
        assert unknown
    fake.state.engine.set_faults(Faults())
    puts = len(bulk.writes())
    for command in (update, attrs):
        proc = bulk.run(*command, "--resume")
        assert proc.returncode == 0, proc.stderr
        assert "had taken effect and were not sent again" in proc.stderr
    assert bulk.writes()[puts:] == []  # the values were there: no PUT sent again
    assert all((u.note, u.external) == (f"n{u.id}", True) for u in users)
    assert all(u.custom_attributes == {"team": "red"} for u in users)


def test_resume_refuses_another_job_before_any_request(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 3)
    source = write_ids(tmp_path / "ids.txt", users)
    out = tmp_path / "results.csv"
    assert bulk.run("bulk", "block", "-f", str(source), "--results", str(out)).returncode == 0
    written = out.read_text()
    requests = len(bulk.requests())
    other = write_ids(tmp_path / "other.txt", users[:2])
    for args, message in (
        (("block", "-f", str(other)), "this job differs from the one that wrote"),
        (("unblock", "-f", str(source)), "is the journal of a `bulk block` job"),
        (("block", "-f", str(source), "--dry-run"), "differs from this one only in --dry-run"),
    ):
        proc = bulk.run("bulk", *args, "--results", str(out), "--resume")
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert len(bulk.requests()) == requests and out.read_text() == written
    misuse = bulk.run("bulk", "block", "-f", str(source), "--resume")
    assert misuse.returncode == 2 and "--resume needs --results" in misuse.stderr
    both = bulk.run("bulk", "block", "-f", str(source), "--results", str(out), "--resume",
                    "--force")  # fmt: skip
    assert both.returncode == 2 and "pick one" in both.stderr
    # Nothing to resume yet: the job starts (a CI retry can always pass --resume).
    fresh = tmp_path / "fresh.csv"
    proc = bulk.run("bulk", "block", "-f", str(source), "--results", str(fresh), "--resume")
    assert proc.returncode == 0 and "does not exist yet: starting the job" in proc.stderr
    assert len(journal(fresh)) == 3


def test_a_matching_job_resumes_by_user(bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path) -> None:
    def active_humans() -> set[int]:
        return {
            u.id for u in fake.state.iter_users() if u.state == "active" and u.user_type == "human"
        }

    active = active_humans() - {1}
    fake.state.engine.set_faults(Faults(latency=0.2, methods=["POST"]))
    out = tmp_path / "blocked.jsonl"
    command = ("bulk", "block", "--matching", "--active", "--humans", "-c", "4",
               "--results", str(out))  # fmt: skip
    job = bulk.start(*command)
    wait_for(lambda: _finished(out) >= 8, what="eight users blocked")
    job.proc.send_signal(signal.SIGKILL)
    job.proc.wait(timeout=30)
    wait_for(lambda: _all_answered(bulk), what="the requests cut off to be answered")
    in_flight = {r["user_id"] for r in final(out).values() if r["outcome"] == "unknown"}
    assert in_flight
    fake.state.engine.set_faults(Faults())
    proc = bulk.run(*command, "--resume")
    assert proc.returncode == 0, proc.stderr
    # Every user active when the job started is blocked, by exactly one request; the ones
    # in flight at the kill no longer match --active, and were checked all the same.
    assert active_humans() == {1}
    applied = _applied(bulk, "POST")
    assert applied == Counter({f"/api/v4/users/{uid}/block": 1 for uid in active})
    rows = final(out)
    assert Counter(r["user_id"] for r in rows.values()) == Counter(active | {1})
    assert {r["outcome"] for r in rows.values() if r["user_id"] != 1} == {"ok"}
    assert rows[next(i for i, r in rows.items() if r["user_id"] == 1)]["outcome"] == "skipped"


def test_failed_items_are_identified_again_on_resume(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c = pick(fake, 3)
    source = tmp_path / "block.csv"
    source.write_text(f"id,username\n{a.id},{b.username}\n{c.id},{c.username}\n")
    out = tmp_path / "results.csv"
    command = ("bulk", "block", "-f", str(source), "--results", str(out))
    assert bulk.run(*command).returncode == 1
    for _ in range(2):  # a failed item is tried again, and checked again, every time
        rows = {r["line"]: r for r in final(out).values()}
        assert rows[2]["outcome"] == "failed" and "is user" in rows[2]["message"]
        assert rows[3]["outcome"] == "ok"
        writes = len(bulk.writes())
        proc = bulk.run(*command, "--resume")
        assert proc.returncode == 1 and f"id {a.id} is user {a.username!r}" in proc.stderr
        assert len(bulk.writes()) == writes  # the mismatch is never acted on
    assert (a.state, b.state, c.state) == ("active", "active", "blocked")


def test_a_failing_check_resends_only_an_idempotent_request(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    users = pick(fake, 10)
    source = write_ids(tmp_path / "ids.txt", users)
    ban = ("--max-retries", "0", "bulk", "ban", "-f", str(source), "-c", "1",
           "--results", str(tmp_path / "ban.csv"))  # fmt: skip
    tag = ("--max-retries", "0", "bulk", "set-attr", "--key", "k", "--value", "v", "-f",
           str(source), "-c", "1", "--results", str(tmp_path / "tag.csv"))  # fmt: skip
    for command, method in ((ban, "POST"), (tag, "PUT")):
        fake.state.engine.set_faults(Faults(seed=3, error_rate=0.5, methods=[method]))
        assert bulk.run(*command).returncode == 1
    ban_unknown = {r["user_id"] for r in final(tmp_path / "ban.csv").values()
                   if r["outcome"] == "unknown"}  # fmt: skip
    tag_unknown = {r["user_id"] for r in final(tmp_path / "tag.csv").values()
                   if r["outcome"] == "unknown"}  # fmt: skip
    assert ban_unknown and tag_unknown
    # Now every check fails: GitLab cannot say whether the earlier requests took effect.
    fake.state.engine.set_faults(
        Faults(error_rate=1.0, error_statuses=[503], methods=["GET"],
               paths=[r"^/api/v4/users/\d+(/custom_attributes/.*)?$"])
    )  # fmt: skip
    writes = len(bulk.writes())
    banned = bulk.run(*ban, "--resume")
    assert banned.returncode == 1
    rows = final(tmp_path / "ban.csv")
    assert {r["user_id"] for r in rows.values() if r["outcome"] == "unknown"} == ban_unknown
    assert all(r["message"].startswith("still unknown") for r in rows.values()
               if r["outcome"] == "unknown")  # fmt: skip
    assert len(bulk.writes()) == writes  # a POST is never sent without a check
    tagged = bulk.run(*tag, "--resume")
    assert tagged.returncode == 0, tagged.stderr  # a PUT is sent again: harmless
    resent = {int(w["path"].split("/")[4]) for w in bulk.writes()[writes:]}
    assert resent == tag_unknown
    assert all(u.custom_attributes == {"k": "v"} for u in users)
