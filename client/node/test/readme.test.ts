// The example of README.md runs as written, so the docs cannot rot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { liveServer } from "./live_fixture.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const server = liveServer();

test("README example", { skip: typeof server === "string" ? server : false }, async () => {
  const { endpoint, adminKey } = server as Exclude<typeof server, string>;
  const blocks = [...readFileSync(join(packageDir, "README.md"), "utf8").matchAll(/^```js\n(.*?)^```/gms)];
  assert.equal(blocks.length, 1, "README.md should have exactly one js example");
  // Inside the package, so `import "@identity/client"` resolves to itself.
  const example = join(packageDir, "dist", "readme-example.mjs");
  writeFileSync(example, blocks[0][1]);

  try {
    const { stdout } = await promisify(execFile)(process.execPath, [example], {
      env: { ...process.env, IDENTITY_ENDPOINT: endpoint, IDENTITY_ACCESS_KEY: adminKey },
      timeout: 60_000,
    });
    assert.equal(stdout.trim(), "peter@initech.com admin dark true");
  } finally {
    rmSync(example, { force: true });
  }
});
