#!/usr/bin/env bash
# Builds Abseil with ThreadSanitizer for the tsan lane of .ci/run and installs
# it under PREFIX (static libraries and CMake config): Debian's libabsl is not
# instrumented, so TSan cannot see absl::Mutex, absl::CondVar and
# absl::Notification synchronize (they wait on futexes in uninstrumented
# code) and would report every access they guard as a race. The source is
# Debian's own source package of the installed libabsl-dev version, with
# Debian's patches (they fix the ABI options in absl/base/options.h), so the
# headers match the ones every other build uses.
#
#   .ci/build_tsan_abseil.sh build-tsan/abseil
#
# Needs only Debian's mirror: the deb-src lines live in a private apt
# configuration under PREFIX, the system's apt sources are not touched.
# Does nothing when PREFIX already holds this version. Compiles through
# ccache when there is one.
set -euo pipefail
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
version=$(dpkg-query -W -f='${Version}' libabsl-dev)
if [[ -f "$prefix/.version" && $(cat "$prefix/.version") == "$version" ]]; then
  exit 0
fi

work="$prefix.work"
rm -rf "$prefix" "$work"
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
# Debian's mirrors as the system's apt sources name them (deb822 or one-line).
mirror=$(grep -rhoE '^[^#]*https?://[^ ]*/debian/?( |$)' /etc/apt/sources.list \
  /etc/apt/sources.list.d/ 2>/dev/null | grep -oE 'https?://[^ ]*' |
  head -n 1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
mirror=${mirror%/}
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
cat >"$work/apt/sources.list" <<EOF
deb-src $mirror $codename main
deb-src $mirror $codename-updates main
deb-src ${mirror}-security $codename-security main
EOF
apt_options=(-o "Dir::Etc::SourceList=$work/apt/sources.list"
  -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/apt/lists"
  -o "Dir::Cache=$work/apt/cache" -o APT::Sandbox::User=root)
echo "build_tsan_abseil: fetching Debian's source of abseil $version"
apt-get "${apt_options[@]}" -q update >"$work/apt-update.log" 2>&1 || {
  cat "$work/apt-update.log" >&2
  exit 1
}
(cd "$work" && apt-get "${apt_options[@]}" -q --download-only \
  source "abseil=$version" >apt-source.log 2>&1) || {
  cat "$work/apt-source.log" >&2
  exit 1
}
# Extracted with Debian's patches applied; apt verified the files' hashes
# against the signed index.
dpkg-source --no-check -x "$work"/abseil_*.dsc "$work/src" >/dev/null

echo "build_tsan_abseil: building it with -fsanitize=thread"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$work/src" -B "$work/build" "${launcher[@]}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_STANDARD=17 \
  -DABSL_PROPAGATE_CXX_STD=ON -DBUILD_TESTING=OFF -DBUILD_SHARED_LIBS=OFF \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_INSTALL_PREFIX="$prefix" >"$work/configure.log" 2>&1 || {
  cat "$work/configure.log" >&2
  exit 1
}
cmake --build "$work/build" -j "$(nproc)" >"$work/build.log" 2>&1 || {
  tail -n 60 "$work/build.log" >&2
  exit 1
}
cmake --install "$work/build" >/dev/null
echo "$version" >"$prefix/.version"
rm -rf "$work"
