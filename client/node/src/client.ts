// IdentityClient: one HTTP/2 connection to the identity service (gRPC
// protocol, Connect-ES) and a namespace per service.
import type { Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AccessKeys } from "./access_keys.js";
import { Audit } from "./audit.js";
import { CallInvoker } from "./call_invoker.js";
import { ImpersonationState } from "./impersonation.js";
import { Orgs } from "./orgs.js";
import { Tenants } from "./tenants.js";
import { Users } from "./users.js";

export const DEFAULT_ENDPOINT = "127.0.0.1:50051";

export interface IdentityClientOptions {
  /** host:port or a URL; default $IDENTITY_ENDPOINT, else 127.0.0.1:50051. */
  endpoint?: string;
  /** Default: $IDENTITY_ACCESS_KEY. */
  accessKey?: string;
  /** The deadline of every call; default 10 s. */
  timeoutMs?: number;
}

/**
 * A client of identity.v1. Every call carries "authorization: Bearer <key>"
 * and a deadline; a failed call rejects with the IdentityError subclass of
 * its status code.
 *
 *   const client = new IdentityClient({ endpoint: "127.0.0.1:50051", accessKey });
 *   await client.impersonateUser("jack@acme.com", () => client.users.getUserInfo());
 */
export class IdentityClient {
  readonly orgs: Orgs;
  readonly tenants: Tenants;
  readonly users: Users;
  readonly accessKeys: AccessKeys;
  readonly audit: Audit;
  private readonly impersonation: ImpersonationState;
  private readonly sharedParts: { transport: Transport; accessKey: string; timeoutMs: number };

  /** `shared` is internal: asUser passes it to make a view. */
  constructor(options: IdentityClientOptions = {}, shared?: SharedParts) {
    const endpoint = options.endpoint || process.env.IDENTITY_ENDPOINT || DEFAULT_ENDPOINT;
    const accessKey = options.accessKey ?? process.env.IDENTITY_ACCESS_KEY ?? "";
    if (!accessKey) throw new TypeError("no access key: pass accessKey or set IDENTITY_ACCESS_KEY");
    const timeoutMs = options.timeoutMs ?? 10_000;
    const transport =
      shared?.transport ??
      createGrpcTransport({ baseUrl: endpoint.includes("://") ? endpoint : `http://${endpoint}` });
    this.impersonation = shared?.impersonation ?? new ImpersonationState();
    const fixedUser = shared?.fixedUser;
    const invoker = new CallInvoker(accessKey, timeoutMs, () =>
      fixedUser ?? this.impersonation.current(),
    );
    this.sharedParts = { transport, accessKey, timeoutMs };
    this.orgs = new Orgs(transport, invoker);
    this.tenants = new Tenants(transport, invoker);
    this.users = new Users(transport, invoker);
    this.accessKeys = new AccessKeys(transport, invoker);
    this.audit = new Audit(transport, invoker);
  }

  // --- Impersonation (needs usage:impersonation; else PERMISSION_DENIED) ---

  /** Runs body with every call it makes, however deeply awaited, as userId. */
  impersonateUser<T>(userId: string, body: () => Promise<T> | T): Promise<T> {
    return this.impersonation.scope(userId, body);
  }

  /** Runs every following call as userId (a scope still wins). */
  setImpersonateUser(userId: string): void {
    this.impersonation.setShared(userId);
  }

  clearImpersonation(): void {
    this.impersonation.setShared(undefined);
  }

  /** The user the next call from this async context runs as, if any. */
  get impersonatedUser(): string | undefined {
    return this.impersonation.current();
  }

  /** A view on the same connection whose every call runs as userId. */
  asUser(userId: string): IdentityClient {
    if (!userId) throw new TypeError("asUser needs a user id");
    const { transport, accessKey, timeoutMs } = this.sharedParts;
    return new IdentityClient(
      { accessKey, timeoutMs },
      { transport, impersonation: this.impersonation, fixedUser: userId },
    );
  }
}

/** What a view made by asUser shares with its client. */
interface SharedParts {
  transport: Transport;
  impersonation: ImpersonationState;
  fixedUser: string;
}
