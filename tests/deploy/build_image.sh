#!/usr/bin/env bash
# The image lane: builds deploy/container/Containerfile for real, with no
# registry (a bookworm base made by debootstrap from Debian's mirror and
# imported into podman), lints it, then proves the image runs: identityd and
# identityctl start as user 65532 on a read-only copy of the image's root
# filesystem with only /tmp writable, as in Kubernetes, and identityd serves
# (migrating and bootstrapping a throw-away PostgreSQL) and stops cleanly on
# SIGTERM. Prints timings and the image size; exits non-zero on any failure.
#
#   tests/deploy/build_image.sh
#
# Environment (optional):
#   IDENTITY_IMAGE              name to tag (default localhost/identity:<commit>)
#   IDENTITY_IMAGE_CACHE        cache of the debootstrap rootfs
#                               (default /var/cache/identity-image)
#   IDENTITY_IMAGE_REFRESH_BASE=1  debootstrap the base again
#   IDENTITYD_PATH, IDENTITYCTL_PATH  the binaries' paths under build/
set -euo pipefail

started=$SECONDS
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

# The binaries' paths under the CMake build directory. After main's
# restructuring these become identityd/identityd and client/identityctl.
IDENTITYD_PATH=${IDENTITYD_PATH:-identityd/identityd}
IDENTITYCTL_PATH=${IDENTITYCTL_PATH:-client/identityctl}

cache_dir=${IDENTITY_IMAGE_CACHE:-/var/cache/identity-image}
base_name=localhost/identity-base
# The recipe's version is in the tag and the cached file's name: changing
# how the base is made below must bump it, or the old base stays in use.
base_tag=bookworm-slim1
base_image=$base_name:$base_tag
base_tar=$cache_dir/$base_tag.tar
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo dev)
image=${IDENTITY_IMAGE:-localhost/identity:$commit}

say() { printf 'build_image.sh: %s\n' "$*"; }
elapsed() {
  local seconds=$((SECONDS - ${1:-$started}))
  printf '%dm%02ds' $((seconds / 60)) $((seconds % 60))
}

if [[ $(id -u) -ne 0 ]]; then
  # debootstrap, chroot and mounts need root; rootless podman is not set up.
  echo "build_image.sh: run as root" >&2
  exit 1
fi
deploy/local/install-packages.sh podman buildah debootstrap shellcheck \
  postgresql-15
tests/deploy/install_node_modules.sh

# --- Lint ----------------------------------------------------------------------
step=$SECONDS
say "linting the Containerfile (dockerfilelint) and shell scripts (shellcheck)"
shellcheck deploy/container/*.sh tests/deploy/*.sh
tests/deploy/node_modules/.bin/dockerfilelint deploy/container/Containerfile
say "lint passed in $(elapsed "$step")"

# --- Base image: debootstrap from Debian's mirror, cached --------------------
# The mirror the host uses (deb822 "URIs:" or one-line "deb" format), so the
# lane works wherever apt-get works.
debian_mirror() {
  local suite_pattern=$1 files=()
  shopt -s nullglob
  files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list
    /etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  [[ -e "${files[0]}" ]] || files=("${files[@]:1}")
  awk -v suite="$suite_pattern" '
      /^deb / && $0 ~ suite { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }
      /^URIs:/ { uri = $2 }
      /^Suites:/ && $0 ~ suite && uri != "" { print uri; exit }' "${files[@]}"
}

step=$SECONDS
if [[ "${IDENTITY_IMAGE_REFRESH_BASE:-0}" == 1 ]]; then
  rm -f "$base_tar"
  podman rmi -f "$base_image" >/dev/null 2>&1 || true
fi
if [[ ! -s "$base_tar" ]]; then
  mirror=$(debian_mirror ' bookworm( |$)')
  security=$(debian_mirror 'bookworm-security')
  [[ -n "$mirror" ]] || { echo "build_image.sh: no bookworm mirror in /etc/apt" >&2; exit 1; }
  say "debootstrap --variant=minbase bookworm from $mirror"
  mkdir -p "$cache_dir"
  rootfs=$(mktemp -d "$cache_dir/rootfs-XXXXXX")
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" \
    >"$cache_dir/debootstrap.log" 2>&1 || {
    tail -20 "$cache_dir/debootstrap.log" >&2
    exit 1
  }
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [[ -z "$security" ]] || echo "deb $security bookworm-security main"
  } >"$rootfs/etc/apt/sources.list"
  # Like Debian's -slim images: no manuals, no translations, and dpkg told
  # to leave them out of every package installed later. Copyright files stay.
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/identity-slim" <<'SLIM'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
SLIM
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
    "$rootfs"/usr/share/lintian/*
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias \
    -exec rm -rf {} +
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" --numeric-owner -cf "$base_tar.partial" .
  mv "$base_tar.partial" "$base_tar"
  rm -rf "$rootfs"
  trap - EXIT
fi
if ! podman image exists "$base_image"; then
  say "importing $base_tar as $base_image"
  podman import --change 'CMD ["/bin/bash"]' "$base_tar" "$base_image" >/dev/null
fi
say "base image ready in $(elapsed "$step")"

# --- Build -------------------------------------------------------------------
# A clean context: tracked and new files only, so build/, .local/ and
# node_modules/ never reach the image; and without tests/, the manifests,
# docs, CI and the Containerfile itself (BUILD_TESTING=OFF needs none of
# them; podman reads the Containerfile from -f), so editing those
# reuses every cached layer instead of recompiling.
step=$SECONDS
context=$(mktemp -d "${TMPDIR:-/tmp}/identity-image-context-XXXXXX")
trap 'rm -rf "$context"' EXIT
git ls-files -z --cached --others --exclude-standard -- . \
  ':!:tests/' ':!:deploy/k8s/' ':!:deploy/local/' ':!:docs/' ':!:.ci/' \
  ':!:*.md' ':!:deploy/container/Containerfile' |
  xargs -0 -I{} find {} -maxdepth 0 -type f -print0 2>/dev/null |
  tar --null -T - -cf - | tar -C "$context" -xf -
# The Envoy API protos' npm package, which the build stage (no npm there)
# unpacks at configure time (proto/envoy/fetch_envoy_api.sh).
mkdir "$context/.envoy-api"
(cd "$context/.envoy-api" && npm pack --silent \
  "@grpc/grpc-js-xds@$("$root/proto/envoy/fetch_envoy_api.sh" --version)" \
  >/dev/null)

say "building $image (podman build --isolation=chroot)"
podman build --isolation=chroot --layers \
  --build-arg "BASE_IMAGE=$base_name" --build-arg "BASE_TAG=$base_tag" \
  --build-arg "IDENTITYD_PATH=$IDENTITYD_PATH" \
  --build-arg "IDENTITYCTL_PATH=$IDENTITYCTL_PATH" \
  --build-arg "BUILD_JOBS=${BUILD_JOBS:-2}" \
  -f "$root/deploy/container/Containerfile" -t "$image" "$context"
say "image built in $(elapsed "$step")"

# --- Smoke test: read-only root, numeric user, only /tmp writable -----------
# `podman run` does not work on this machine; mount the image instead and
# run its binaries in a chroot set up as the Deployment runs them.
step=$SECONDS
container=$(buildah from --pull-never "$image")
image_root=$(buildah mount "$container")
ro_root=$(mktemp -d "${TMPDIR:-/tmp}/identity-image-ro-XXXXXX")
pg_dir=
identityd_pid=
cleanup() {
  [[ -z "$identityd_pid" ]] || kill -KILL "$identityd_pid" 2>/dev/null || true
  if [[ -n "$pg_dir" ]]; then
    run_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  for target in "$ro_root/dev" "$ro_root/proc" "$ro_root/tmp" "$ro_root"; do
    mountpoint -q "$target" && umount "$target"
  done
  rmdir "$ro_root" 2>/dev/null || true
  buildah umount "$container" >/dev/null 2>&1 || true
  buildah rm "$container" >/dev/null 2>&1 || true
  rm -rf "$context"
}
trap cleanup EXIT
mount --bind "$image_root" "$ro_root"
mount -o remount,bind,ro "$ro_root"
mount -t tmpfs -o size=16m,mode=1777 tmpfs "$ro_root/tmp"
mount --bind /dev "$ro_root/dev"
mount -t proc proc "$ro_root/proc"

in_image() { chroot --userspec=65532:65532 "$ro_root" env -i TMPDIR=/tmp "$@"; }
# The harness itself must be what it claims: / read-only, /tmp writable.
if in_image /bin/sh -c ': >/written-by-smoke-test' 2>/dev/null; then
  echo "build_image.sh: the image root is writable in the smoke test" >&2
  exit 1
fi
in_image /bin/sh -c ': >/tmp/written-by-smoke-test'
user=$(buildah inspect --format '{{.OCIv1.Config.User}}' "$image")
[[ "$user" == 65532:65532 ]] || { echo "build_image.sh: image user is '$user'" >&2; exit 1; }
# A missing library exits 127 before main; the version line is identityd's.
say "identityd --version"
output=$(in_image /usr/local/bin/identityd --version 2>&1)
printf '%s\n' "$output"
grep -q '^identityd [0-9]' <<<"$output" || { echo "build_image.sh: identityd did not run" >&2; exit 1; }
say "identityd --generate_key (CSPRNG inside the image)"
key=$(in_image /usr/local/bin/identityd --generate_key)
[[ -n "$key" ]]
say "identityctl --help"
output=$(in_image /usr/local/bin/identityctl --help 2>&1) || true
printf '%s\n' "$output" | head -5
grep -q identityctl <<<"$output" || { echo "build_image.sh: identityctl did not run" >&2; exit 1; }

# identityd serving from the image: migrations, bootstrap and a call through
# identityctl, then SIGTERM. A write outside /tmp, or a library or user
# lookup missing from the image, fails here and not in a cluster.
pg_bin=/usr/lib/postgresql/15/bin
run_as_postgres() { (cd / && runuser -u postgres -- "$@"); }
free_port() {
  local port
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  return 1
}
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/identity-image-pg-XXXXXX")
chmod 755 "$pg_dir"
chown postgres: "$pg_dir"
pg_port=$(free_port)
run_as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust \
  --no-sync >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; exit 1; }
run_as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off" \
  start >/dev/null || { cat "$pg_dir/postgres.log" >&2; exit 1; }

grpc_port=$(free_port)
say "identityd serving on 127.0.0.1:$grpc_port from the read-only image"
chroot --userspec=65532:65532 "$ro_root" env -i TMPDIR=/tmp \
  IDENTITY_LISTEN="127.0.0.1:$grpc_port" \
  IDENTITY_DATABASE_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres" \
  IDENTITY_BOOTSTRAP_ADMIN_KEY="$key" \
  /usr/local/bin/identityd --shutdown_grace_seconds=5 >"$pg_dir/identityd.log" 2>&1 &
identityd_pid=$!
info=
for _ in $(seq 1 60); do
  if info=$(in_image IDENTITY_ACCESS_KEY="$key" /usr/local/bin/identityctl \
    --endpoint "127.0.0.1:$grpc_port" user info 2>&1); then
    break
  fi
  kill -0 "$identityd_pid" 2>/dev/null || break
  sleep 0.5
done
if ! grep -q '"admin"' <<<"$info"; then
  echo "build_image.sh: identityctl user info failed: $info" >&2
  cat "$pg_dir/identityd.log" >&2
  exit 1
fi
say "identityctl user info: the bootstrap admin answered"
kill -TERM "$identityd_pid"
status=0
wait "$identityd_pid" || status=$?
identityd_pid=
cat "$pg_dir/identityd.log"
[[ $status -eq 0 ]] || { echo "build_image.sh: identityd exited $status on SIGTERM" >&2; exit 1; }
say "smoke test passed in $(elapsed "$step")"

size=$(podman image inspect --format '{{.Size}}' "$image")
say "image $image: $((size / 1024 / 1024)) MiB ($size bytes)"
say "lane finished in $(elapsed)"
