#!/usr/bin/env bash
# Sets up benchmarks/.venv-bench (once, and again when the pins change) and runs bench.py.
#   bash benchmarks/run.sh [--quick] [--scenario NAME[,NAME]] [--client NAME[,NAME]] [--runs N]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$HERE/.venv-bench"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"  # requirements.txt installs the SDK as "-e ."

test -x "$VENV/bin/python" || "$PYTHON" -m venv "$VENV"
want="$(cat "$HERE/requirements.txt" requirements/constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
have="$(cat "$VENV/.stamp" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    echo "run.sh: installing benchmarks/requirements.txt into $VENV"
    log="$VENV/pip-install.log"
    if ! "$VENV/bin/pip" install --disable-pip-version-check -r "$HERE/requirements.txt" >"$log" 2>&1; then
        tail -n 30 "$log"
        echo "run.sh: pip install failed (full log: $log)" >&2
        exit 1
    fi
    echo "$want" >"$VENV/.stamp"
fi
# The default client reads proxy variables, as httpx does: the local server is reached
# directly whatever this machine's environment says.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}" no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
exec "$VENV/bin/python" "$HERE/bench.py" "$@"
