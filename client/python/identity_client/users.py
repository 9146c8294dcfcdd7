"""UserService: users, who the caller is, and the caller's configuration."""

from __future__ import annotations

from typing import Any, Dict, Iterator, Mapping, Optional, Sequence

import grpc
from google.protobuf import json_format, struct_pb2

from identity_client.call_invoker import CallInvoker
from identity_client.field_masks import field_mask
from identity_client.paging import iterate_pages
from identity_client._generated.identity.v1 import (resources_pb2,
                                                    user_service_pb2 as pb,
                                                    user_service_pb2_grpc as rpc)


class Users:
    def __init__(self, channel: grpc.Channel, call: CallInvoker) -> None:
        self._stub = rpc.UserServiceStub(channel)
        self._call = call

    def create_user(self, user: resources_pb2.User) -> resources_pb2.User:
        """FAILED_PRECONDITION when the tenant or org does not exist."""
        return self._call(self._stub.CreateUser, pb.CreateUserRequest(user=user))

    def get_user(self, id: str) -> resources_pb2.User:
        return self._call(self._stub.GetUser, pb.GetUserRequest(id=id))

    def update_user(self, user: resources_pb2.User,
                    update_mask: Optional[Sequence[str]] = None) -> resources_pb2.User:
        return self._call(self._stub.UpdateUser,
                          pb.UpdateUserRequest(user=user, update_mask=field_mask(update_mask)))

    def delete_user(self, id: str) -> None:
        self._call(self._stub.DeleteUser, pb.DeleteUserRequest(id=id))

    def list_users(self, lookup_org_id: str = "", lookup_tenant_id: str = "",
                   lookup_user_id: str = "", page_size: int = 0,
                   page_token: str = "") -> pb.ListUsersResponse:
        """One page of users (default: the caller's org), filtered by the lookups."""
        return self._call(self._stub.ListUsers, pb.ListUsersRequest(
            lookup_org_id=lookup_org_id, lookup_tenant_id=lookup_tenant_id,
            lookup_user_id=lookup_user_id, page_size=page_size, page_token=page_token))

    def iter_users(self, lookup_org_id: str = "", lookup_tenant_id: str = "",
                   lookup_user_id: str = "",
                   page_size: int = 0) -> Iterator[resources_pb2.User]:
        return iterate_pages(
            lambda token: self.list_users(lookup_org_id, lookup_tenant_id, lookup_user_id,
                                          page_size, token), "users")

    def get_user_info(self) -> pb.GetUserInfoResponse:
        """The caller (or the user it impersonates): roles, permissions, impersonator_id."""
        return self._call(self._stub.GetUserInfo, pb.GetUserInfoRequest())

    def update_config(self, updated: Optional[Mapping[str, Any]] = None,
                      deleted: Sequence[str] = ()) -> Dict[str, Any]:
        """Sets every key of updated, removes every key of deleted, returns the whole config.

        Values are JSON values (numbers come back as floats, as in JSON).
        With no arguments it returns the current config.
        """
        request = pb.UpdateConfigRequest(deleted=list(deleted))
        if updated:
            request.updated.update(dict(updated))
        response = self._call(self._stub.UpdateConfig, request)
        return json_format.MessageToDict(response.configs) if response.HasField(
            "configs") else {}


def struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    """A google.protobuf.Struct for the `variables` of orgs, tenants and users."""
    result = struct_pb2.Struct()
    result.update(dict(values))
    return result
