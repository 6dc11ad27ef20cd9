"""``python -m gitlab_users_client.cli``: the same as the ``gitlab-users`` command."""

import sys

from . import main

sys.exit(main())
