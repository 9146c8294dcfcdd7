"""AuditService: the trail of every change and every refused impersonation."""

from __future__ import annotations

import datetime
from typing import Iterator, Optional

import grpc

from identity_client.call_invoker import CallInvoker
from identity_client.paging import iterate_pages
from identity_client.timestamps import timestamp
from identity_client._generated.identity.v1 import (audit_service_pb2 as pb,
                                                    audit_service_pb2_grpc as rpc)


class Audit:
    def __init__(self, channel: grpc.Channel, call: CallInvoker) -> None:
        self._stub = rpc.AuditServiceStub(channel)
        self._call = call

    def list_audit_events(self, lookup_org_id: str = "",
                          start_time: Optional[datetime.datetime] = None,
                          end_time: Optional[datetime.datetime] = None,
                          actor_id: str = "", resource_type: str = "",
                          resource_id: str = "", page_size: int = 0,
                          page_token: str = "") -> pb.ListAuditEventsResponse:
        """One page of events, newest first (default: the caller's org; "*": all)."""
        request = pb.ListAuditEventsRequest(
            lookup_org_id=lookup_org_id, actor_id=actor_id, resource_type=resource_type,
            resource_id=resource_id, page_size=page_size, page_token=page_token)
        if start_time is not None:
            request.start_time.CopyFrom(timestamp(start_time))
        if end_time is not None:
            request.end_time.CopyFrom(timestamp(end_time))
        return self._call(self._stub.ListAuditEvents, request)

    def iter_audit_events(self, lookup_org_id: str = "", actor_id: str = "",
                          resource_type: str = "", resource_id: str = "",
                          page_size: int = 0) -> Iterator[pb.AuditEvent]:
        return iterate_pages(
            lambda token: self.list_audit_events(
                lookup_org_id, actor_id=actor_id, resource_type=resource_type,
                resource_id=resource_id, page_size=page_size, page_token=token), "events")
