#!/usr/bin/env bash
# The Python client's suite: installs client/python into a fresh venv the way
# a user would (offline, Debian's packages only) and runs its pytest suite
# (unit and live) against the installed package.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
venv="${IDENTITY_CLIENTS_WORK_DIR:?}/python-venv"

# --system-site-packages: grpcio, protobuf and pytest come from Debian.
/usr/bin/python3 -m venv --system-site-packages "$venv"
"$venv/bin/pip" install --quiet --no-build-isolation --no-deps --no-index \
  "$root/client/python"
# The suite must test the installed package, not client/python's sources.
cd "$root"
installed=$("$venv/bin/python" -c 'import identity_client; print(identity_client.__file__)')
[[ "$installed" == "$venv"/* ]] || {
  echo "python.sh: identity_client comes from $installed, not the venv" >&2
  exit 1
}
"$venv/bin/python" -m pytest -p no:cacheprovider -rfExX client/python/tests
