"""Strict bulk input: what cannot be read safely is refused before any request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitlab_users_client.testing import FakeGitLabServer
from tests.cli.bulk_cli import Bulk, final, pick, summary


def _refused_before_any_request(bulk: Bulk, *args: str, stdin: str | bytes = "") -> str:
    proc = bulk.run("bulk", *args, stdin=stdin)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: "), proc.stderr
    assert bulk.requests() == []  # not even the preflight
    return proc.stderr


def test_an_unbalanced_quote_is_refused_not_swallowing_the_rows_after_it(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c, d = pick(fake, 4)
    text = f'id,note\n{a.id},one\n{b.id},"two\n{c.id},three\n{d.id},four\n'
    source = tmp_path / "notes.csv"
    source.write_text(text)
    for extra in ((), ("--dry-run",)):
        err = _refused_before_any_request(bulk, "update", "-f", str(source), *extra)
        assert "record starting on line 3 opens a quote that is never closed" in err
        assert "Nothing was done" in err
    assert {u.note for u in (a, b, c, d)} & {"one", "two", "three", "four"} == set()
    # Quotes that cannot be parsed at all are refused with their line too.
    source.write_text(f'id,note\n{a.id},one\n{b.id},"two"x\n')
    err = _refused_before_any_request(bulk, "update", "-f", str(source), "--allow-multiline")
    assert "CSV input is malformed in the record starting on line 3" in err


def test_line_breaks_in_cells_only_with_allow_multiline(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b = pick(fake, 2)
    source = tmp_path / "notes.csv"
    source.write_text(f'id,note\n{a.id},"first line\nsecond line"\n\n{b.id},plain\n')
    err = _refused_before_any_request(bulk, "update", "-f", str(source))
    assert "spans lines 2-3" in err and "--allow-multiline" in err
    out = tmp_path / "results.csv"
    proc = bulk.run("bulk", "update", "-f", str(source), "--allow-multiline", "--results", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (a.note, b.note) == ("first line\nsecond line", "plain")
    rows = final(out)
    # Each row says the line its record starts on; the journal keeps one line per row.
    assert [(r["line"], r["user_id"], r["outcome"]) for r in rows.values()] == [
        (2, a.id, "ok"),
        (5, b.id, "ok"),
    ]
    assert len(out.read_text().splitlines()) == 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"id\n1\n\x00\x01\x02binary", "looks like a binary file (a NUL byte on line 3)"),
        (b"id,note\n5,caf\xe9\n", "is not UTF-8 text: byte 0xe9 on line 2"),
        (b"\xff\xfei\x00d\x00", "looks like a binary file"),  # UTF-16
    ],
)
def test_binary_and_non_utf8_input_get_a_clear_message(
    bulk: Bulk, tmp_path: Path, data: bytes, expected: str
) -> None:
    source = tmp_path / "input.csv"
    source.write_bytes(data)
    err = _refused_before_any_request(bulk, "block", "-f", str(source))
    assert expected in err
    assert "stdin" in _refused_before_any_request(bulk, "block", stdin=data)


def test_bad_json_lines_fail_on_their_own_line(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c = pick(fake, 3)
    lines = [
        json.dumps({"id": a.id}),
        "{not json",
        "true",
        "null",
        "3.5",
        json.dumps({"username": b.username}),
        '{"id": true}',
        "[1, 2]",
        json.dumps(c.id),  # a bare positive integer is an ID
        '{"username": 7}',
    ]
    out = tmp_path / "results.jsonl"
    proc = bulk.run("bulk", "block", "--results", str(out), stdin="\n".join(lines) + "\n")
    assert proc.returncode == 1
    rows = final(out)
    assert sorted(rows) == list(range(1, 11))
    assert {i: r["line"] for i, r in rows.items()} == {i: i for i in range(1, 11)}
    ok = {r["line"]: r["user_id"] for r in rows.values() if r["outcome"] == "ok"}
    assert ok == {1: a.id, 6: b.id, 9: c.id}  # each once, none repeated for a bad line
    failed = {r["line"]: r["message"] for r in rows.values() if r["outcome"] == "failed"}
    assert failed[2].startswith("invalid JSON: Expecting property name")
    assert "not true" in failed[3] and "not null" in failed[4] and "not 3.5" in failed[5]
    assert failed[7] == "id must be a positive integer, not true"
    assert "not [1, 2]" in failed[8] and failed[10] == "username must be a string, not 7"
    assert all(rows[line]["user_id"] is None for line in failed)
    assert sorted(w["path"] for w in bulk.writes()) == sorted(
        f"/api/v4/users/{u.id}/block" for u in (a, b, c)
    )
    assert "failed: item 3 (line 3)" in proc.stderr
    assert summary(proc.stderr)["failed"] == 7


def test_a_json_array_gives_each_item_its_line(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b = pick(fake, 2)
    text = f'[\n  {{"id": {a.id}}},\n\n  null,\n  {{"username": "{b.username}"}}\n]\n'
    out = tmp_path / "results.csv"
    proc = bulk.run("bulk", "ban", "--results", str(out), stdin=text)
    assert proc.returncode == 1
    rows = final(out)
    assert [(r["line"], r["outcome"]) for r in rows.values()] == [
        (2, "ok"),
        (4, "failed"),
        (5, "ok"),
    ]
    assert (a.state, b.state) == ("banned", "banned")


def test_rows_naming_one_user_with_other_values_refuse_the_job(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    a, b, c = pick(fake, 3)
    out = tmp_path / "results.csv"
    # One row by ID, a later one by username, for the same user: which note is meant?
    text = (
        f"id,username,note\n{a.id},,keep\n,{b.username},x\n{c.id},,y\n,{a.username.upper()},other\n"
    )
    proc = bulk.run("bulk", "update", "--results", str(out), stdin=text)
    assert proc.returncode == 2, proc.stderr
    assert f"lines 2 and 5 both name user {a.id} with different values" in proc.stderr
    assert "nothing was done" in proc.stderr
    assert bulk.writes() == [] and not out.exists()
    assert (a.note, b.note, c.note) != ("keep", "x", "y")
    # The same values twice: acted on once, the repeat is skipped with the first's line.
    text = f"id,username,note\n{a.id},,same\n,{b.username},x\n,{a.username},same\n"
    proc = bulk.run("bulk", "update", "--results", str(out), stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert [w["path"] for w in bulk.writes()].count(f"/api/v4/users/{a.id}") == 1
    rows = {r["line"]: r for r in final(out).values()}
    assert rows[4]["outcome"] == "skipped"
    assert rows[4]["message"] == "duplicate of item 1 (line 2): acted on once"
    assert (rows[4]["user_id"], rows[2]["username"]) == (a.id, a.username)
    assert "duplicates: 1 item(s)" in proc.stderr and "(lines 4)" in proc.stderr


def test_file_input_never_locks_the_token_out(
    bulk: Bulk, fake: FakeGitLabServer, tmp_path: Path
) -> None:
    admin = fake.state.users[1]
    others = pick(fake, 3)
    for action in ("deactivate", "ban", "delete"):
        source = tmp_path / f"{action}.txt"
        refs = [str(admin.id), others[0].username, admin.username]
        source.write_text("\n".join(refs) + "\n")
        out = tmp_path / f"{action}.csv"
        proc = bulk.run("bulk", action, "-f", str(source), "--yes", "--results", str(out))
        rows = final(out)
        assert rows[1]["outcome"] == "skipped" and "token's own user" in rows[1]["message"]
        assert (rows[1]["user_id"], rows[1]["username"]) == (admin.id, admin.username)
        assert "left out: the token's own user" in proc.stderr
        assert f"skipped: item 1 (line 1) user 1 ({admin.username})" in proc.stderr
        assert rows[3]["outcome"] == "skipped"  # the same user by username: a repeat
        assert admin.state == "active" and 1 in fake.state.users
        assert not any(w["path"].startswith("/api/v4/users/1/") for w in bulk.writes())
        assert not any(w["path"] == "/api/v4/users/1" for w in bulk.writes())
        others.pop(0)
