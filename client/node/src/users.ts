// UserService: users, who the caller is, and the caller's configuration.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import type { JsonObject, MessageInitShape } from "@bufbuild/protobuf";
import {
  UserService,
  type GetUserInfoResponse,
  type ListUsersResponse,
} from "./gen/identity/v1/user_service_pb.js";
import type { User, UserSchema } from "./gen/identity/v1/resources_pb.js";
import type { CallInvoker } from "./call_invoker.js";
import { iteratePages } from "./paging.js";

export type UserInit = MessageInitShape<typeof UserSchema>;
export interface ListUsersOptions {
  /** Default: the caller's org. */
  lookupOrgId?: string;
  lookupTenantId?: string;
  lookupUserId?: string;
  pageSize?: number;
  pageToken?: string;
}

export class Users {
  private readonly stub: Client<typeof UserService>;

  constructor(transport: Transport, private readonly invoker: CallInvoker) {
    this.stub = createClient(UserService, transport);
  }

  /** FAILED_PRECONDITION when the tenant or org does not exist. */
  createUser(user: UserInit): Promise<User> {
    return this.invoker.call((o) => this.stub.createUser({ user }, o));
  }

  getUser(id: string): Promise<User> {
    return this.invoker.call((o) => this.stub.getUser({ id }, o));
  }

  updateUser(user: UserInit, updateMask?: string[]): Promise<User> {
    return this.invoker.call((o) =>
      this.stub.updateUser({ user, updateMask: updateMask && { paths: updateMask } }, o),
    );
  }

  async deleteUser(id: string): Promise<void> {
    await this.invoker.call((o) => this.stub.deleteUser({ id }, o));
  }

  listUsers(options: ListUsersOptions = {}): Promise<ListUsersResponse> {
    return this.invoker.call((o) => this.stub.listUsers(options, o));
  }

  iterUsers(options: Omit<ListUsersOptions, "pageToken"> = {}): AsyncGenerator<User> {
    return iteratePages((pageToken) => this.listUsers({ ...options, pageToken }), (p) => p.users);
  }

  /** The caller, or the user it impersonates (then impersonatorId is set). */
  getUserInfo(): Promise<GetUserInfoResponse> {
    return this.invoker.call((o) => this.stub.getUserInfo({}, o));
  }

  /** Sets every key of updated, removes every key of deleted; returns the whole config. */
  async updateConfig(change: { updated?: JsonObject; deleted?: string[] } = {}): Promise<JsonObject> {
    const response = await this.invoker.call((o) => this.stub.updateConfig(change, o));
    return response.configs ?? {};
  }
}
