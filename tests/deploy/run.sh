#!/usr/bin/env bash
# The deployment checks: the manifest validation (offline, under a minute or
# two) and the image lane (builds and smoke-tests the container image; needs
# root). Each installs what it needs. Prints each lane's time and the image
# size; exits non-zero if either fails.
#
#   tests/deploy/run.sh
#
# Environment (optional):
#   IDENTITY_DEPLOY_LANES  lanes to run, default "manifests image"
#   and those of build_image.sh (IDENTITY_IMAGE, IDENTITYD_PATH, ...).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
started=$SECONDS

declare -A scripts=([manifests]=validate_manifests.sh [image]=build_image.sh)
results=()
failed=0
for lane in ${IDENTITY_DEPLOY_LANES:-manifests image}; do
  script=${scripts[$lane]:-}
  if [[ -z "$script" ]]; then
    echo "tests/deploy/run.sh: unknown lane '$lane'" >&2
    exit 2
  fi
  echo "tests/deploy/run.sh: --- lane $lane ($script) ---"
  lane_started=$SECONDS
  status=0
  "$here/$script" || status=$?
  seconds=$((SECONDS - lane_started))
  if [[ $status -eq 0 ]]; then
    results+=("$(printf '%-10s passed in %dm%02ds' "$lane" $((seconds / 60)) $((seconds % 60)))")
  else
    failed=1
    results+=("$(printf '%-10s FAILED (exit %d) after %dm%02ds' "$lane" "$status" $((seconds / 60)) $((seconds % 60)))")
  fi
done

seconds=$((SECONDS - started))
echo "tests/deploy/run.sh: summary"
printf '  %s\n' "${results[@]}"
# build_image.sh printed the image size above; repeat it next to the timings.
if command -v podman >/dev/null && [[ " ${IDENTITY_DEPLOY_LANES:-manifests image} " == *" image "* ]]; then
  image=${IDENTITY_IMAGE:-localhost/identity:$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || echo dev)}
  if size=$(podman image inspect --format '{{.Size}}' "$image" 2>/dev/null); then
    printf '  image      %s: %d MiB\n' "$image" $((size / 1024 / 1024))
  fi
fi
printf '  total      %dm%02ds\n' $((seconds / 60)) $((seconds % 60))
exit "$failed"
