"""Deterministic generation of a realistic user base.

Why it looks like this: tests need variety (every state, bots, external users, 2FA, private
profiles, identities, keys, follows, memberships) and the benchmarks need volume (100,000
users in a few seconds). So each user costs a couple of ``getrandbits`` calls whose bits are
sliced into choices, and related objects are generated for small fractions of the users only.
All timestamps are anchored to a fixed date (``SEED_EPOCH``), never to the wall clock, so the
same seed always yields the same data.

Fixed users: id 1 ``root`` (admin, token with ``api`` + ``sudo``), id 2 ``john_smith``
(regular, token with ``api``); with at least 8 users, ids 3-5 are the internal
``alert-bot``, ``support-bot`` and ``ghost`` users.
"""

from __future__ import annotations

import base64
import hashlib
import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

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


def seed_state(
    st: FakeState, n: int, *, seed: int, admin_token: str, user_token: str
) -> SeedResult:
    if st.users:
        raise ValueError("seed_users() needs an empty FakeState")
    n = max(int(n), 2)
    rng = random.Random(seed)
    span = (SEED_EPOCH - timedelta(days=30) - FIRST_CREATED).total_seconds()
    step = span / max(n, 1)
    used: set[str] = set()
    nf, nl = len(FIRST), len(LAST)
    epoch_day = SEED_EPOCH.date()
    add = st.add_user_record

    def created_for(uid: int, jitter: int) -> datetime:
        return FIRST_CREATED + timedelta(seconds=step * (uid - 1) + (jitter % 997) / 1000 * step)

    # -- fixed users ---------------------------------------------------------------------------
    root = User(
        id=1,
        username="root",
        name="Administrator",
        email="admin@example.com",
        created_at=FIRST_CREATED,
        updated_at=SEED_EPOCH - timedelta(days=3),
        namespace_id=1,
        public_email="",
        bio="Instance administrator",
        location="Remote",
        last_sign_in_at=SEED_EPOCH - timedelta(days=2),
        confirmed_at=FIRST_CREATED,
        last_activity_on=epoch_day - timedelta(days=1),
        current_sign_in_at=SEED_EPOCH - timedelta(days=1),
        is_admin=True,
        current_sign_in_ip="10.0.0.1",
        last_sign_in_ip="10.0.0.1",
        sign_in_count=412,
        timezone="Etc/UTC",
    )
    add(root)
    used.add("root")
    john_created = created_for(2, 0)
    john = User(
        id=2,
        username="john_smith",
        name="John Smith",
        email="john@example.com",
        created_at=john_created,
        updated_at=john_created + timedelta(days=200),
        namespace_id=2,
        public_email="john@example.com",
        bio="Backend developer. Coffee first.",
        location="Berlin, Germany",
        linkedin="john-smith",
        twitter="johnsmith",
        website_url="https://john.example.com",
        job_title="Software Engineer",
        organization="GitLab",
        pronouns="he/him",
        last_sign_in_at=SEED_EPOCH - timedelta(days=5),
        confirmed_at=john_created,
        last_activity_on=epoch_day - timedelta(days=4),
        current_sign_in_at=SEED_EPOCH - timedelta(days=4),
        created_by_id=1,
        current_sign_in_ip="10.0.0.2",
        last_sign_in_ip="10.0.0.2",
        sign_in_count=57,
        two_factor_enabled=True,
        timezone="Europe/Berlin",
        identities=[Identity("github", "2435223452345")],
        custom_attributes={"department": "engineering", "employee_id": "E-0002"},
        status=UserStatus(
            emoji="coffee", message="I crave coffee :coffee:", availability="not_set"
        ),
        assigned_issues=3,
        assigned_merge_requests=2,
        review_requested_merge_requests=1,
        todos=5,
        issues_count=11,
        merge_requests_count=4,
    )
    add(john)
    used.add("john_smith")
    bots: dict[int, tuple[str, str, str]] = {}
    if n >= 8:
        bots = {
            3: ("alert-bot", "GitLab Alert Bot", "alert_bot"),
            4: ("support-bot", "GitLab Support Bot", "support_bot"),
            5: ("ghost", "Ghost User", "ghost"),
        }

    # -- generated users -------------------------------------------------------------------
    for uid in range(3, n + 1):
        r = rng.getrandbits(64)
        r2 = rng.getrandbits(64)
        created = created_for(uid, r2 & 0x3FF)
        if uid in bots:
            uname, name, utype = bots[uid]
            used.add(uname)
            add(
                User(
                    id=uid,
                    username=uname,
                    name=name,
                    email=f"{uname}@noreply.example.com",
                    created_at=created,
                    updated_at=created,
                    namespace_id=uid,
                    user_type=utype,
                    confirmed_at=created,
                    projects_limit=0,
                    can_create_group=False,
                    private_profile=utype == "ghost",
                    bio="This is a GitLab internal bot" if utype != "ghost" else "",
                    note="internal user",
                )
            )
            continue
        first = FIRST[r % nf]
        r //= nf
        last = LAST[r % nl]
        r //= nl
        kind = r % 1000
        r //= 1000
        state = _state_for(r % 1000)
        r //= 1000
        flags = r  # remaining ~38 bits
        utype = "human"
        if kind < 6:
            utype = "project_bot"
        elif kind < 8:
            utype = "service_account"
        if utype == "project_bot":
            uname = f"project_{uid}_bot_{r2 & 0xFFFFFF:06x}"
            name = f"{PROJECT_WORDS[r2 % len(PROJECT_WORDS)]} bot"
            email = f"{uname}@noreply.example.com"
        elif utype == "service_account":
            uname = f"service_account_{uid}"
            name = f"Service account {uid}"
            email = f"{uname}@noreply.example.com"
        else:
            base = f"{first}.{last}".lower()
            uname = base if base not in used else f"{base}{uid}"
            name = f"{first} {last}"
            email = f"{uname}@{DOMAINS[(r2 >> 10) % len(DOMAINS)]}"
        used.add(uname)
        updated = created + timedelta(seconds=(r2 >> 16) % (86400 * 700))
        if updated > SEED_EPOCH:
            updated = SEED_EPOCH - timedelta(seconds=(r2 >> 20) % 86400)
        days_since_created = max((epoch_day - created.date()).days, 1)
        active_ago = (r2 >> 30) % days_since_created
        last_activity = epoch_day - timedelta(days=active_ago)
        never_signed_in = state == "blocked_pending_approval" or (flags & 0x3F) == 0
        admin = utype == "human" and (flags >> 6) % 500 == 0 and state == "active"
        u = User(
            id=uid,
            username=uname,
            name=name,
            email=email,
            created_at=created,
            updated_at=max(updated, created),
            namespace_id=uid,
            state=state,
            user_type=utype,
            public_email=email if (flags >> 15) % 10 < 3 else "",
            locked=(flags >> 19) % 200 == 0,
            bio=f"{JOBS[(flags >> 22) % len(JOBS)]} who likes {GROUP_WORDS[(flags >> 25) % len(GROUP_WORDS)]}."
            if (flags >> 12) % 3 == 0
            else "",
            location=CITIES[(flags >> 28) % len(CITIES)] if (flags >> 9) % 2 else None,
            job_title=JOBS[(flags >> 22) % len(JOBS)] if (flags >> 13) % 4 == 0 else "",
            organization=ORGS[(flags >> 31) % len(ORGS)] if (flags >> 14) % 3 == 0 else "",
            pronouns=PRONOUNS[(r2 >> 40) % 3] if (r2 >> 42) % 5 == 0 else None,
            timezone=TIMEZONES[(r2 >> 44) % len(TIMEZONES)] if (r2 >> 47) % 4 == 0 else None,
            last_sign_in_at=None if never_signed_in else created + timedelta(days=1),
            confirmed_at=None if (flags >> 33) % 50 == 0 else created + timedelta(minutes=7),
            last_activity_on=None if never_signed_in else last_activity,
            current_sign_in_at=None
            if never_signed_in
            else datetime(
                last_activity.year, last_activity.month, last_activity.day, 9, tzinfo=UTC
            ),
            two_factor_enabled=(flags >> 7) % 10 < 3 and utype == "human",
            external=(flags >> 10) % 20 == 0 and utype == "human",
            private_profile=(flags >> 17) % 20 == 0,
            is_admin=admin,
            note="Flagged for review" if (flags >> 35) % 100 == 0 else None,
            created_by_id=1 if (r2 >> 50) % 3 == 0 or utype != "human" else None,
            current_sign_in_ip=None
            if never_signed_in
            else f"10.{uid >> 16 & 255}.{uid >> 8 & 255}.{uid & 255}",
            last_sign_in_ip=None
            if never_signed_in
            else f"10.{uid >> 16 & 255}.{uid >> 8 & 255}.{uid & 255}",
            sign_in_count=0 if never_signed_in else 1 + (r2 >> 52) % 400,
            theme_id=1 + (r2 >> 56) % 11,
            color_scheme_id=1 + (r2 >> 58) % 6,
            projects_limit=0 if utype != "human" else 100_000,
            can_create_group=utype == "human",
            issues_count=(r2 >> 34) % 40,
            merge_requests_count=(r2 >> 38) % 25,
            assigned_issues=(r2 >> 36) % 6,
            assigned_merge_requests=(r2 >> 39) % 4,
            review_requested_merge_requests=(r2 >> 41) % 3,
            todos=(r2 >> 43) % 12,
        )
        if state == "ldap_blocked" or (flags >> 20) % 10 == 0:
            if state == "ldap_blocked" or (flags >> 24) % 2 == 0:
                u.identities = [Identity("ldapmain", f"uid={uname},ou=people,dc=example,dc=com")]
            else:
                u.identities = [Identity("github", str(1000000 + uid * 7))]
        if utype == "human" and (flags >> 26) % 20 == 0:
            u.custom_attributes = {
                "department": DEPARTMENTS[(flags >> 29) % len(DEPARTMENTS)],
                "employee_id": f"E-{uid:04d}",
            }
        if state == "active" and (r2 >> 45) % 20 == 0:
            u.status = UserStatus(
                emoji=EMOJIS[(r2 >> 48) % len(EMOJIS)],
                message=STATUS_MESSAGES[(r2 >> 51) % len(STATUS_MESSAGES)],
                availability="busy" if (r2 >> 54) % 3 == 0 else "not_set",
            )
        add(u)

    # -- relations ------------------------------------------------------------------------
    rel = random.Random(seed * 7919 + 17)
    human_ids = [u.id for u in st.users.values() if u.user_type == "human"]
    now = SEED_EPOCH

    def add_ssh(user: User, title: str, when: datetime) -> None:
        line, sha, md5 = ssh_key_material(rel, f"{user.username}@laptop")
        kid = st.next_id("ssh_key")
        k = SshKey(kid, user.id, title, line, sha, md5, when, when)
        st.ssh_keys[kid] = k
        st.ssh_keys_by_user.setdefault(user.id, []).append(k)
        st.ssh_fingerprints.add(sha)

    def add_gpg(user: User, when: datetime) -> None:
        gid = st.next_id("gpg_key")
        g = GpgKey(gid, user.id, gpg_key_material(rel, user.username), when, when)
        st.gpg_keys[gid] = g
        st.gpg_keys_by_user.setdefault(user.id, []).append(g)

    def add_email(user: User, address: str, when: datetime, confirmed: bool) -> None:
        if st.email_taken(address):
            return
        eid = st.next_id("email")
        e = Email(eid, user.id, address, when if confirmed else None, when, when)
        st.emails[eid] = e
        st.emails_by_user.setdefault(user.id, []).append(e)
        st.email_index[address.lower()] = user.id

    add_ssh(john, "Work laptop", john_created + timedelta(days=3))
    add_ssh(john, "Home desktop", john_created + timedelta(days=40))
    add_gpg(john, john_created + timedelta(days=10))
    add_email(john, "john.smith@corp.example.com", john_created + timedelta(days=1), True)
    add_email(john, "jsmith@example.org", john_created + timedelta(days=2), False)
    add_ssh(root, "root key", FIRST_CREATED + timedelta(days=1))
    for uid in human_ids[2:]:
        x = rel.random()
        if x < 0.05:
            u = st.users[uid]
            add_ssh(u, "Laptop", u.created_at + timedelta(days=2))
            if x < 0.01:
                add_ssh(u, "CI deploy", u.created_at + timedelta(days=30))
        elif x < 0.07:
            u = st.users[uid]
            add_gpg(u, u.created_at + timedelta(days=5))
        elif x < 0.12:
            u = st.users[uid]
            local, _, domain = u.email.partition("@")
            add_email(u, f"{local}+alt@{domain}", u.created_at + timedelta(days=1), x < 0.10)

    # groups and projects
    n_groups = max(3, min(500, n // 200))
    n_projects = max(6, min(2000, n // 50))
    owners = [uid for uid in human_ids if st.users[uid].state == "active" and uid > 2]
    if not owners:
        owners = [2]
    for gi in range(1, n_groups + 1):
        word = GROUP_WORDS[(gi - 1) % len(GROUP_WORDS)]
        path = word if gi <= len(GROUP_WORDS) else f"{word}-{gi}"
        gid = 100_000 + gi
        st.groups[gid] = Group(gid, path.replace("-", " ").title(), path)
        group_owner = owners[rel.randrange(len(owners))]
        st.add_membership(group_owner, "Namespace", gid, 50)
    group_ids = list(st.groups)
    for pi in range(1, n_projects + 1):
        pid = pi
        word = PROJECT_WORDS[(pi - 1) % len(PROJECT_WORDS)]
        owner_id = 2 if pi <= 3 else owners[rel.randrange(len(owners))]
        owner = st.users[owner_id]
        created = max(owner.created_at, FIRST_CREATED) + timedelta(days=rel.randrange(1, 400))
        if created > now:
            created = now - timedelta(days=1)
        visibility = ("public", "internal", "private")[rel.randrange(3)]
        if pi <= 3:
            visibility = ("public", "internal", "private")[pi - 1]
        st.projects[pid] = Project(
            id=pid,
            name=f"{word}-{pi}",
            path=f"{word}-{pi}",
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
    project_ids = list(st.projects)
    # john: developer in the first group, maintainer in one other project; root has none
    st.add_membership(2, "Namespace", group_ids[0], 30)
    other_projects = [p for p in project_ids if st.projects[p].owner_id != 2]
    if other_projects:
        st.add_membership(2, "Project", other_projects[0], 40)
        st.contributed.setdefault(2, []).append(other_projects[0])
    st.starred[2] = project_ids[: min(3, len(project_ids))]
    for uid in human_ids[2:]:
        x = rel.random()
        if x < 0.10:
            st.add_membership(uid, "Namespace", group_ids[rel.randrange(len(group_ids))], 30)
        if x < 0.04:
            pid = project_ids[rel.randrange(len(project_ids))]
            if uid not in st.project_members.get(pid, {}):
                st.add_membership(uid, "Project", pid, (20, 30, 40)[rel.randrange(3)])
                st.contributed.setdefault(uid, []).append(pid)
        if 0.10 <= x < 0.14:
            st.starred[uid] = [project_ids[rel.randrange(len(project_ids))]]
    # deploy keys on john's projects and a few others
    for pid in project_ids[: min(8, len(project_ids))]:
        line, sha, md5 = ssh_key_material(rel, f"deploy@{pid}")
        dk = DeployKey(
            st.next_id("deploy_key"),
            pid,
            f"Deploy key {pid}",
            line,
            sha,
            md5,
            now - timedelta(days=pid),
        )
        st.deploy_keys.setdefault(pid, []).append(dk)
    # follows
    all_ids = st.user_ids
    for uid in human_ids:
        if uid in (1, 2) or rel.random() < 0.10:
            for _ in range(rel.randrange(1, 6)):
                target = all_ids[rel.randrange(len(all_ids))]
                if target != uid and st.users[target].user_type == "human":
                    st.following.setdefault(uid, set()).add(target)
                    st.followers.setdefault(target, set()).add(uid)
    if n >= 3:
        # john always follows root and is followed by at least one user
        st.following.setdefault(2, set()).add(1)
        st.followers.setdefault(1, set()).add(2)
    # events for project owners
    for pid in project_ids[: min(300, len(project_ids))]:
        p = st.projects[pid]
        for k in range(rel.randrange(1, 5)):
            action, ttype = EVENT_ACTIONS[rel.randrange(len(EVENT_ACTIONS))]
            when = p.created_at + timedelta(days=k * 3 + 1, hours=rel.randrange(24))
            eid = st.next_id("event")
            st.events.setdefault(p.owner_id, []).append(
                Event(
                    eid,
                    p.owner_id,
                    pid,
                    action,
                    ttype,
                    None if ttype is None else 1000 + eid,
                    None if ttype is None else eid,
                    None if ttype is None else f"{ttype} #{eid} of {p.name}",
                    when,
                )
            )
    # tokens
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
