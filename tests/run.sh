#!/usr/bin/env bash
# Builds everything and runs every test: installs missing Debian packages,
# checks formatting, configures and builds into build/, starts one private
# PostgreSQL for the whole run and runs ctest against it. Exits non-zero if
# anything fails.
#
#   tests/run.sh
#
# Environment (optional):
#   IDENTITY_TEST_DATABASE_URL  maintenance database of a PostgreSQL server
#                               to use instead of starting one, e.g.
#                               postgresql://postgres@127.0.0.1:5432/postgres
#   IDENTITY_TEST_SHARED_POSTGRES=0  no server for the run: each test binary
#                               starts its own (tests/harness)
#   CTEST_PARALLEL_LEVEL        test binaries run at once (default: cores)
#   IDENTITY_TEST_IMAGE=0       skip building the container image
set -euo pipefail

started=$SECONDS
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_dir="$root/build"
jobs=$(nproc)

say() { printf 'tests/run.sh: %s\n' "$*"; }
elapsed() {
  local seconds=$((SECONDS - started))
  printf '%dm%02ds' $((seconds / 60)) $((seconds % 60))
}

# npm fetches the Envoy API protos (proto/envoy/); a Node.js that ships its
# own npm (NodeSource's nodejs) conflicts with Debian's npm package.
npm_package=()
command -v npm >/dev/null || npm_package=(npm)
deploy/local/install-packages.sh \
  build-essential cmake ccache pkg-config protobuf-compiler \
  protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev libpqxx-dev libpq-dev \
  libabsl-dev libssl-dev libgtest-dev libgmock-dev libbenchmark-dev \
  prometheus-cpp-dev prometheus grpc-proto openssl \
  postgresql-15 clang-format git golang-github-gogo-googleapis-dev \
  python3-yaml python3-protobuf "${npm_package[@]}"

# --- Formatting (reported now, fails the run at the end) ---------------------
failures=()
say "checking formatting (clang-format --dry-run -Werror)"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -d '' sources < <(git -C "$root" ls-files -z -- '*.h' '*.cc')
else
  mapfile -d '' sources < <(find . -path ./build\* -prune -o \
    -path ./.local -prune -o \( -name '*.h' -o -name '*.cc' \) -print0)
fi
if ! clang-format --dry-run -Werror "${sources[@]}"; then
  failures+=("formatting: run clang-format -i on the files above")
fi

# --- Deployment manifests, validated offline ---------------------------------
say "validating deploy/k8s (tests/deploy/validate_manifests.sh)"
if ! tests/deploy/validate_manifests.sh; then
  failures+=("deploy manifests: see the output above")
fi

# --- Build -------------------------------------------------------------------
# Paths relative to the checkout, so that every clone (CI's included) shares
# the machine's compiler cache.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
say "configuring and building in $build_dir ($jobs jobs)"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUILD_TESTING=ON
cmake --build "$build_dir" -j "$jobs"
say "built in $(elapsed)"

# --- One PostgreSQL for the whole run ----------------------------------------
# Test binaries create their own databases on it (tests/harness); tests that
# stop a server start servers of their own.
# shellcheck source=tests/private_postgres.sh
source "$root/tests/private_postgres.sh"
trap private_postgres_stop EXIT
trap 'private_postgres_stop; exit 130' INT
trap 'private_postgres_stop; exit 143' TERM

if [[ -n "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
  say "using the PostgreSQL server of IDENTITY_TEST_DATABASE_URL"
elif [[ "${IDENTITY_TEST_SHARED_POSTGRES:-1}" != 0 ]]; then
  private_postgres_start identity-tests -c max_connections=400 \
    -c shared_buffers=128MB || {
    say "could not start PostgreSQL"
    exit 1
  }
  export IDENTITY_TEST_DATABASE_URL=$private_postgres_url
  say "PostgreSQL for the run on ${private_postgres_url#*@}"
fi

# --- Tests -------------------------------------------------------------------
say "running ctest"
if ! ctest --test-dir "$build_dir" --output-on-failure \
  -j "${CTEST_PARALLEL_LEVEL:-$jobs}"; then
  failures+=("tests: see the output above")
fi

# --- Client suites: Python, Go, Node and buf against a real identityd ---------
# Uses the PostgreSQL of the run (IDENTITY_TEST_DATABASE_URL) when there is one.
say "running the client suites (tests/clients/run.sh)"
if ! IDENTITYD="$build_dir/identityd/identityd" "$root/tests/clients/run.sh"; then
  failures+=("client suites: see the output above")
fi

# --- The container image: built with podman, run read-only -----------------
# IDENTITY_TEST_IMAGE=0 skips it (it needs root and a few minutes).
if [[ "${IDENTITY_TEST_IMAGE:-1}" != 0 ]]; then
  say "building and checking the container image (tests/deploy/build_image.sh)"
  if ! tests/deploy/build_image.sh; then
    failures+=("container image: see the output above")
  fi
fi

# --- Benchmark smoke run -------------------------------------------
# A few seconds of every benchmark step against its own durable PostgreSQL:
# fails only when a step breaks, never on speed.
say "running bench/run.sh --smoke"
if ! bench/run.sh --smoke --build-dir "$build_dir"; then
  failures+=("benchmark smoke run: see the output above")
fi

say "finished in $(elapsed)"
if [[ ${#failures[@]} -gt 0 ]]; then
  printf 'tests/run.sh: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
say "all passed"
