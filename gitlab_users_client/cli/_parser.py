"""The ``gitlab-users`` command tree and :func:`build_parser`."""

from __future__ import annotations

import argparse

from gitlab_users_client import __version__

from ._actions import MODERATION
from ._args import (
    Parser,
    Tree,
    add_global_options,
    count,
    date_arg,
    datetime_arg,
    key_value,
    positive_int,
    seconds,
)
from ._bulk_actions import BULK
from ._completion import add_completion_command
from ._config_commands import add_config_commands
from ._failfast import DEFAULT_THRESHOLD
from ._fields import add_attr_flags
from ._signals import DEFAULT_GRACE

__all__ = ["build_parser"]

DESCRIPTION = "Manage GitLab users from the command line (built on gitlab-users-client)."
EPILOG = """\
authentication:
  The token is read from --token-file PATH, else $GITLAB_TOKEN, else the profile (or
  the config file): token_file, token_command (a program that prints it, run without
  a shell) or token. It is never accepted as a command-line argument: arguments end up
  in shell history and are visible to every local user in `ps`. The token is never
  printed (not in help, errors, --verbose logs or results files).

configuration:
  --config PATH, else $GITLAB_USERS_CONFIG, else ~/.config/gitlab-users/config.toml.
  TOML keys: url, token_file, token_command, token_command_timeout, token,
  token_header, sudo, timeout, max_retries, reserve, per_page, ca_file, proxy,
  engine; at the top level (every profile) or in [profiles.NAME] tables, one per
  instance, chosen with --gitlab NAME, else $GITLAB_PROFILE, else `default = "NAME"`. A profile's url
  and token are its own (never the top level's).
  A config file holding `token` must not be readable by group/others (chmod 600); one
  with a token_command must not be writable by them.
  Precedence: flags > environment (GITLAB_URL, GITLAB_TOKEN, GITLAB_CA_FILE,
  GITLAB_USERS_ENGINE) > profile > config file top level > defaults.
  `gitlab-users config show` prints each setting and where it came from;
  `gitlab-users config import-python-gitlab` converts ~/.python-gitlab.cfg.

shell completion (pip install 'gitlab-users-client[completion]'):
  bash: eval "$(gitlab-users completion bash)"   zsh: the same with zsh
  fish: gitlab-users completion fish > ~/.config/fish/completions/gitlab-users.fish

network:
  Proxies come from --proxy, else the config file, else HTTPS_PROXY / HTTP_PROXY /
  ALL_PROXY minus NO_PROXY. The server's certificate is checked against --ca-file
  (an internal CA), else certifi or SSL_CERT_FILE / SSL_CERT_DIR. --insecure turns the
  check off and says so on every run.

exit codes:
  0 success; 1 API error, any failed/unknown bulk item, a bulk job stopped by its
  preflight or circuit breaker, or a declined delete prompt (nothing was done: a
  script's next step must not run as if it had been); 2 usage or configuration error;
  128+N stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
"""


def _list_filters(parser: argparse.ArgumentParser, *, search_flag: bool) -> None:
    _filter_group(parser, "filters", search_flag=search_flag, display=True)
    _paging_group(parser)


def _filter_group(
    parser: argparse.ArgumentParser, title: str, *, search_flag: bool, display: bool
) -> None:
    """The filters of ``GET /users`` (shared by ``list``, ``search`` and ``bulk --matching``).

    ``display`` adds ``--with-custom-attributes``, which shapes the records printed and
    selects nothing.
    """
    group = parser.add_argument_group(title)
    if search_flag:
        group.add_argument("--search", help="fuzzy match on name, username and email")
    group.add_argument("--username", help="exact username (case-insensitive)")
    group.add_argument("--public-email", metavar="EMAIL")
    group.add_argument("--extern-uid", metavar="UID", help="with --provider")
    group.add_argument("--provider")
    for switch, text in (
        ("active", "only active users"),
        ("blocked", "only blocked users"),
        ("external", "only external users"),
        ("humans", "only humans (no bots, no internal users)"),
        ("admins", "only administrators"),
        ("without-projects", "only users without projects"),
        ("without-project-bots", "leave out project and group bots"),
        ("exclude-active", "only users that are not active"),
        ("exclude-external", "only users that are not external"),
        ("exclude-humans", "only bots and internal users"),
        ("exclude-internal", "leave out internal users"),
        ("with-custom-attributes", "include custom attributes in each record"),
    ):
        if display or switch != "with-custom-attributes":
            group.add_argument(f"--{switch}", action="store_true", help=text)
    group.add_argument(
        "--created-after",
        type=datetime_arg,
        metavar="WHEN",
        help="ISO date or datetime (UTC if no zone)",
    )
    group.add_argument("--created-before", type=datetime_arg, metavar="WHEN")
    group.add_argument("--two-factor", choices=("enabled", "disabled"))
    group.add_argument(
        "--attr",
        type=key_value,
        action="append",
        metavar="KEY=VALUE",
        help="custom attribute filter (repeatable, all must match)",
    )


def _paging_group(parser: argparse.ArgumentParser) -> None:
    paging = parser.add_argument_group("order and paging")
    paging.add_argument(
        "--order-by", choices=("id", "name", "username", "created_at", "updated_at")
    )
    paging.add_argument("--sort", choices=("asc", "desc"))
    paging.add_argument("--limit", type=count, metavar="N", help="stop after N users")
    paging.add_argument("--per-page", type=positive_int, metavar="N", help="page size (max 100)")
    paging.add_argument("--pagination", choices=("auto", "offset", "keyset"), default="auto")
    paging.add_argument(
        "--concurrency",
        dest="scan_concurrency",
        type=positive_int,
        metavar="N",
        help="fetch N pages at a time (gl.users.scan): every user once, in no particular order;"
        " parallel for administrators only",
    )


def _user_commands(tree: Tree) -> None:
    tree.add("whoami", "_commands:cmd_whoami", "show the authenticated user", output=True)
    p = tree.add("list", "_commands:cmd_list", "list users (streams page by page)", output=True)
    _list_filters(p, search_flag=True)
    p = tree.add(
        "search", "_commands:cmd_list", "search users by name, username or email", output=True
    )
    p.add_argument("search", metavar="QUERY")
    _list_filters(p, search_flag=False)
    p = tree.add("get", "_commands:cmd_get", "show one user (ID or username)", output=True)
    p.add_argument("user", metavar="USER")
    p.add_argument("--with-custom-attributes", action="store_true")

    p = tree.add("create", "_commands:cmd_create", "create a user", output=True)
    for flag in ("--email", "--name", "--username"):
        p.add_argument(flag, required=True)
    secret = p.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-file",
        metavar="PATH",
        help="read the password from a file ('-' = first line of stdin); never given as an argument",
    )
    secret.add_argument("--reset-password", action="store_true", help="email the user a reset link")
    secret.add_argument(
        "--force-random-password", action="store_true", help="set a random password"
    )
    p.add_argument("--skip-confirmation", action="store_true", help="mark the email as confirmed")
    add_attr_flags(p, skip=("name", "email", "username"))

    p = tree.add(
        "update",
        "_commands:cmd_update",
        "update a user (only the given fields are sent)",
        output=True,
    )
    p.add_argument("user", metavar="USER")
    p.add_argument(
        "--password-file", metavar="PATH", help="read a new password from a file ('-' = stdin)"
    )
    p.add_argument(
        "--skip-reconfirmation", action="store_true", help="change the email without confirmation"
    )
    add_attr_flags(p)

    p = tree.add("delete", "_commands:cmd_delete", "delete a user")
    p.add_argument("user", metavar="USER")
    p.add_argument(
        "--hard-delete",
        action="store_true",
        help="also delete contributions and solely owned groups",
    )
    p.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="do not ask (required when stdin is not a terminal)",
    )

    for verb in MODERATION:
        p = tree.add(verb, "_commands:cmd_moderate", f"{verb} one or more users")
        p.add_argument("users", nargs="+", metavar="USER")


def _related_commands(tree: Tree) -> None:
    keys = tree.group("keys", "SSH keys of a user")
    p = keys.add("list", "_related:cmd_keys_list", "list SSH keys", output=True)
    p.add_argument("user", metavar="USER")
    p = keys.add("add", "_related:cmd_keys_add", "add an SSH key", output=True)
    p.add_argument("user", metavar="USER")
    p.add_argument("--title", required=True)
    p.add_argument("--key", metavar="PUBLIC_KEY", help="the public key text")
    p.add_argument("--key-file", metavar="PATH", help="read the public key from a file")
    p.add_argument("--expires-at", type=datetime_arg, metavar="WHEN")
    p.add_argument("--usage-type", choices=("auth", "signing", "auth_and_signing"))
    p = keys.add("delete", "_related:cmd_keys_delete", "delete an SSH key")
    p.add_argument("user", metavar="USER")
    p.add_argument("key_id", type=positive_int, metavar="KEY_ID")

    emails = tree.group("emails", "secondary emails of a user")
    p = emails.add("list", "_related:cmd_emails_list", "list emails", output=True)
    p.add_argument("user", metavar="USER")
    p = emails.add("add", "_related:cmd_emails_add", "add an email", output=True)
    p.add_argument("user", metavar="USER")
    p.add_argument("email", metavar="EMAIL")
    p.add_argument("--skip-confirmation", action="store_true")
    p = emails.add("delete", "_related:cmd_emails_delete", "delete an email (ID or address)")
    p.add_argument("user", metavar="USER")
    p.add_argument("email", metavar="EMAIL_ID")

    tokens = tree.group("tokens", "personal access and impersonation tokens")
    p = tokens.add(
        "list",
        "_tokens:cmd_tokens_list",
        "list tokens, never their values (an administrator sees every user's; others their own)",
        output=True,
    )
    _token_list_options(p)
    p = tokens.add(
        "create",
        "_tokens:cmd_tokens_create",
        "create a token; its value goes to --token-file (mode 0600) and/or stdout with --show-token",
        output=True,
        token_file=False,
    )
    p.add_argument("user", metavar="USER")
    p.add_argument("--name", required=True)
    p.add_argument("--scopes", required=True, metavar="A,B", help="e.g. api,read_user")
    p.add_argument("--expires-at", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--description")
    p.add_argument(
        "--token-file",
        dest="token_out",
        metavar="PATH",
        help="write the new token here (created with mode 0600, never overwritten); put the auth --token-file before the command",
    )
    p.add_argument("--show-token", action="store_true", help="print the new token once, to stdout")
    p = tokens.add(
        "revoke",
        "_tokens:cmd_tokens_revoke",
        "revoke tokens of a user (personal access or impersonation)",
    )
    p.add_argument("user", metavar="USER", help="the tokens' owner (checked before revoking)")
    p.add_argument("token_ids", type=positive_int, nargs="+", metavar="TOKEN_ID")
    p = tokens.add(
        "rotate",
        "_tokens:cmd_tokens_rotate",
        "rotate a token of a user: the old one is revoked, the new value goes to --token-file "
        "(mode 0600) and/or stdout with --show-token",
        output=True,
        token_file=False,
    )
    p.add_argument("user", metavar="USER", help="the token's owner (checked before rotating)")
    p.add_argument("token_id", type=positive_int, metavar="TOKEN_ID")
    p.add_argument(
        "--expires-at",
        type=date_arg,
        required=True,
        metavar="YYYY-MM-DD",
        help="when the new token expires",
    )
    p.add_argument(
        "--token-file",
        dest="token_out",
        metavar="PATH",
        help="write the new token here (created with mode 0600, never overwritten); put the "
        "auth --token-file before the command",
    )
    p.add_argument("--show-token", action="store_true", help="print the new token once, to stdout")

    attrs = tree.group("attrs", "custom attributes of a user")
    p = attrs.add("list", "_related:cmd_attrs_list", "list custom attributes", output=True)
    p.add_argument("user", metavar="USER")
    for name, handler, extra in (
        ("get", "_related:cmd_attrs_get", ()),
        ("set", "_related:cmd_attrs_set", ("value",)),
        ("delete", "_related:cmd_attrs_delete", ()),
    ):
        p = attrs.add(name, handler, f"{name} a custom attribute", output=name != "delete")
        p.add_argument("user", metavar="USER")
        p.add_argument("key", metavar="KEY")
        for positional in extra:
            p.add_argument(positional, metavar=positional.upper())


TOKEN_SORTS = (
    "created_asc",
    "created_desc",
    "expires_asc",
    "expires_desc",
    "last_used_asc",
    "last_used_desc",
    "name_asc",
    "name_desc",
    "id_asc",
    "id_desc",
    "updated_asc",
    "updated_desc",
)


def _token_list_options(p: argparse.ArgumentParser) -> None:
    """``tokens list``: the filters of ``GET /personal_access_tokens``."""
    p.add_argument(
        "user", nargs="?", metavar="USER", help="only this user's tokens (ID or username)"
    )
    group = p.add_argument_group("filters")
    group.add_argument(
        "--user", dest="user_option", metavar="USER", help="only this user's tokens (same as USER)"
    )
    group.add_argument(
        "--state",
        choices=("active", "inactive", "all"),
        help="active: not revoked and not expired; inactive: revoked or expired (default: all)",
    )
    group.add_argument(
        "--revoked",
        action=argparse.BooleanOptionalAction,
        help="only revoked tokens (--no-revoked: only tokens not revoked)",
    )
    for name, kind, metavar, text in (
        ("expires-before", date_arg, "DATE", "expiring before this day (YYYY-MM-DD)"),
        ("expires-after", date_arg, "DATE", "expiring on or after this day"),
        ("last-used-before", datetime_arg, "WHEN", "last used at or before (never used: left out)"),
        ("last-used-after", datetime_arg, "WHEN", "last used at or after"),
        ("created-before", datetime_arg, "WHEN", "created at or before (ISO date or datetime)"),
        ("created-after", datetime_arg, "WHEN", "created at or after"),
    ):
        group.add_argument(f"--{name}", type=kind, metavar=metavar, help=text)
    group.add_argument("--search", metavar="TEXT", help="name contains TEXT")
    paging = p.add_argument_group("order and paging")
    paging.add_argument("--sort", choices=TOKEN_SORTS, help="default: by ID")
    paging.add_argument("--limit", type=count, metavar="N", help="stop after N tokens")
    paging.add_argument("--per-page", type=positive_int, metavar="N", help="page size (max 100)")


BULK_EPILOG = """\
input (detected from the first line, or --format; UTF-8 text, else refused):
  lines  one user ID or username per line; blank lines and # comments are skipped
  csv    a header with an id and/or username column (required: a first line with a
         comma but neither column is refused); for update, the other columns are
         the attributes to set (empty cells are not sent), e.g.  id,note,external.
         A record spanning lines (an unclosed quote) is refused: --allow-multiline
         if cells really hold line breaks
  jsonl  one object per line: {"id": 42, "note": "x"} or {"username": "bob"}; a bad
         line (invalid JSON, true, null...) fails on its own
When a row has both an id and a username, GitLab is asked who that id is before
anything changes: if the username differs, the item fails and nothing is sent.
A user named twice (same id, same username, or an id and a username of one user)
is acted on once; the repeats are skipped and listed. Two rows for one user with
other values refuse the job before any change. set-attr takes --key/--value, or
key/value fields per item. Before the first change, GET /user checks the token (an
administrator's is needed); ban, block, deactivate, delete and reject leave the
token's own user out.

--matching (instead of an input):
  The users are those `gitlab-users list` would print with the same filters,
  e.g.  gitlab-users bulk block --matching --created-before 2020-01-01 --active
  They are found with the parallel scan while the actions run (--scan-concurrency
  pages at a time, default 4; --concurrency still bounds the actions), so a job
  that removes users from its own filter (block --active, delete) finds each
  matching user exactly once. At least one filter is required; --all-users acts
  on every user. update is refused (its fields come from input rows); set-attr
  needs --key and --value. delete: without --yes, on a terminal, every match is
  found first, then the prompt says how many; off a terminal --yes is required.
  --dry-run prints each match and what would be done. Results rows have an empty
  line and the user ID as input.

tokens (revoke-tokens, rotate-tokens):
  An item is a user; every active token of it (personal access and impersonation
  tokens; --token-expires-before DATE: only those expiring before it) is revoked, or
  rotated to a new one expiring --expires-at DATE. The token the job runs with is left
  alone. New values go to --secrets-out PATH only (mode 0600, one row per token, synced
  before the item counts as done), never to stdout or --results. The results rows list
  each item's token IDs, so that --resume never rotates a token twice.

outcomes (--results, summary line on stderr):
  ok, failed, unknown (a write that may have been applied: 5xx or lost connection,
  or in flight when the job stopped), skipped (--dry-run, a repeat, the token's own
  user), not_attempted (the job stopped first). --results never overwrites a file
  unless --force. Exit code 1 when any item failed or is unknown, when the breaker
  stopped the job, or when the delete prompt was declined.

the journal and --resume:
  --results is written as the job goes (a row before each request, one when the
  item ends; synced every 2 s) and holds every finished item after any exit, kill -9
  included. Run the same command with --resume to continue: items recorded ok or
  skipped are not sent again, unknown ones are checked against GitLab first, the
  rest are done; another job's journal is refused.

signals and fail fast:
  SIGINT, SIGTERM and SIGHUP start no new item, give requests in flight --grace
  seconds, print the summary and exit 128+N (130, 143, 129); a second signal stops
  at once. --breaker N consecutive failures of one systemic kind (401, 403 on the
  token, connection errors, 5xx) stop the job; fix the cause, then --resume.

progress (stderr): done/total, each outcome, rate and ETA; a bar on a terminal
  (never wider than it), otherwise a `progress: ...` line every --heartbeat
  seconds; --no-progress: none. With --matching the total is what the scan has
  found so far and the ETA reads `ETA unknown: still scanning, N found so far`.
"""


def _bulk_command(tree: Tree) -> None:
    p = tree.add(
        "bulk",
        "_bulk:cmd_bulk",
        "apply one action to many users (file, stdin, or --matching filters)",
    )
    p.epilog = BULK_EPILOG
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("action", choices=tuple(BULK), metavar="ACTION", help=", ".join(BULK))
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "-f",
        "--file",
        metavar="PATH",
        help="input file ('-' or omitted = stdin): one ID/username per line, CSV with an id/username header, or JSON lines",
    )
    source.add_argument(
        "--matching",
        action="store_true",
        help="act on every user the filters below select (found with the parallel scan)",
    )
    p.add_argument(
        "--format",
        choices=("auto", "lines", "csv", "jsonl"),
        default="auto",
        help="input format (default: detected)",
    )
    p.add_argument(
        "-c",
        "--concurrency",
        type=positive_int,
        default=8,
        metavar="N",
        help="requests in flight (default 8)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="resolve and validate every item, print what would be done, change nothing",
    )
    _bulk_job_options(p)
    p.add_argument("--key", help="set-attr: attribute key (or a 'key' input field)")
    p.add_argument("--value", help="set-attr: attribute value (or a 'value' input field)")
    p.add_argument("--hard-delete", action="store_true", help="delete: also delete contributions")
    p.add_argument("-y", "--yes", action="store_true", help="delete: do not ask")
    tokens = p.add_argument_group("revoke-tokens and rotate-tokens")
    tokens.add_argument(
        "--token-expires-before",
        type=date_arg,
        metavar="DATE",
        help="only the tokens expiring before this day (default: every active token)",
    )
    tokens.add_argument(
        "--expires-at",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="rotate-tokens (required): when the new tokens expire",
    )
    tokens.add_argument(
        "--secrets-out",
        metavar="PATH",
        help="rotate-tokens (required unless --dry-run): where the new token values go, one "
        "row per token (.jsonl or .csv; created with mode 0600, never overwritten; --resume "
        "appends)",
    )
    _bulk_matching_options(p)


def _bulk_job_options(p: argparse.ArgumentParser) -> None:
    """How a bulk job runs: progress, its journal (resume), when it stops."""
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a progress bar on stderr (default: a bar on a terminal, else heartbeat lines)",
    )
    p.add_argument(
        "--heartbeat",
        type=seconds,
        default=10.0,
        metavar="SECONDS",
        help="when stderr is not a terminal: one progress line every SECONDS (default 10)",
    )
    p.add_argument(
        "--allow-multiline",
        action="store_true",
        help="CSV input: accept cells with line breaks (refused by default: an unclosed quote "
        "would swallow the rows after it)",
    )
    p.add_argument(
        "--results",
        metavar="PATH",
        help="the job's journal: every item's outcome, written as it finishes (.csv or .jsonl)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing --results file")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue the job whose journal is --results PATH (same command and input): "
        "items recorded ok or skipped are not sent again, unknown ones are checked first",
    )
    p.add_argument(
        "--breaker",
        type=count,
        default=DEFAULT_THRESHOLD,
        metavar="N",
        help="stop starting items after N consecutive failures of one systemic kind (401, "
        f"403 on the token, connection errors, 5xx); 0: never (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--grace",
        type=seconds,
        default=DEFAULT_GRACE,
        metavar="SECONDS",
        help="after SIGINT/SIGTERM/SIGHUP: how long requests in flight may finish (default "
        f"{DEFAULT_GRACE:g}); a second signal stops at once",
    )


def _bulk_matching_options(p: argparse.ArgumentParser) -> None:
    """``--matching``: the filters that select the users, and how they are found."""
    _filter_group(p, "filters (with --matching)", search_flag=True, display=False)
    p.add_argument(
        "--all-users",
        action="store_true",
        help="with --matching and no filter: really act on every user of the instance",
    )
    p.add_argument(
        "--scan-concurrency",
        type=positive_int,
        metavar="N",
        help="with --matching: pages of users fetched at a time while selecting (default 4);"
        " separate from --concurrency, which bounds the actions in flight",
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole ``gitlab-users`` parser."""
    parser = Parser(
        prog="gitlab-users",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"gitlab-users {__version__}")
    add_global_options(parser, sub=False)
    subparsers = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
    tree = Tree(subparsers)
    _user_commands(tree)
    _related_commands(tree)
    _bulk_command(tree)
    add_config_commands(tree)
    add_completion_command(subparsers)
    return parser
