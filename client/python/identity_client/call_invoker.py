"""Sends one unary call with the client's key, impersonation and deadline,
and turns a failure into an IdentityError."""

from __future__ import annotations

from typing import Any, Callable, List, Tuple

import grpc

from identity_client import call_metadata
from identity_client.errors import error_from_rpc_error
from identity_client.impersonation import ImpersonationState


class CallInvoker:
    def __init__(self, access_key: str, impersonation: ImpersonationState,
                 timeout_seconds: float) -> None:
        self._access_key = access_key
        self._impersonation = impersonation
        self._timeout_seconds = timeout_seconds

    def __call__(self, method: Callable[..., Any], request: Any) -> Any:
        """Calls method (a stub's unary callable) with request; raises IdentityError."""
        try:
            return method(request, metadata=self._metadata(), timeout=self._timeout_seconds)
        except grpc.RpcError as error:
            raise error_from_rpc_error(error) from error

    def _metadata(self) -> List[Tuple[str, str]]:
        metadata = []
        if self._access_key:
            metadata.append((call_metadata.AUTHORIZATION, call_metadata.bearer(self._access_key)))
        user_id = self._impersonation.current()
        if user_id:
            metadata.append((call_metadata.IMPERSONATE_USER, user_id))
        return metadata
