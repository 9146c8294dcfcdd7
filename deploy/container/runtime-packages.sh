#!/usr/bin/env bash
# Prints, one per line, the Debian packages that own the shared libraries the
# given executables load, so the runtime image installs exactly those.
#
#   runtime-packages.sh /out/bin/identityd /out/bin/identityctl
#
# Fails when a library belongs to no package: the runtime image would then
# miss it.
set -euo pipefail

owner_of() {
  # Debian 12 registers some libraries under /lib, others under /usr/lib;
  # ldd may print either spelling.
  local stripped=${1#/usr}
  dpkg-query -S "$stripped" 2>/dev/null || dpkg-query -S "/usr$stripped" 2>/dev/null
}

mapfile -t libraries < <(ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// {print $3}
                                      $1 ~ /^\// && $1 !~ /:$/ {print $1}' |
  sort -u)
for library in "${libraries[@]}"; do
  line=$(owner_of "$library") || {
    echo "runtime-packages.sh: no package owns $library" >&2
    exit 1
  }
  # "libpq5:amd64: /usr/lib/..." -> libpq5 (first owner line only)
  line=${line%%$'\n'*}
  printf '%s\n' "${line%%:*}"
done | sort -u
