"""Checks deploy/k8s/examples/ (see validate_envoy_examples.sh).

usage: validate_envoy_examples.py DESCRIPTOR_SET EXAMPLES_DIR
"""
import ipaddress
import os
import sys

import yaml
from google.protobuf import descriptor_pb2, descriptor_pool, json_format
from google.protobuf import message_factory

BOOTSTRAP = "envoy.config.bootstrap.v3.Bootstrap"
EXT_AUTHZ = "envoy.filters.http.ext_authz"
EXT_AUTHZ_TYPE = "envoy.extensions.filters.http.ext_authz.v3.ExtAuthz"
ROUTER_TYPE = "envoy.extensions.filters.http.router.v3.Router"
HCM_TYPE = ("envoy.extensions.filters.network.http_connection_manager.v3."
            "HttpConnectionManager")
IDENTITY_CLUSTER = "identity"

errors = []


def fail(where, what):
    errors.append(f"{where}: {what}")


def load_pool(path):
    files = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:
        pool.Add(file)
    return pool


def message_class(pool, name):
    return message_factory.MessageFactory(pool).GetPrototype(
        pool.FindMessageTypeByName(name))


def type_name(typed_config):
    return typed_config.get("@type", "").rsplit("/", 1)[-1]


def check_envoy(pool, path):
    with open(path) as f:
        config = yaml.safe_load(f)
    bootstrap = message_class(pool, BOOTSTRAP)()
    try:
        # Strict: unknown fields and unknown @types fail.
        json_format.ParseDict(config, bootstrap, descriptor_pool=pool)
    except json_format.ParseError as e:
        fail(path, f"not a valid Envoy v3 Bootstrap: {e}")
        return

    clusters = {c["name"]: c for c in
                config.get("static_resources", {}).get("clusters", [])}
    identity = clusters.get(IDENTITY_CLUSTER)
    if identity is None:
        fail(path, f"no cluster named {IDENTITY_CLUSTER!r}")
    else:
        options = identity.get("typed_extension_protocol_options", {})
        http2 = any(
            "http2_protocol_options" in o.get("explicit_http_config", {})
            for o in options.values())
        if not http2 and "http2_protocol_options" not in identity:
            fail(path, f"cluster {IDENTITY_CLUSTER!r} must speak HTTP/2 (gRPC)")

    found = 0
    for listener in config.get("static_resources", {}).get("listeners", []):
        for chain in listener.get("filter_chains", []):
            for network_filter in chain.get("filters", []):
                hcm = network_filter.get("typed_config", {})
                if type_name(hcm) != HCM_TYPE:
                    continue
                filters = hcm.get("http_filters", [])
                if not filters or type_name(
                        filters[-1].get("typed_config", {})) != ROUTER_TYPE:
                    fail(path, "the router must be the last HTTP filter")
                for http_filter in filters:
                    typed = http_filter.get("typed_config", {})
                    if type_name(typed) != EXT_AUTHZ_TYPE:
                        continue
                    found += 1
                    where = f"{path}: filter {http_filter.get('name')}"
                    if http_filter.get("name") != EXT_AUTHZ:
                        fail(where, f"must be named {EXT_AUTHZ} for "
                             "per-route settings to apply")
                    if typed.get("transport_api_version") != "V3":
                        fail(where, "transport_api_version must be V3")
                    cluster = (typed.get("grpc_service", {})
                               .get("envoy_grpc", {}).get("cluster_name"))
                    if cluster != IDENTITY_CLUSTER:
                        fail(where, "grpc_service.envoy_grpc.cluster_name must "
                             f"be {IDENTITY_CLUSTER!r}, is {cluster!r}")
    if found != 1:
        fail(path, f"expected one ext_authz HTTP filter, found {found}")


def check_istio(directory):
    mesh_path = os.path.join(directory, "mesh-config.yaml")
    policy_path = os.path.join(directory, "authorization-policy.yaml")
    with open(mesh_path) as f:
        mesh = yaml.safe_load(f)
    with open(policy_path) as f:
        policy = yaml.safe_load(f)

    providers = {}
    for provider in (mesh.get("spec", {}).get("meshConfig", {})
                     .get("extensionProviders", [])):
        grpc = provider.get("envoyExtAuthzGrpc")
        if grpc is None:
            continue
        providers[provider.get("name")] = grpc
        if not str(grpc.get("service", "")).startswith("identity."):
            fail(mesh_path, "envoyExtAuthzGrpc.service must be identity's "
                 "Service")
        if grpc.get("port") != 50051:
            fail(mesh_path, "envoyExtAuthzGrpc.port must be identity's gRPC "
                 "port 50051")
    if not providers:
        fail(mesh_path, "no envoyExtAuthzGrpc extension provider")

    if policy.get("kind") != "AuthorizationPolicy" or not str(
            policy.get("apiVersion", "")).startswith("security.istio.io/"):
        fail(policy_path, "must be a security.istio.io AuthorizationPolicy")
    spec = policy.get("spec", {})
    if spec.get("action") != "CUSTOM":
        fail(policy_path, "action must be CUSTOM")
    name = spec.get("provider", {}).get("name")
    if name not in providers:
        fail(policy_path, f"provider {name!r} is not an envoyExtAuthzGrpc "
             f"provider of {mesh_path} ({sorted(providers)})")
    if not spec.get("rules"):
        fail(policy_path, "a CUSTOM policy without rules checks nothing")


CHECK_PATH = "/envoy.service.auth.v3.Authorization/Check"
AUTHORIZER_VARIABLES = ("IDENTITY_EXT_AUTHZ_ALLOWED_PEERS",
                        "IDENTITY_EXT_AUTHZ_ALLOWED_IDENTITIES")


def check_authorizers(directory):
    """identity answers Check only to listed authorizers: each example must
    tell it who they are, in a patch of identity's Deployment."""
    path = os.path.join(directory, "identity-authorizers.yaml")
    if not os.path.exists(path):
        fail(path, "missing: identity must be told who may call Check")
        return
    with open(path) as f:
        patch = yaml.safe_load(f)
    if patch.get("kind") != "Deployment" or (
            patch.get("metadata", {}).get("name") != "identity"):
        fail(path, "must patch the Deployment named identity")
    containers = (patch.get("spec", {}).get("template", {}).get("spec", {})
                  .get("containers", []))
    env = {e.get("name"): str(e.get("value", ""))
           for c in containers if c.get("name") == "identityd"
           for e in c.get("env", [])}
    if not any(env.get(name, "").strip() for name in AUTHORIZER_VARIABLES):
        fail(path, "container identityd must set one of "
             f"{', '.join(AUTHORIZER_VARIABLES)}")
    for entry in env.get(AUTHORIZER_VARIABLES[0], "").split(","):
        if not entry.strip():
            continue
        try:
            ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            fail(path, f"{AUTHORIZER_VARIABLES[0]}: {entry.strip()!r} is not "
                 "an IP address or CIDR range")


def check_istio_check_policy(directory):
    """With identity's sidecar admitted, the sidecar must keep everyone but
    the checked workloads away from Check."""
    path = os.path.join(directory, "identity-check-policy.yaml")
    with open(path) as f:
        policy = yaml.safe_load(f)
    spec = policy.get("spec", {})
    if policy.get("kind") != "AuthorizationPolicy" or spec.get(
            "action") != "DENY":
        fail(path, "must be a DENY AuthorizationPolicy")
    guarded = any(
        CHECK_PATH in op.get("operation", {}).get("paths", []) and any(
            src.get("source", {}).get("notPrincipals")
            for src in rule.get("from", []))
        for rule in spec.get("rules", []) for op in rule.get("to", []))
    if not guarded:
        fail(path, f"must deny {CHECK_PATH} to all but listed principals")


def main():
    descriptors, examples = sys.argv[1], sys.argv[2]
    pool = load_pool(descriptors)
    check_envoy(pool, os.path.join(examples, "envoy", "envoy.yaml"))
    check_istio(os.path.join(examples, "istio"))
    check_authorizers(os.path.join(examples, "envoy"))
    check_authorizers(os.path.join(examples, "istio"))
    check_istio_check_policy(os.path.join(examples, "istio"))
    for error in errors:
        print(f"validate_envoy_examples: {error}", file=sys.stderr)
    if errors:
        sys.exit(1)
    print("validate_envoy_examples: envoy.yaml is a valid v3 Bootstrap with "
          "ext_authz on cluster identity; the Istio policy and provider match; "
          "both tell identity who may call Check")


if __name__ == "__main__":
    main()
