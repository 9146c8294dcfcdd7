// The live suite's world: a running identityd named by the environment
// (IDENTITY_TEST_ENDPOINT, IDENTITY_TEST_ADMIN_KEY; tests/clients/run.sh sets
// them and IDENTITY_TEST_REQUIRE_LIVE=1, which turns a skip into a failure).
import { randomBytes } from "node:crypto";
import { IdentityClient } from "../src/index.js";

export interface LiveServer {
  endpoint: string;
  adminKey: string;
}

/** The server, or a reason to skip (undefined when the suite must fail). */
export function liveServer(): LiveServer | string {
  const endpoint = process.env.IDENTITY_TEST_ENDPOINT ?? "";
  const adminKey = process.env.IDENTITY_TEST_ADMIN_KEY ?? "";
  if (endpoint && adminKey) return { endpoint, adminKey };
  if (process.env.IDENTITY_TEST_REQUIRE_LIVE === "1") {
    throw new Error("IDENTITY_TEST_ENDPOINT and IDENTITY_TEST_ADMIN_KEY must be set");
  }
  return "no live identityd: IDENTITY_TEST_ENDPOINT is not set";
}

/** An org and tenant of one test's own, and clients for users made in it. */
export class Fixture {
  readonly unique = `node-${randomBytes(4).toString("hex")}`;
  readonly orgId = `${this.unique}-org`;
  readonly tenantId = `${this.unique}-tenant`;
  readonly admin: IdentityClient;

  private constructor(readonly server: LiveServer) {
    this.admin = new IdentityClient({ endpoint: server.endpoint, accessKey: server.adminKey });
  }

  static async create(server: LiveServer): Promise<Fixture> {
    const fixture = new Fixture(server);
    await fixture.admin.orgs.createOrg({ id: fixture.orgId, name: "Test Org" });
    await fixture.admin.tenants.createTenant({ id: fixture.tenantId, orgId: fixture.orgId, name: "T" });
    return fixture;
  }

  /** Creates a user of the tenant and returns a client holding a fresh key of it. */
  async userWithKey(userId: string, roles: string[]): Promise<IdentityClient> {
    await this.admin.users.createUser({ id: userId, tenantId: this.tenantId, roles });
    const key = await this.admin.accessKeys.createAccessKey({ name: "test", userId });
    return new IdentityClient({ endpoint: this.server.endpoint, accessKey: key.accessKey });
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
