"""OrgService: organizations, the top of the hierarchy."""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

import grpc

from identity_client.call_invoker import CallInvoker
from identity_client.field_masks import field_mask
from identity_client.paging import iterate_pages
from identity_client._generated.identity.v1 import (org_service_pb2 as pb,
                                                    org_service_pb2_grpc as rpc,
                                                    resources_pb2)


class Orgs:
    def __init__(self, channel: grpc.Channel, call: CallInvoker) -> None:
        self._stub = rpc.OrgServiceStub(channel)
        self._call = call

    def create_org(self, org: resources_pb2.Org) -> resources_pb2.Org:
        """Creates org (id chosen by the caller); ALREADY_EXISTS for a taken id."""
        return self._call(self._stub.CreateOrg, pb.CreateOrgRequest(org=org))

    def get_org(self, id: str) -> resources_pb2.Org:
        return self._call(self._stub.GetOrg, pb.GetOrgRequest(id=id))

    def update_org(self, org: resources_pb2.Org,
                   update_mask: Optional[Sequence[str]] = None) -> resources_pb2.Org:
        """Updates the org named by org.id; ABORTED when org.etag is set and stale."""
        return self._call(self._stub.UpdateOrg,
                          pb.UpdateOrgRequest(org=org, update_mask=field_mask(update_mask)))

    def delete_org(self, id: str, force: bool = False) -> None:
        """FAILED_PRECONDITION while the org has tenants, unless force."""
        self._call(self._stub.DeleteOrg, pb.DeleteOrgRequest(id=id, force=force))

    def list_orgs(self, page_size: int = 0, page_token: str = "") -> pb.ListOrgsResponse:
        return self._call(self._stub.ListOrgs,
                          pb.ListOrgsRequest(page_size=page_size, page_token=page_token))

    def iter_orgs(self, page_size: int = 0) -> Iterator[resources_pb2.Org]:
        """Every org the caller may see, page after page."""
        return iterate_pages(lambda token: self.list_orgs(page_size, token), "orgs")
