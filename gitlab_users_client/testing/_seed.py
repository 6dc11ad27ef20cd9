"""Deterministic generation of a realistic user base.

Why it looks like this: tests need variety (every state, bots, external users, 2FA, private
profiles, identities, keys, follows, memberships) and the benchmarks need volume (100,000
users in a few seconds). So each user costs a couple of ``getrandbits`` calls whose bits are
sliced into choices, and related objects are generated for small fractions of the users only.
All timestamps are anchored to a fixed date (``SEED_EPOCH``), never to the wall clock, so the
same seed always yields the same data.

Fixed users (tables ``ROOT``, ``JOHN``): id 1 ``root`` (admin, token with ``api`` +
``sudo``), id 2 ``john_smith`` (regular, token with ``api``); with at least 8 users, ids 3-5
are the internal ``alert-bot``, ``support-bot`` and ``ghost`` users (``BOTS``).

A seed runs entity by entity (``SEED_STEPS``: users, keys and emails, groups, projects,
memberships, deploy keys, follows, events), each step a function of its own that draws
from the two random streams in turn.
"""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ._records import (
    DeployKey,
    Email,
    Event,
    GpgKey,
    Group,
    Identity,
    Project,
    SeedResult,
    SshKey,
    User,
    UserStatus,
)

if TYPE_CHECKING:
    from ._store import FakeState

SEED_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
FIRST_CREATED = datetime(2014, 2, 3, 9, 0, tzinfo=UTC)

FIRST = [
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Sandra",
    "Mark",
    "Margaret",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Andrew",
    "Emily",
    "Paul",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Carol",
    "Kevin",
    "Amanda",
    "Brian",
    "Melissa",
    "George",
    "Deborah",
    "Timothy",
    "Stephanie",
    "Ronald",
    "Rebecca",
    "Jason",
    "Laura",
    "Edward",
    "Sharon",
    "Jeffrey",
    "Cynthia",
    "Ryan",
    "Kathleen",
    "Jacob",
    "Amy",
    "Gary",
    "Angela",
    "Nicholas",
    "Shirley",
    "Eric",
    "Anna",
    "Jonathan",
    "Brenda",
    "Stephen",
    "Pamela",
    "Larry",
    "Emma",
    "Justin",
    "Nicole",
    "Scott",
    "Helen",
    "Brandon",
    "Samantha",
    "Benjamin",
    "Katherine",
    "Samuel",
    "Christine",
    "Aiko",
    "Chen",
    "Dmitri",
    "Fatima",
    "Giulia",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Kenji",
    "Leila",
    "Mateo",
    "Nadia",
    "Olga",
    "Priya",
    "Quentin",
    "Rafael",
    "Sofia",
    "Tariq",
    "Ursula",
    "Valentina",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zainab",
    "Amara",
    "Bjorn",
    "Chioma",
    "Diego",
    "Elif",
    "Farid",
    "Greta",
    "Hana",
    "Ivan",
    "Jana",
    "Kofi",
    "Lucia",
    "Mohammed",
    "Noor",
    "Oscar",
    "Paula",
    "Rin",
    "Sven",
]
LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Kowalski",
    "Novak",
    "Schmidt",
    "Muller",
    "Rossi",
    "Bianchi",
    "Dubois",
    "Lefebvre",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Kim",
    "Park",
    "Choi",
    "Wang",
    "Zhang",
    "Liu",
    "Singh",
    "Patel",
    "Kumar",
    "Sharma",
    "Okafor",
    "Mensah",
    "Haddad",
    "Nasser",
    "Ivanova",
    "Petrov",
    "Jensen",
    "Hansen",
    "Larsen",
    "Nilsson",
    "Andersson",
    "Virtanen",
    "Silva",
    "Santos",
    "Costa",
    "Oliveira",
    "Pereira",
    "Fernandes",
    "Murphy",
    "Kelly",
    "OBrien",
    "Walsh",
    "Byrne",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Yilmaz",
    "Demir",
    "Kaya",
    "Sahin",
    "Cohen",
    "Levi",
    "Mizrahi",
    "Friedman",
    "Abadi",
    "Mendes",
    "Castro",
]
DOMAINS = ("example.com", "example.org", "mail.example.net", "corp.example.com")
CITIES = (
    "Berlin, Germany",
    "San Francisco, CA",
    "Lagos, Nigeria",
    "Tokyo, Japan",
    "Sao Paulo, Brazil",
    "Toronto, Canada",
    "Bangalore, India",
    "Amsterdam, Netherlands",
    "Nairobi, Kenya",
    "Sydney, Australia",
    "Warsaw, Poland",
    "Austin, TX",
)
ORGS = ("GitLab", "Acme Corp", "Initech", "Globex", "Umbrella Labs", "Hooli", "Stark Industries")
JOBS = (
    "Software Engineer",
    "Senior Backend Engineer",
    "Engineering Manager",
    "Product Designer",
    "Site Reliability Engineer",
    "Technical Writer",
    "Security Engineer",
    "Data Scientist",
)
TIMEZONES = (
    "Europe/Berlin",
    "America/Los_Angeles",
    "Africa/Lagos",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Etc/UTC",
)
PRONOUNS = ("she/her", "he/him", "they/them")
EMOJIS = ("coffee", "palm_tree", "speech_balloon", "rocket", "house", "thermometer")
STATUS_MESSAGES = ("In meetings all day", "On vacation", "Focus time", "Out sick", "Back Monday")
DEPARTMENTS = ("engineering", "sales", "support", "marketing", "finance")
GROUP_WORDS = [
    "platform",
    "infra",
    "frontend",
    "backend",
    "data",
    "mobile",
    "security",
    "docs",
    "tooling",
    "design",
    "qa",
    "ops",
    "payments",
    "search",
    "growth",
    "billing",
    "identity",
    "analytics",
    "release",
]
PROJECT_WORDS = [
    "api",
    "web",
    "cli",
    "sdk",
    "agent",
    "gateway",
    "worker",
    "scheduler",
    "dashboard",
    "exporter",
    "runner",
    "proxy",
    "charts",
    "operator",
    "library",
    "service",
    "portal",
    "bot",
]
EVENT_ACTIONS = (
    ("pushed to", None),
    ("opened", "Issue"),
    ("commented on", "Note"),
    ("opened", "MergeRequest"),
    ("accepted", "MergeRequest"),
    ("closed", "Issue"),
    ("created", None),
)


def _state_for(x: int) -> str:
    # x in [0, 1000)
    if x < 40:
        return "blocked"
    if x < 70:
        return "deactivated"
    if x < 90:
        return "banned"
    if x < 110:
        return "blocked_pending_approval"
    if x < 115:
        return "ldap_blocked"
    return "active"


def ssh_key_material(rng: random.Random, comment: str) -> tuple[str, str, str]:
    """A syntactically real ed25519 public key line plus its SHA256 and MD5 fingerprints."""
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32)
    return fingerprint_line("ssh-ed25519", blob, comment)


def fingerprint_line(kind: str, blob: bytes, comment: str) -> tuple[str, str, str]:
    b64 = base64.b64encode(blob).decode()
    sha = "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")
    md5 = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    md5_colon = ":".join(md5[i : i + 2] for i in range(0, 32, 2))
    line = f"{kind} {b64}" + (f" {comment}" if comment else "")
    return line, sha, md5_colon


def gpg_key_material(rng: random.Random, name: str) -> str:
    body = base64.b64encode(name.encode() + rng.randbytes(180)).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
        + "\n".join(lines)
        + "\n=XQoy\n-----END PGP PUBLIC KEY BLOCK-----"
    )


#: The fixed users every seed starts with: id 1 ``root`` (an administrator) and id 2
#: ``john_smith`` (a regular user with keys, emails, an identity and a status). Times are
#: offsets from their creation, which ``_Seeding.created_for`` gives; ``root`` is created
#: at ``FIRST_CREATED``.
ROOT: dict[str, Any] = {
    "id": 1,
    "username": "root",
    "name": "Administrator",
    "email": "admin@example.com",
    "namespace_id": 1,
    "public_email": "",
    "bio": "Instance administrator",
    "location": "Remote",
    "is_admin": True,
    "current_sign_in_ip": "10.0.0.1",
    "last_sign_in_ip": "10.0.0.1",
    "sign_in_count": 412,
    "timezone": "Etc/UTC",
}
JOHN: dict[str, Any] = {
    "id": 2,
    "username": "john_smith",
    "name": "John Smith",
    "email": "john@example.com",
    "namespace_id": 2,
    "public_email": "john@example.com",
    "bio": "Backend developer. Coffee first.",
    "location": "Berlin, Germany",
    "linkedin": "john-smith",
    "twitter": "johnsmith",
    "website_url": "https://john.example.com",
    "job_title": "Software Engineer",
    "organization": "GitLab",
    "pronouns": "he/him",
    "created_by_id": 1,
    "current_sign_in_ip": "10.0.0.2",
    "last_sign_in_ip": "10.0.0.2",
    "sign_in_count": 57,
    "two_factor_enabled": True,
    "timezone": "Europe/Berlin",
    "assigned_issues": 3,
    "assigned_merge_requests": 2,
    "review_requested_merge_requests": 1,
    "todos": 5,
    "issues_count": 11,
    "merge_requests_count": 4,
}
#: The internal users of a seed with at least 8 users: id → (username, name, user type).
BOTS: dict[int, tuple[str, str, str]] = {
    3: ("alert-bot", "GitLab Alert Bot", "alert_bot"),
    4: ("support-bot", "GitLab Support Bot", "support_bot"),
    5: ("ghost", "Ghost User", "ghost"),
}


@dataclass
class _Seeding:
    """One seed run: the state being filled, its two random streams (users, then
    relations: each drawn in a fixed order, so a seed always gives the same data) and
    what later steps need of earlier ones."""

    st: FakeState
    n: int
    rng: random.Random
    rel: random.Random
    step: float
    used: set[str] = field(default_factory=set)
    human_ids: list[int] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)

    def created_for(self, uid: int, jitter: int) -> datetime:
        return FIRST_CREATED + timedelta(
            seconds=self.step * (uid - 1) + (jitter % 997) / 1000 * self.step
        )

    def add_ssh(self, user: User, title: str, when: datetime) -> None:
        st = self.st
        line, sha, md5 = ssh_key_material(self.rel, f"{user.username}@laptop")
        kid = st.next_id("ssh_key")
        key = SshKey(kid, user.id, title, line, sha, md5, when, when)
        st.ssh_keys[kid] = key
        st.ssh_keys_by_user.setdefault(user.id, []).append(key)
        st.ssh_fingerprints.add(sha)

    def add_gpg(self, user: User, when: datetime) -> None:
        st = self.st
        gid = st.next_id("gpg_key")
        key = GpgKey(gid, user.id, gpg_key_material(self.rel, user.username), when, when)
        st.gpg_keys[gid] = key
        st.gpg_keys_by_user.setdefault(user.id, []).append(key)

    def add_email(self, user: User, address: str, when: datetime, confirmed: bool) -> None:
        st = self.st
        if st.email_taken(address):
            return
        eid = st.next_id("email")
        email = Email(eid, user.id, address, when if confirmed else None, when, when)
        st.emails[eid] = email
        st.emails_by_user.setdefault(user.id, []).append(email)
        st.email_index[address.lower()] = user.id


def _seed_fixed_users(s: _Seeding) -> None:
    epoch_day = SEED_EPOCH.date()
    s.st.add_user_record(
        User(
            **ROOT,
            created_at=FIRST_CREATED,
            updated_at=SEED_EPOCH - timedelta(days=3),
            last_sign_in_at=SEED_EPOCH - timedelta(days=2),
            confirmed_at=FIRST_CREATED,
            last_activity_on=epoch_day - timedelta(days=1),
            current_sign_in_at=SEED_EPOCH - timedelta(days=1),
        )
    )
    created = s.created_for(2, 0)
    s.st.add_user_record(
        User(
            **JOHN,
            created_at=created,
            updated_at=created + timedelta(days=200),
            last_sign_in_at=SEED_EPOCH - timedelta(days=5),
            confirmed_at=created,
            last_activity_on=epoch_day - timedelta(days=4),
            current_sign_in_at=SEED_EPOCH - timedelta(days=4),
            identities=[Identity("github", "2435223452345")],
            custom_attributes={"department": "engineering", "employee_id": "E-0002"},
            status=UserStatus(
                emoji="coffee", message="I crave coffee :coffee:", availability="not_set"
            ),
        )
    )
    s.used.update(("root", "john_smith"))


def _bot_user(s: _Seeding, uid: int, created: datetime) -> User:
    username, name, user_type = BOTS[uid]
    s.used.add(username)
    return User(
        id=uid,
        username=username,
        name=name,
        email=f"{username}@noreply.example.com",
        created_at=created,
        updated_at=created,
        namespace_id=uid,
        user_type=user_type,
        confirmed_at=created,
        projects_limit=0,
        can_create_group=False,
        private_profile=user_type == "ghost",
        bio="This is a GitLab internal bot" if user_type != "ghost" else "",
        note="internal user",
    )


def _names(s: _Seeding, uid: int, r: int, r2: int) -> tuple[str, str, str, str, str, int]:
    """Username, name, email, user type and state of a generated user, and the bits of
    ``r`` left for its flags."""
    first = FIRST[r % len(FIRST)]
    r //= len(FIRST)
    last = LAST[r % len(LAST)]
    r //= len(LAST)
    kind = r % 1000
    r //= 1000
    state = _state_for(r % 1000)
    r //= 1000
    user_type = "project_bot" if kind < 6 else "service_account" if kind < 8 else "human"
    if user_type == "project_bot":
        username = f"project_{uid}_bot_{r2 & 0xFFFFFF:06x}"
        name = f"{PROJECT_WORDS[r2 % len(PROJECT_WORDS)]} bot"
        email = f"{username}@noreply.example.com"
    elif user_type == "service_account":
        username = f"service_account_{uid}"
        name = f"Service account {uid}"
        email = f"{username}@noreply.example.com"
    else:
        base = f"{first}.{last}".lower()
        username = base if base not in s.used else f"{base}{uid}"
        name = f"{first} {last}"
        email = f"{username}@{DOMAINS[(r2 >> 10) % len(DOMAINS)]}"
    s.used.add(username)
    return username, name, email, user_type, state, r


def _profile(flags: int, r2: int, user_type: str) -> dict[str, Any]:
    """The profile fields of a generated user, sliced from its random bits."""
    human = user_type == "human"
    job = JOBS[(flags >> 22) % len(JOBS)]
    return {
        "locked": (flags >> 19) % 200 == 0,
        "bio": f"{job} who likes {GROUP_WORDS[(flags >> 25) % len(GROUP_WORDS)]}."
        if (flags >> 12) % 3 == 0
        else "",
        "location": CITIES[(flags >> 28) % len(CITIES)] if (flags >> 9) % 2 else None,
        "job_title": job if (flags >> 13) % 4 == 0 else "",
        "organization": ORGS[(flags >> 31) % len(ORGS)] if (flags >> 14) % 3 == 0 else "",
        "pronouns": PRONOUNS[(r2 >> 40) % 3] if (r2 >> 42) % 5 == 0 else None,
        "timezone": TIMEZONES[(r2 >> 44) % len(TIMEZONES)] if (r2 >> 47) % 4 == 0 else None,
        "two_factor_enabled": (flags >> 7) % 10 < 3 and human,
        "external": (flags >> 10) % 20 == 0 and human,
        "private_profile": (flags >> 17) % 20 == 0,
        "note": "Flagged for review" if (flags >> 35) % 100 == 0 else None,
        "created_by_id": 1 if (r2 >> 50) % 3 == 0 or not human else None,
        "theme_id": 1 + (r2 >> 56) % 11,
        "color_scheme_id": 1 + (r2 >> 58) % 6,
        "projects_limit": 100_000 if human else 0,
        "can_create_group": human,
        "issues_count": (r2 >> 34) % 40,
        "merge_requests_count": (r2 >> 38) % 25,
        "assigned_issues": (r2 >> 36) % 6,
        "assigned_merge_requests": (r2 >> 39) % 4,
        "review_requested_merge_requests": (r2 >> 41) % 3,
        "todos": (r2 >> 43) % 12,
    }


def _activity(uid: int, created: datetime, state: str, flags: int, r2: int) -> dict[str, Any]:
    """When a generated user was last seen, from where, and how often they signed in."""
    epoch_day = SEED_EPOCH.date()
    updated = created + timedelta(seconds=(r2 >> 16) % (86400 * 700))
    if updated > SEED_EPOCH:
        updated = SEED_EPOCH - timedelta(seconds=(r2 >> 20) % 86400)
    days_since_created = max((epoch_day - created.date()).days, 1)
    last_activity = epoch_day - timedelta(days=(r2 >> 30) % days_since_created)
    never = state == "blocked_pending_approval" or (flags & 0x3F) == 0
    ip = f"10.{uid >> 16 & 255}.{uid >> 8 & 255}.{uid & 255}"
    return {
        "updated_at": max(updated, created),
        "last_sign_in_at": None if never else created + timedelta(days=1),
        "confirmed_at": None if (flags >> 33) % 50 == 0 else created + timedelta(minutes=7),
        "last_activity_on": None if never else last_activity,
        "current_sign_in_at": None
        if never
        else datetime(last_activity.year, last_activity.month, last_activity.day, 9, tzinfo=UTC),
        "current_sign_in_ip": None if never else ip,
        "last_sign_in_ip": None if never else ip,
        "sign_in_count": 0 if never else 1 + (r2 >> 52) % 400,
    }


def _extras(user: User, flags: int, r2: int) -> None:
    """Identities, custom attributes and a status, for some generated users."""
    if user.state == "ldap_blocked" or (flags >> 20) % 10 == 0:
        if user.state == "ldap_blocked" or (flags >> 24) % 2 == 0:
            dn = f"uid={user.username},ou=people,dc=example,dc=com"
            user.identities = [Identity("ldapmain", dn)]
        else:
            user.identities = [Identity("github", str(1000000 + user.id * 7))]
    if user.user_type == "human" and (flags >> 26) % 20 == 0:
        user.custom_attributes = {
            "department": DEPARTMENTS[(flags >> 29) % len(DEPARTMENTS)],
            "employee_id": f"E-{user.id:04d}",
        }
    if user.state == "active" and (r2 >> 45) % 20 == 0:
        user.status = UserStatus(
            emoji=EMOJIS[(r2 >> 48) % len(EMOJIS)],
            message=STATUS_MESSAGES[(r2 >> 51) % len(STATUS_MESSAGES)],
            availability="busy" if (r2 >> 54) % 3 == 0 else "not_set",
        )


def _seed_generated_users(s: _Seeding) -> None:
    """Users 3..n: two random words each, their bits sliced into every choice."""
    bots = BOTS if s.n >= 8 else {}
    for uid in range(3, s.n + 1):
        r = s.rng.getrandbits(64)
        r2 = s.rng.getrandbits(64)
        created = s.created_for(uid, r2 & 0x3FF)
        if uid in bots:
            s.st.add_user_record(_bot_user(s, uid, created))
            continue
        username, name, email, user_type, state, flags = _names(s, uid, r, r2)
        admin = user_type == "human" and (flags >> 6) % 500 == 0 and state == "active"
        user = User(
            id=uid,
            username=username,
            name=name,
            email=email,
            created_at=created,
            namespace_id=uid,
            state=state,
            user_type=user_type,
            public_email=email if (flags >> 15) % 10 < 3 else "",
            is_admin=admin,
            **_profile(flags, r2, user_type),
            **_activity(uid, created, state, flags, r2),
        )
        _extras(user, flags, r2)
        s.st.add_user_record(user)
    s.human_ids = [u.id for u in s.st.users.values() if u.user_type == "human"]


def _seed_keys_and_emails(s: _Seeding) -> None:
    root, john = s.st.users[1], s.st.users[2]
    s.add_ssh(john, "Work laptop", john.created_at + timedelta(days=3))
    s.add_ssh(john, "Home desktop", john.created_at + timedelta(days=40))
    s.add_gpg(john, john.created_at + timedelta(days=10))
    s.add_email(john, "john.smith@corp.example.com", john.created_at + timedelta(days=1), True)
    s.add_email(john, "jsmith@example.org", john.created_at + timedelta(days=2), False)
    s.add_ssh(root, "root key", FIRST_CREATED + timedelta(days=1))
    for uid in s.human_ids[2:]:
        x = s.rel.random()
        user = s.st.users[uid]
        if x < 0.05:
            s.add_ssh(user, "Laptop", user.created_at + timedelta(days=2))
            if x < 0.01:
                s.add_ssh(user, "CI deploy", user.created_at + timedelta(days=30))
        elif x < 0.07:
            s.add_gpg(user, user.created_at + timedelta(days=5))
        elif x < 0.12:
            local, _, domain = user.email.partition("@")
            when = user.created_at + timedelta(days=1)
            s.add_email(user, f"{local}+alt@{domain}", when, x < 0.10)


def _seed_groups(s: _Seeding) -> None:
    st = s.st
    s.owners = [uid for uid in s.human_ids if st.users[uid].state == "active" and uid > 2] or [2]
    for gi in range(1, max(3, min(500, s.n // 200)) + 1):
        word = GROUP_WORDS[(gi - 1) % len(GROUP_WORDS)]
        path = word if gi <= len(GROUP_WORDS) else f"{word}-{gi}"
        gid = 100_000 + gi
        st.groups[gid] = Group(gid, path.replace("-", " ").title(), path)
        st.add_membership(s.owners[s.rel.randrange(len(s.owners))], "Namespace", gid, 50)
    s.group_ids = list(st.groups)


def _seed_projects(s: _Seeding) -> None:
    st, rel = s.st, s.rel
    for pid in range(1, max(6, min(2000, s.n // 50)) + 1):
        word = PROJECT_WORDS[(pid - 1) % len(PROJECT_WORDS)]
        owner_id = 2 if pid <= 3 else s.owners[rel.randrange(len(s.owners))]
        owner = st.users[owner_id]
        created = max(owner.created_at, FIRST_CREATED) + timedelta(days=rel.randrange(1, 400))
        if created > SEED_EPOCH:
            created = SEED_EPOCH - timedelta(days=1)
        visibility = ("public", "internal", "private")[rel.randrange(3)]
        if pid <= 3:
            visibility = ("public", "internal", "private")[pid - 1]
        st.projects[pid] = Project(
            id=pid,
            name=f"{word}-{pid}",
            path=f"{word}-{pid}",
            owner_id=owner_id,
            namespace_id=owner.namespace_id,
            namespace_path=owner.username,
            namespace_name=owner.name,
            namespace_kind="user",
            visibility=visibility,
            description=f"The {word} of {owner.name}",
            created_at=created,
            updated_at=created + timedelta(days=3),
            last_activity_at=created + timedelta(days=rel.randrange(3, 300)),
            star_count=rel.randrange(0, 50),
            forks_count=rel.randrange(0, 10),
            archived=rel.random() < 0.05,
            topics=[GROUP_WORDS[rel.randrange(len(GROUP_WORDS))]],
        )
        st.projects_by_owner.setdefault(owner_id, []).append(pid)
        st.add_membership(owner_id, "Project", pid, 50)
        st.bump_id("project", pid)
    s.project_ids = list(st.projects)


def _seed_memberships(s: _Seeding) -> None:
    """john: developer in the first group, maintainer of another's project, three stars;
    root has none; a few other users join, contribute and star."""
    st, rel, project_ids = s.st, s.rel, s.project_ids
    st.add_membership(2, "Namespace", s.group_ids[0], 30)
    other_projects = [p for p in project_ids if st.projects[p].owner_id != 2]
    if other_projects:
        st.add_membership(2, "Project", other_projects[0], 40)
        st.contributed.setdefault(2, []).append(other_projects[0])
    st.starred[2] = project_ids[: min(3, len(project_ids))]
    for uid in s.human_ids[2:]:
        x = rel.random()
        if x < 0.10:
            st.add_membership(uid, "Namespace", s.group_ids[rel.randrange(len(s.group_ids))], 30)
        if x < 0.04:
            pid = project_ids[rel.randrange(len(project_ids))]
            if uid not in st.project_members.get(pid, {}):
                st.add_membership(uid, "Project", pid, (20, 30, 40)[rel.randrange(3)])
                st.contributed.setdefault(uid, []).append(pid)
        if 0.10 <= x < 0.14:
            st.starred[uid] = [project_ids[rel.randrange(len(project_ids))]]


def _seed_deploy_keys(s: _Seeding) -> None:
    """On john's projects and a few others."""
    for pid in s.project_ids[: min(8, len(s.project_ids))]:
        line, sha, md5 = ssh_key_material(s.rel, f"deploy@{pid}")
        when = SEED_EPOCH - timedelta(days=pid)
        key = DeployKey(s.st.next_id("deploy_key"), pid, f"Deploy key {pid}", line, sha, md5, when)
        s.st.deploy_keys.setdefault(pid, []).append(key)


def _seed_follows(s: _Seeding) -> None:
    """A tenth of the humans (and root and john) follow a few users; john follows root."""
    st, rel = s.st, s.rel
    all_ids = st.user_ids
    for uid in s.human_ids:
        if uid in (1, 2) or rel.random() < 0.10:
            for _ in range(rel.randrange(1, 6)):
                target = all_ids[rel.randrange(len(all_ids))]
                if target != uid and st.users[target].user_type == "human":
                    st.following.setdefault(uid, set()).add(target)
                    st.followers.setdefault(target, set()).add(uid)
    if s.n >= 3:
        st.following.setdefault(2, set()).add(1)
        st.followers.setdefault(1, set()).add(2)


def _seed_events(s: _Seeding) -> None:
    """A few events of project owners on their projects."""
    st, rel = s.st, s.rel
    for pid in s.project_ids[: min(300, len(s.project_ids))]:
        project = st.projects[pid]
        for k in range(rel.randrange(1, 5)):
            action, target_type = EVENT_ACTIONS[rel.randrange(len(EVENT_ACTIONS))]
            when = project.created_at + timedelta(days=k * 3 + 1, hours=rel.randrange(24))
            eid = st.next_id("event")
            target = None if target_type is None else (1000 + eid, eid)
            st.events.setdefault(project.owner_id, []).append(
                Event(
                    eid,
                    project.owner_id,
                    pid,
                    action,
                    target_type,
                    None if target is None else target[0],
                    None if target is None else target[1],
                    None if target is None else f"{target_type} #{eid} of {project.name}",
                    when,
                )
            )


#: What a seed creates, entity by entity, in this order (each step draws from the
#: random streams in turn: the order is part of the data).
SEED_STEPS: tuple[Callable[[_Seeding], None], ...] = (
    _seed_fixed_users,
    _seed_generated_users,
    _seed_keys_and_emails,
    _seed_groups,
    _seed_projects,
    _seed_memberships,
    _seed_deploy_keys,
    _seed_follows,
    _seed_events,
)


def seed_state(
    st: FakeState, n: int, *, seed: int, admin_token: str, user_token: str
) -> SeedResult:
    """Fill an empty ``st`` with ``n`` users (at least 2) and what hangs off them."""
    if st.users:
        raise ValueError("seed_users() needs an empty FakeState")
    n = max(int(n), 2)
    span = (SEED_EPOCH - timedelta(days=30) - FIRST_CREATED).total_seconds()
    seeding = _Seeding(
        st=st,
        n=n,
        rng=random.Random(seed),
        rel=random.Random(seed * 7919 + 17),
        step=span / n,
    )
    for step in SEED_STEPS:
        step(seeding)
    st.add_token(1, ["api", "sudo"], token=admin_token, name="admin token")
    st.add_token(2, ["api"], token=user_token, name="user token")
    st.version += 1
    return SeedResult(
        admin_token=admin_token,
        user_token=user_token,
        admin_id=1,
        user_id=2,
        admin_username="root",
        user_username="john_smith",
        users=len(st.users),
    )


def today_of(dt: datetime) -> date:
    return dt.date()
