"""AccessKeyService: the API keys every call carries."""

from __future__ import annotations

import datetime
from typing import Iterator, Optional, Sequence, Union

import grpc

from identity_client.call_invoker import CallInvoker
from identity_client.paging import iterate_pages
from identity_client.timestamps import timestamp
from identity_client._generated.identity.v1 import (access_key_service_pb2 as pb,
                                                    access_key_service_pb2_grpc as rpc,
                                                    resources_pb2)


class AccessKeys:
    def __init__(self, channel: grpc.Channel, call: CallInvoker) -> None:
        self._stub = rpc.AccessKeyServiceStub(channel)
        self._call = call

    def create_access_key(self, name: str, description: str = "",
                          expire_time: Optional[datetime.datetime] = None,
                          user_id: str = "") -> resources_pb2.AccessKey:
        """Creates a key for user_id (default: the caller).

        The result's access_key is the secret: shown here, and never again.
        ALREADY_EXISTS when the user has a key of that name.
        """
        request = pb.CreateAccessKeyRequest(name=name, description=description, user_id=user_id)
        if expire_time is not None:
            request.expire_time.CopyFrom(timestamp(expire_time))
        return self._call(self._stub.CreateAccessKey, request)

    def list_access_keys(self, user_id: str = "", page_size: int = 0,
                         page_token: str = "") -> pb.ListAccessKeysResponse:
        """One page of user_id's keys (default: the caller's), without secrets."""
        return self._call(self._stub.ListAccessKeys, pb.ListAccessKeysRequest(
            user_id=user_id, page_size=page_size, page_token=page_token))

    def iter_access_keys(self, user_id: str = "",
                         page_size: int = 0) -> Iterator[resources_pb2.AccessKey]:
        return iterate_pages(
            lambda token: self.list_access_keys(user_id, page_size, token), "access_keys")

    def delete_access_key(self, names: Union[str, Sequence[str]], user_id: str = "") -> None:
        """Deletes the named keys, all or nothing: NOT_FOUND if one is unknown."""
        names = [names] if isinstance(names, str) else list(names)
        self._call(self._stub.DeleteAccessKeys,
                   pb.DeleteAccessKeysRequest(names=names, user_id=user_id))

    def rotate_access_key(self, name: str, user_id: str = "",
                          grace_period: Optional[datetime.timedelta] = None
                          ) -> resources_pb2.AccessKey:
        """Gives the key a new secret, shown here and never again.

        The old secret keeps working for grace_period (None: the server's
        default, 24 hours; zero: it stops at once); the result's
        previous_key_prefix and previous_expire_time name it. NOT_FOUND when
        the key does not exist; INVALID_ARGUMENT for a grace period that is
        negative or over 30 days.
        """
        request = pb.RotateAccessKeyRequest(name=name, user_id=user_id)
        if grace_period is not None:
            request.grace_period.FromTimedelta(grace_period)
        return self._call(self._stub.RotateAccessKey, request)
