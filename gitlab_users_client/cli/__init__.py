"""The gitlab-users command line."""

import sys


def main() -> int:
    print("gitlab-users: under construction", file=sys.stderr)
    return 2
