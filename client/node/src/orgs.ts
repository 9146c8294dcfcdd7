// OrgService: organizations, the top of the hierarchy.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { OrgService, type ListOrgsResponse } from "./gen/identity/v1/org_service_pb.js";
import type { Org, OrgSchema } from "./gen/identity/v1/resources_pb.js";
import type { CallInvoker } from "./call_invoker.js";
import { iteratePages } from "./paging.js";

export type OrgInit = MessageInitShape<typeof OrgSchema>;

export class Orgs {
  private readonly stub: Client<typeof OrgService>;

  constructor(transport: Transport, private readonly invoker: CallInvoker) {
    this.stub = createClient(OrgService, transport);
  }

  /** ALREADY_EXISTS for a taken id. */
  createOrg(org: OrgInit): Promise<Org> {
    return this.invoker.call((o) => this.stub.createOrg({ org }, o));
  }

  getOrg(id: string): Promise<Org> {
    return this.invoker.call((o) => this.stub.getOrg({ id }, o));
  }

  /** ABORTED when org.etag is set and stale. */
  updateOrg(org: OrgInit, updateMask?: string[]): Promise<Org> {
    return this.invoker.call((o) =>
      this.stub.updateOrg({ org, updateMask: updateMask && { paths: updateMask } }, o),
    );
  }

  /** FAILED_PRECONDITION while the org has tenants, unless force. */
  async deleteOrg(id: string, force = false): Promise<void> {
    await this.invoker.call((o) => this.stub.deleteOrg({ id, force }, o));
  }

  listOrgs(page: { pageSize?: number; pageToken?: string } = {}): Promise<ListOrgsResponse> {
    return this.invoker.call((o) => this.stub.listOrgs(page, o));
  }

  iterOrgs(page: { pageSize?: number } = {}): AsyncGenerator<Org> {
    return iteratePages((pageToken) => this.listOrgs({ ...page, pageToken }), (p) => p.orgs);
  }
}
