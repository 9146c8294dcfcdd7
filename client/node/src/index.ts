// TypeScript client of the identity service (identity.v1 over gRPC).
//
//   import { IdentityClient } from "@identity/client";
//   const client = new IdentityClient({ endpoint: "127.0.0.1:50051", accessKey });
//   const org = await client.orgs.createOrg({ id: "acme", name: "Acme" });
export { IdentityClient, DEFAULT_ENDPOINT, type IdentityClientOptions } from "./client.js";
export * from "./errors.js";
export type { AccessKey, Org, Tenant, User } from "./gen/identity/v1/resources_pb.js";
export type { GetUserInfoResponse } from "./gen/identity/v1/user_service_pb.js";
export type { AuditEvent } from "./gen/identity/v1/audit_service_pb.js";
