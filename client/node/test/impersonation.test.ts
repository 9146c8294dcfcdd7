// Impersonation state: scopes per async context, the shared setter, views.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { IdentityClient } from "../src/index.js";

// No server is needed: only the client's own state is under test.
const client = () => new IdentityClient({ endpoint: "127.0.0.1:9", accessKey: "unused" });

test("a scope holds across awaits and ends with its body", async () => {
  const c = client();

  const inside = await c.impersonateUser("u1", async () => {
    await sleep(1);
    return c.impersonatedUser;
  });

  assert.equal(inside, "u1");
  assert.equal(c.impersonatedUser, undefined);
});

test("concurrent scopes do not see each other", async () => {
  const c = client();
  const seen = await Promise.all([
    c.impersonateUser("u1", async () => { await sleep(5); return c.impersonatedUser; }),
    c.impersonateUser("u2", async () => { await sleep(1); return c.impersonatedUser; }),
    (async () => { await sleep(3); return c.impersonatedUser; })(),
  ]);

  assert.deepEqual(seen, ["u1", "u2", undefined]);
});

test("a scope that throws ends too", async () => {
  const c = client();

  await assert.rejects(c.impersonateUser("u1", async () => { throw new Error("boom"); }), /boom/);

  assert.equal(c.impersonatedUser, undefined);
});

test("the setter applies everywhere; a scope wins over it", async () => {
  const c = client();
  c.setImpersonateUser("shared");

  const scoped = await c.impersonateUser("scoped", () => c.impersonatedUser);

  assert.equal(scoped, "scoped");
  assert.equal(c.impersonatedUser, "shared");
  c.clearImpersonation();
  assert.equal(c.impersonatedUser, undefined);
});

test("a scope needs a user", async () => {
  await assert.rejects(client().impersonateUser("", () => 1), TypeError);
});
