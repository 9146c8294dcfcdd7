// TenantService: groups of users inside an org.
import { createClient, type Client, type Transport } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  TenantService,
  type ListTenantsResponse,
} from "./gen/identity/v1/tenant_service_pb.js";
import type { Tenant, TenantSchema } from "./gen/identity/v1/resources_pb.js";
import type { CallInvoker } from "./call_invoker.js";
import { iteratePages } from "./paging.js";

export type TenantInit = MessageInitShape<typeof TenantSchema>;
export interface ListTenantsOptions {
  /** Default: the caller's org. */
  lookupOrgId?: string;
  pageSize?: number;
  pageToken?: string;
}

export class Tenants {
  private readonly stub: Client<typeof TenantService>;

  constructor(transport: Transport, private readonly invoker: CallInvoker) {
    this.stub = createClient(TenantService, transport);
  }

  /** FAILED_PRECONDITION when tenant.orgId does not exist. */
  createTenant(tenant: TenantInit): Promise<Tenant> {
    return this.invoker.call((o) => this.stub.createTenant({ tenant }, o));
  }

  getTenant(id: string): Promise<Tenant> {
    return this.invoker.call((o) => this.stub.getTenant({ id }, o));
  }

  updateTenant(tenant: TenantInit, updateMask?: string[]): Promise<Tenant> {
    return this.invoker.call((o) =>
      this.stub.updateTenant({ tenant, updateMask: updateMask && { paths: updateMask } }, o),
    );
  }

  /** FAILED_PRECONDITION while the tenant has users, unless force. */
  async deleteTenant(id: string, force = false): Promise<void> {
    await this.invoker.call((o) => this.stub.deleteTenant({ id, force }, o));
  }

  listTenants(options: ListTenantsOptions = {}): Promise<ListTenantsResponse> {
    return this.invoker.call((o) => this.stub.listTenants(options, o));
  }

  iterTenants(options: Omit<ListTenantsOptions, "pageToken"> = {}): AsyncGenerator<Tenant> {
    return iteratePages(
      (pageToken) => this.listTenants({ ...options, pageToken }),
      (page) => page.tenants,
    );
  }
}
