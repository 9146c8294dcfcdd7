// Generates the TypeScript of identity.v1 and google.rpc into src/gen with
// Debian's protoc and protoc-gen-es (from node_modules). Nothing generated is
// committed; `npm run build` runs this first.
//
//   node scripts/generate.js
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const protoDir = process.env.IDENTITY_PROTO_DIR ?? join(packageDir, "..", "..", "proto");
// google/rpc/status.proto and error_details.proto, as googleapis publishes them.
const googleProtos = join(packageDir, "node_modules", "google-proto-files");
const outDir = join(packageDir, "src", "gen");

const identityProtos = readdirSync(join(protoDir, "identity", "v1"))
  .filter((name) => name.endsWith(".proto"))
  .map((name) => `identity/v1/${name}`);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
execFileSync(
  process.env.PROTOC ?? "protoc",
  [
    `--proto_path=${protoDir}`,
    `--proto_path=${googleProtos}`,
    `--plugin=protoc-gen-es=${join(packageDir, "node_modules", ".bin", "protoc-gen-es")}`,
    `--es_out=${outDir}`,
    "--es_opt=target=ts,import_extension=js",
    ...identityProtos,
    "google/rpc/status.proto",
    "google/rpc/error_details.proto",
  ],
  { stdio: "inherit" },
);
