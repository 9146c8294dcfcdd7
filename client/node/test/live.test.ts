// The SDK flows against a real identityd, with exact status codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AbortedError,
  AlreadyExistsError,
  FailedPreconditionError,
  IdentityClient,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
} from "../src/index.js";
import { Fixture, collect, liveServer } from "./live_fixture.js";

const server = liveServer();
const skip = typeof server === "string" ? server : false;
const fixture = () => Fixture.create(server as Exclude<typeof server, string>);

test("org -> tenant -> user", { skip }, async () => {
  const f = await fixture();
  const user = await f.admin.users.createUser({
    id: `jack@${f.unique}.com`, name: "Jack", tenantId: f.tenantId, roles: ["user"], variables: { tier: 1 },
  });

  assert.deepEqual([user.orgId, user.tenantId, user.roles, user.variables], [f.orgId, f.tenantId, ["user"], { tier: 1 }]);
  assert.equal((await f.admin.users.getUser(user.id)).name, "Jack");
  assert.deepEqual((await collect(f.admin.users.iterUsers({ lookupOrgId: f.orgId }))).map((u) => u.id), [user.id]);
  await assert.rejects(f.admin.users.createUser({ id: `x@${f.unique}`, tenantId: "no-such", orgId: f.orgId }), FailedPreconditionError);
  await assert.rejects(f.admin.orgs.createOrg({ id: f.orgId }), AlreadyExistsError);
  await assert.rejects(f.admin.users.getUser(`x@${f.unique}`), NotFoundError);
  await assert.rejects(f.admin.users.createUser({ id: "bad id!", tenantId: f.tenantId }), InvalidArgumentError);
});

test("update with a stale etag is ABORTED and changes nothing", { skip }, async () => {
  const f = await fixture();
  const before = await f.admin.orgs.getOrg(f.orgId);

  const after = await f.admin.orgs.updateOrg({ id: f.orgId, name: "Renamed" }, ["name"]);

  assert.notEqual(after.etag, before.etag);
  await assert.rejects(f.admin.orgs.updateOrg({ id: f.orgId, name: "Lost", etag: before.etag }, ["name"]), AbortedError);
  assert.equal((await f.admin.orgs.getOrg(f.orgId)).name, "Renamed");
});

test("key: create -> list without secret -> call with it -> delete -> UNAUTHENTICATED", { skip }, async () => {
  const f = await fixture();
  const userId = `hank@${f.unique}.com`;
  await f.admin.users.createUser({ id: userId, tenantId: f.tenantId, roles: ["api-user"] });

  const created = await f.admin.accessKeys.createAccessKey({ name: "ci", description: "CI", userId });
  const listed = await collect(f.admin.accessKeys.iterAccessKeys({ userId }));
  const hank = new IdentityClient({ endpoint: f.server.endpoint, accessKey: created.accessKey });
  const info = await hank.users.getUserInfo();
  await hank.accessKeys.deleteAccessKey("ci");

  assert.ok(created.accessKey.startsWith(created.keyPrefix) && created.keyPrefix);
  assert.deepEqual(listed.map((k) => [k.name, k.description, k.accessKey, k.keyPrefix]), [["ci", "CI", "", created.keyPrefix]]);
  assert.deepEqual([info.id, info.impersonatorId], [userId, ""]);
  const refused = await hank.users.getUserInfo().catch((e: unknown) => e);
  assert.ok(refused instanceof UnauthenticatedError);
  assert.equal(refused.codeName, "UNAUTHENTICATED");
  assert.deepEqual(await collect(f.admin.accessKeys.iterAccessKeys({ userId })), []);
});

test("key rotation: both secrets during the grace period, only the new one after a zero grace", { skip }, async () => {
  const f = await fixture();
  const userId = `rita@${f.unique}.com`;
  await f.admin.users.createUser({ id: userId, tenantId: f.tenantId, roles: ["api-user"] });
  const created = await f.admin.accessKeys.createAccessKey({ name: "ci", userId });

  const rotated = await f.admin.accessKeys.rotateAccessKey({ name: "ci", userId, gracePeriodMs: 3_600_000 });
  const infoWith = (accessKey: string) =>
    new IdentityClient({ endpoint: f.server.endpoint, accessKey }).users.getUserInfo();

  // Compared as booleans: a failing assert must not print a secret.
  assert.ok(rotated.accessKey !== "" && rotated.accessKey !== created.accessKey);
  assert.equal(rotated.previousKeyPrefix, created.keyPrefix);
  assert.ok(rotated.previousExpireTime !== undefined);
  assert.equal((await infoWith(created.accessKey)).id, userId);
  assert.equal((await infoWith(rotated.accessKey)).id, userId);

  const newest = await f.admin.accessKeys.rotateAccessKey({ name: "ci", userId, gracePeriodMs: 0 });
  await assert.rejects(infoWith(rotated.accessKey), UnauthenticatedError);
  assert.equal((await infoWith(newest.accessKey)).id, userId);

  await f.admin.accessKeys.deleteAccessKey("ci", userId);
  await assert.rejects(f.admin.accessKeys.rotateAccessKey({ name: "ci", userId }), NotFoundError);
});

test("config merge", { skip }, async () => {
  const f = await fixture();
  const hank = await f.userWithKey(`hank@${f.unique}.com`, ["api-user"]);

  assert.deepEqual(await hank.users.updateConfig(), {});
  assert.deepEqual(await hank.users.updateConfig({ updated: { theme: "dark", limits: { rows: 100 } } }), { theme: "dark", limits: { rows: 100 } });
  assert.deepEqual(await hank.users.updateConfig({ deleted: ["theme", "absent"] }), { limits: { rows: 100 } });
});

test("impersonation: scope, setter and asUser allowed; refused targets are PERMISSION_DENIED", { skip }, async () => {
  const f = await fixture();
  const olgaId = `olga@${f.unique}.com`, hankId = `hank@${f.unique}.com`;
  const olga = await f.userWithKey(olgaId, ["org-admin-user"]);
  const hank = await f.userWithKey(hankId, ["api-user"]);

  const [scoped, own] = await Promise.all([
    olga.impersonateUser(hankId, () => olga.users.getUserInfo()),
    olga.users.getUserInfo(),
  ]);
  const viewed = await olga.asUser(hankId).users.getUserInfo();
  olga.setImpersonateUser(hankId);
  const set = await olga.users.getUserInfo();
  olga.clearImpersonation();

  assert.deepEqual([scoped.id, scoped.impersonatorId], [hankId, olgaId]);
  assert.deepEqual([own.id, own.impersonatorId], [olgaId, ""]);
  assert.deepEqual([viewed.id, set.id, (await olga.users.getUserInfo()).id], [hankId, hankId, olgaId]);
  for (const target of ["admin", `nobody@${f.unique}.com`]) {
    await assert.rejects(olga.asUser(target).users.getUserInfo(), PermissionDeniedError);
  }
  // Without usage:impersonation: refused, and hank's config is untouched.
  const kim = await f.userWithKey(`kim@${f.unique}.com`, ["api-user"]);
  await assert.rejects(kim.asUser(hankId).users.updateConfig({ updated: { x: 1 } }), PermissionDeniedError);
  assert.deepEqual(await hank.users.updateConfig(), {});
});

test("paging over 250 users", { skip }, async () => {
  const f = await fixture();
  const ids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, "0")}@${f.unique}`);
  for (const id of ids) await f.admin.users.createUser({ id, tenantId: f.tenantId, roles: ["trial-user"] });

  const first = await f.admin.users.listUsers({ lookupTenantId: f.tenantId, pageSize: 100 });
  const all = await collect(f.admin.users.iterUsers({ lookupTenantId: f.tenantId, pageSize: 100 }));

  assert.equal(first.users.length, 100);
  assert.ok(first.nextPageToken);
  assert.deepEqual(all.map((u) => u.id).sort(), ids);
  await assert.rejects(f.admin.users.listUsers({ pageSize: -1 }), InvalidArgumentError);
});
