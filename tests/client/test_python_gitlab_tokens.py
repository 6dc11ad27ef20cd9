"""python-gitlab's ``gl.personal_access_tokens`` against the bundled fake GitLab: the calls a
migrating team already makes (list by user and state, get, get ``"self"``, rotate, delete)
answer with GitLab's semantics. ``tests/client/test_personal_access_tokens.py`` does the same
through this SDK's typed methods.
"""

from __future__ import annotations

from collections.abc import Iterator

import gitlab
import pytest

from gitlab_users_client.testing import FakeConfig, FakeGitLabServer, ManualClock


@pytest.fixture
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=12, config=FakeConfig(clock=ManualClock())) as running:
        yield running


def gl_for(server: FakeGitLabServer, token: str) -> gitlab.Gitlab:
    return gitlab.Gitlab(server.url, private_token=token, timeout=30, retry_transient_errors=False)


def test_list_by_user_and_state(server: FakeGitLabServer) -> None:
    st = server.state
    active = st.add_token(4, ["api"], name="a")
    st.add_token(4, ["api"], name="r", revoked=True)
    with gl_for(server, server.admin_token) as gl:
        everything = gl.personal_access_tokens.list(get_all=True)
        assert {t.id for t in everything} == set(st.tokens_by_id)
        tokens = gl.personal_access_tokens.list(user_id=4, state="active", get_all=True)
        assert [t.id for t in tokens] == [
            t.id for t in st.tokens_by_user[4] if t.is_active(st.clock.today())
        ]
        assert active.id in [t.id for t in tokens]
        paged = gl.personal_access_tokens.list(per_page=2, iterator=True)
        assert len(list(paged)) == len(st.tokens_by_id)  # follows the Link headers
    with gl_for(server, server.user_token) as gl:
        mine = gl.personal_access_tokens.list(get_all=True)
        assert {t.user_id for t in mine} == {st.tokens[server.user_token].user_id}
        with pytest.raises(gitlab.GitlabAuthenticationError):  # 401: someone else's
            gl.personal_access_tokens.list(user_id=1, get_all=True)


def test_get_and_get_self(server: FakeGitLabServer) -> None:
    own = server.state.tokens[server.user_token]
    with gl_for(server, server.user_token) as gl:
        assert gl.personal_access_tokens.get("self").id == own.id
        assert gl.personal_access_tokens.get(own.id).name == own.name
        with pytest.raises(gitlab.GitlabAuthenticationError):
            gl.personal_access_tokens.get(999_999)
    with gl_for(server, server.admin_token) as gl:
        with pytest.raises(gitlab.GitlabGetError) as missing:
            gl.personal_access_tokens.get(999_999)
        assert missing.value.response_code == 404


def test_rotate_by_id_and_self(server: FakeGitLabServer) -> None:
    token = server.state.add_token(5, ["api"], name="ci")
    with gl_for(server, server.admin_token) as gl:
        new = gl.personal_access_tokens.rotate(token.id, expires_at="2026-03-01")
        assert new["id"] != token.id and new["expires_at"] == "2026-03-01"
        assert new["token"] and token.revoked
    with gl_for(server, new["token"]) as gl:
        current = gl.personal_access_tokens.get("self")
        rotated = current.rotate(self_rotate=True)  # POST /personal_access_tokens/self/rotate
        assert rotated["expires_at"] == "2026-01-08"  # one week by default
    with gl_for(server, rotated["token"]) as gl:
        assert gl.personal_access_tokens.get("self").id == rotated["id"]


def test_delete(server: FakeGitLabServer) -> None:
    victim = server.state.add_token(6, ["api"])
    other = server.state.add_token(6, ["api"])
    with gl_for(server, server.admin_token) as gl:
        gl.personal_access_tokens.delete(victim.id)
        gl.personal_access_tokens.get(other.id).delete()
    assert victim.revoked and other.revoked
    with gl_for(server, server.user_token) as gl:
        with pytest.raises(gitlab.GitlabDeleteError) as refused:
            gl.personal_access_tokens.delete(server.state.add_token(6, ["api"]).id)
        assert refused.value.response_code == 400
