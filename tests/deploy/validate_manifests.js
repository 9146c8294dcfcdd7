#!/usr/bin/env node
// Validates rendered Kubernetes manifests (multi-document YAML) offline:
//
//   node validate_manifests.js LABEL FILE.yaml
//
// 1. Schema: every object against the schema of its apiVersion/kind, from the
//    pinned npm packages kubernetes-models (Kubernetes 1.27 OpenAPI) and
//    @kubernetes-models/{cloudnative-pg,cert-manager,prometheus-operator}
//    (the operators' CRD OpenAPI schemas). A kind without a schema fails.
// 2. Unknown fields: Kubernetes schemas accept any extra field (and a typo'd
//    field is silently dropped by the API server), so every field is checked
//    to be defined by the schema; see UnknownFields below.
// 3. Policy: non-root, read-only root filesystem, no privilege escalation,
//    capabilities drop ALL, seccomp RuntimeDefault, CPU and memory requests
//    and limits, startup/liveness/readiness probes on long-running pods,
//    pinned images (a tag that is not "latest", or a digest), and a
//    termination grace period that covers preStop plus the server's drain.
// 4. References: Services, PodDisruptionBudgets, NetworkPolicies and the
//    HorizontalPodAutoscaler select or name something that is rendered, and
//    every Secret a pod needs is rendered, made by a rendered object
//    (cert-manager, CloudNativePG) or one the operator is told to create;
//    every gRPC probe asks a declared port where identityd's configuration
//    serves health in plaintext (kubelet's gRPC probes cannot speak TLS).
//
// Prints one line per problem and exits 1 if there is any.
"use strict";

const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

// Where each API group's models live. Core ("v1") and the built-in groups
// come from kubernetes-models; each operator group from its own package.
const kModelPackages = {
  "": "kubernetes-models",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

// The server's default drain (identityd --shutdown_grace_seconds).
const kDefaultShutdownGraceSeconds = 10;

// Returns the compiled JSON-schema validator (ajv standalone code, as the
// models package ships it) for apiVersion/kind, or null when no schema is
// known. The model class module names its schema module; the validator is
// used directly so that its error list can be read.
function schemaValidator(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = kModelPackages[group] ?? kModelPackages[""];
  const modelPath = slash < 0 ? `${pkg}/${version}/${kind}`
                              : `${pkg}/${group}/${version}/${kind}`;
  let modelFile;
  try {
    modelFile = require.resolve(modelPath);
  } catch {
    return null;
  }
  const match = /require\("((?:\.\.\/)+_schemas\/\w+\.js)"\)/.exec(
      fs.readFileSync(modelFile, "utf8"));
  if (!match) return null;
  const model = require(modelFile)[kind];
  // The model's own apiVersion must be the one asked for: kubernetes-models
  // resolves an unknown group to a missing file, never to a wrong model.
  if (!model || model.apiVersion !== apiVersion || model.kind !== kind) {
    return null;
  }
  return require(path.resolve(path.dirname(modelFile), match[1])).validate;
}

function pointer(segments) {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0")
                                                 .replace(/\//g, "~1"))
      .join("");
}

function schemaErrors(validate, object) {
  if (validate(object)) return [];
  return validate.errors.map(
      (e) => `${e.instancePath || "/"}: ${e.message ??
                 e.keyword} ${JSON.stringify(e.params)}`);
}

// UnknownFields: the packages ship compiled validators, not the schema
// documents, so "does the schema define this field?" is asked of the
// validator itself: the field's value is replaced by a value no JSON type
// accepts (a function), and a field the schema defines, with any type,
// then fails validation at exactly its path; a field the schema does not
// define passes. Map-typed fields (labels, ConfigMap data) count as defined
// for every key, as they should. The one blind spot is a field whose schema
// is free-form ({} or x-kubernetes-preserve-unknown-fields), which is
// reported as unknown: this fails closed, and no such field is used here.
function unknownFields(validate, root) {
  const found = [];
  const probe = () => {};
  const walk = (node, segments) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, segments.concat(i)));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const key of Object.keys(node)) {
      const here = segments.concat(key);
      const where = pointer(here);
      const saved = node[key];
      node[key] = probe;
      validate(root);
      const errors = validate.errors || [];
      node[key] = saved;
      const defined = errors.some((e) => e.instancePath === where ||
                                         e.instancePath.startsWith(where + "/"));
      if (!defined) {
        found.push(`${where}: field "${key}" is not defined by the schema`);
        continue;  // Nothing below an unknown field can be known either.
      }
      walk(saved, here);
    }
  };
  walk(root, []);
  return found;
}

// --- Policy -------------------------------------------------------------------

function podSpecOf(object) {
  switch (object.kind) {
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job":
      return object.spec?.template?.spec;
    case "CronJob":
      return object.spec?.jobTemplate?.spec?.template?.spec;
    case "Pod":
      return object.spec;
    default:
      return undefined;
  }
}

// A pinned image names a tag other than "latest", or a digest.
function imageProblem(image) {
  if (typeof image !== "string" || image === "") return "no image";
  if (image.includes("@sha256:")) return null;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  if (colon < 0) return `image "${image}" has no tag`;
  if (lastSegment.slice(colon + 1) === "latest") {
    return `image "${image}" uses the tag "latest"`;
  }
  return null;
}

function shutdownGraceSeconds(container) {
  for (const arg of container.args ?? []) {
    const match = /^--shutdown_grace_seconds=(\d+)$/.exec(arg);
    if (match) return Number(match[1]);
  }
  return kDefaultShutdownGraceSeconds;
}

function preStopSleepSeconds(container) {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return Number(preStop.sleep.seconds);
  const command = preStop?.exec?.command ?? [];
  const i = command.findIndex((c) => /(^|\/)sleep$/.test(c));
  return i >= 0 ? Number(command[i + 1]) || 0 : 0;
}

function podPolicyProblems(object, pod) {
  const problems = [];
  const podSecurity = pod.securityContext ?? {};
  const longRunning = !["Job", "CronJob", "Pod"].includes(object.kind);
  if (pod.automountServiceAccountToken !== false) {
    problems.push("spec: automountServiceAccountToken must be false");
  }
  const containers = [
    ...(pod.initContainers ?? []).map((c) => ["initContainers", c]),
    ...(pod.containers ?? []).map((c) => ["containers", c]),
  ];
  for (const [list, c] of containers) {
    const at = `${list}[${c.name}]`;
    const security = c.securityContext ?? {};
    const imageError = imageProblem(c.image);
    if (imageError) problems.push(`${at}: ${imageError}`);
    const nonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
    const user = security.runAsUser ?? podSecurity.runAsUser;
    if (nonRoot !== true) problems.push(`${at}: runAsNonRoot must be true`);
    if (user === 0) problems.push(`${at}: runAsUser must not be 0`);
    if (security.readOnlyRootFilesystem !== true) {
      problems.push(`${at}: readOnlyRootFilesystem must be true`);
    }
    if (security.allowPrivilegeEscalation !== false) {
      problems.push(`${at}: allowPrivilegeEscalation must be false`);
    }
    if (security.privileged === true) {
      problems.push(`${at}: privileged must not be set`);
    }
    if (!(security.capabilities?.drop ?? []).includes("ALL")) {
      problems.push(`${at}: capabilities must drop ALL`);
    }
    const seccomp = (security.seccompProfile ?? podSecurity.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
      problems.push(`${at}: seccompProfile must be RuntimeDefault`);
    }
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[resource] === undefined) {
          problems.push(`${at}: resources.${kind}.${resource} is missing`);
        }
      }
    }
    if (longRunning && list === "containers") {
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        if (!c[probe]) problems.push(`${at}: ${probe} is missing`);
        else if (c[probe].grpc && !c[probe].grpc.service) {
          problems.push(`${at}: ${probe}.grpc.service must name the check`);
        }
      }
      const needed = preStopSleepSeconds(c) + shutdownGraceSeconds(c);
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (grace <= needed) {
        problems.push(`${at}: terminationGracePeriodSeconds ${grace} must ` +
                      `exceed preStop + shutdown grace (${needed})`);
      }
    }
  }
  return problems;
}

function policyProblems(object) {
  const pod = podSpecOf(object);
  if (pod) return podPolicyProblems(object, pod);
  if (object.kind === "Cluster" && object.apiVersion.startsWith("postgresql.cnpg.io/")) {
    const problems = [];
    if (object.spec?.imageName) {
      const imageError = imageProblem(object.spec.imageName);
      if (imageError) problems.push(`spec.imageName: ${imageError}`);
    }
    if ((object.spec?.instances ?? 1) < 3) {
      problems.push("spec.instances: fewer than 3 is not highly available");
    }
    return problems;
  }
  if (object.kind === "ServiceAccount" &&
      object.automountServiceAccountToken !== false) {
    return ["automountServiceAccountToken must be false"];
  }
  return [];
}

// --- References between objects ----------------------------------------------

// Secrets the operator creates by hand (deploy/k8s/README.md); every other
// Secret a pod needs must be rendered or made by a rendered object.
const kOperatorSecrets = new Set(["identity-database"]);

// Names of the Secrets that rendered objects are, or make: cert-manager
// writes a Certificate's spec.secretName, CloudNativePG writes <cluster>-app
// (the owner's credentials and uri) and <cluster>-ca/-server/-replication.
function producedSecrets(objects) {
  const names = new Set();
  for (const o of objects) {
    if (o.kind === "Secret") names.add(o.metadata?.name);
    if (o.kind === "Certificate") names.add(o.spec?.secretName);
    if (o.kind === "Cluster" && o.apiVersion.startsWith("postgresql.cnpg.io/")) {
      for (const suffix of ["app", "ca", "server", "replication", "superuser"]) {
        names.add(`${o.metadata?.name}-${suffix}`);
      }
    }
  }
  return names;
}

// Every non-optional Secret a pod template reads, with where it is read.
function requiredSecrets(pod) {
  const needed = [];
  for (const v of pod.volumes ?? []) {
    if (v.secret && !v.secret.optional) needed.push([v.secret.secretName, `volume ${v.name}`]);
  }
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && !ref.optional) needed.push([ref.name, `env ${e.name}`]);
    }
    for (const source of c.envFrom ?? []) {
      const ref = source.secretRef;
      if (ref && !ref.optional) needed.push([ref.name, "envFrom"]);
    }
  }
  return needed;
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

// identityd's environment in a container: its ConfigMaps (envFrom), then
// its literal env entries, which win as in Kubernetes.
function containerEnvironment(container, objects) {
  const environment = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name;
    const map = objects.find((o) => o.kind === "ConfigMap" && o.metadata?.name === name);
    Object.assign(environment, map?.data ?? {});
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) environment[e.name] = e.value;
  }
  return environment;
}

function portOf(hostPort) {
  const match = /:(\d+)$/.exec(hostPort ?? "");
  return match ? Number(match[1]) : null;
}

// Kubelet's gRPC probes speak plaintext only: a probe must ask a port where
// identityd serves grpc.health.v1 in plaintext, i.e. --listen while TLS is
// off, or --health_listen (README "Configuration"), and the container must
// declare that port.
function grpcProbeProblems(at, container, objects) {
  const problems = [];
  const environment = containerEnvironment(container, objects);
  const plaintextHealthPorts = new Set();
  if (!environment.IDENTITY_TLS_CERT) {
    plaintextHealthPorts.add(portOf(environment.IDENTITY_LISTEN ?? "0.0.0.0:50051"));
  }
  const healthPort = portOf(environment.IDENTITY_HEALTH_LISTEN);
  if (healthPort !== null) plaintextHealthPorts.add(healthPort);
  const declared = new Set((container.ports ?? []).map((p) => p.containerPort));
  for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const port = container[probe]?.grpc?.port;
    if (port === undefined) continue;
    if (!plaintextHealthPorts.has(port)) {
      problems.push(`${at}: ${probe}.grpc.port ${port} serves no plaintext ` +
                    "health (TLS on --listen and no --health_listen there)");
    }
    if (!declared.has(port)) {
      problems.push(`${at}: ${probe}.grpc.port ${port} is not a container port`);
    }
  }
  return problems;
}

function referenceProblems(objects) {
  const problems = [];
  const podLabels = objects.map((o) => podSpecOf(o) && (o.kind === "Pod"
      ? o.metadata?.labels : (o.spec?.template?.metadata?.labels ??
                              o.spec?.jobTemplate?.spec?.template?.metadata?.labels)))
      .filter(Boolean);
  const named = (kind, name) => objects.some((o) => o.kind === kind &&
                                                    o.metadata?.name === name);
  const secrets = producedSecrets(objects);
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    let selector;
    if (o.kind === "Service") selector = o.spec?.selector;
    if (o.kind === "PodDisruptionBudget") selector = o.spec?.selector?.matchLabels;
    if (o.kind === "NetworkPolicy") selector = o.spec?.podSelector?.matchLabels;
    if (selector && !podLabels.some((labels) => selects(selector, labels))) {
      problems.push(`${id}: its selector matches no rendered pod template`);
    }
    if (o.kind === "HorizontalPodAutoscaler") {
      const target = o.spec?.scaleTargetRef ?? {};
      if (!named(target.kind, target.name)) {
        problems.push(`${id}: scaleTargetRef ${target.kind}/${target.name} is not rendered`);
      }
    }
    const pod = podSpecOf(o);
    for (const [secret, where] of pod ? requiredSecrets(pod) : []) {
      if (!secrets.has(secret) && !kOperatorSecrets.has(secret)) {
        problems.push(`${id}: ${where} needs Secret ${secret}, which nothing ` +
                      "renders or makes and the README does not ask for");
      }
    }
    for (const c of pod?.containers ?? []) {
      problems.push(...grpcProbeProblems(`${id}: containers[${c.name}]`, c, objects));
      for (const source of c.envFrom ?? []) {
        const ref = source.configMapRef;
        if (ref && !ref.optional && !named("ConfigMap", ref.name)) {
          problems.push(`${id}: ConfigMap ${ref.name} is not rendered`);
        }
      }
    }
  }
  return problems;
}

// --- Main ----------------------------------------------------------------------

function main() {
  const [label, file] = process.argv.slice(2);
  if (!label || !file) {
    console.error("usage: validate_manifests.js LABEL FILE.yaml");
    process.exit(2);
  }
  const problems = [];
  const objects = [];
  for (const document of YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      problems.push(`YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object !== null) objects.push(object);
  }
  if (objects.length === 0) problems.push("no objects rendered");
  const counts = {};
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name}`;
    const validate = schemaValidator(String(object.apiVersion), String(object.kind));
    if (!validate) {
      problems.push(`${id}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    counts[object.kind] = (counts[object.kind] ?? 0) + 1;
    for (const p of schemaErrors(validate, object)) problems.push(`${id}: schema: ${p}`);
    for (const p of unknownFields(validate, structuredClone(object))) {
      problems.push(`${id}: unknown field: ${p}`);
    }
    for (const p of policyProblems(object)) problems.push(`${id}: policy: ${p}`);
  }
  problems.push(...referenceProblems(objects));

  for (const p of problems) console.log(`${label}: ${p}`);
  const summary = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(", ");
  console.log(`${label}: ${objects.length} objects (${summary}): ` +
              (problems.length ? `${problems.length} problem(s)` : "valid"));
  process.exit(problems.length ? 1 : 0);
}

main();
