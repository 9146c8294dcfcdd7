"""TenantService: groups of users inside an org."""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

import grpc

from identity_client.call_invoker import CallInvoker
from identity_client.field_masks import field_mask
from identity_client.paging import iterate_pages
from identity_client._generated.identity.v1 import (resources_pb2,
                                                    tenant_service_pb2 as pb,
                                                    tenant_service_pb2_grpc as rpc)


class Tenants:
    def __init__(self, channel: grpc.Channel, call: CallInvoker) -> None:
        self._stub = rpc.TenantServiceStub(channel)
        self._call = call

    def create_tenant(self, tenant: resources_pb2.Tenant) -> resources_pb2.Tenant:
        """FAILED_PRECONDITION when tenant.org_id does not exist."""
        return self._call(self._stub.CreateTenant, pb.CreateTenantRequest(tenant=tenant))

    def get_tenant(self, id: str) -> resources_pb2.Tenant:
        return self._call(self._stub.GetTenant, pb.GetTenantRequest(id=id))

    def update_tenant(self, tenant: resources_pb2.Tenant,
                      update_mask: Optional[Sequence[str]] = None) -> resources_pb2.Tenant:
        return self._call(self._stub.UpdateTenant,
                          pb.UpdateTenantRequest(tenant=tenant, update_mask=field_mask(update_mask)))

    def delete_tenant(self, id: str, force: bool = False) -> None:
        """FAILED_PRECONDITION while the tenant has users, unless force."""
        self._call(self._stub.DeleteTenant, pb.DeleteTenantRequest(id=id, force=force))

    def list_tenants(self, lookup_org_id: str = "", page_size: int = 0,
                     page_token: str = "") -> pb.ListTenantsResponse:
        """One page of the tenants of lookup_org_id (default: the caller's org)."""
        return self._call(self._stub.ListTenants, pb.ListTenantsRequest(
            lookup_org_id=lookup_org_id, page_size=page_size, page_token=page_token))

    def iter_tenants(self, lookup_org_id: str = "",
                     page_size: int = 0) -> Iterator[resources_pb2.Tenant]:
        return iterate_pages(
            lambda token: self.list_tenants(lookup_org_id, page_size, token), "tenants")
