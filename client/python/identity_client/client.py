"""IdentityClient: one channel to the identity service and a namespace per service."""

from __future__ import annotations

import contextlib
import os
from typing import Iterator, Optional

import grpc

from identity_client.access_keys import AccessKeys
from identity_client.audit import Audit
from identity_client.call_invoker import CallInvoker
from identity_client.impersonation import ImpersonationState
from identity_client.orgs import Orgs
from identity_client.tenants import Tenants
from identity_client.users import Users

DEFAULT_ENDPOINT = "127.0.0.1:50051"


class IdentityClient:
    """A client of identity.v1, safe to share between threads.

        client = IdentityClient("127.0.0.1:50051", access_key=key)
        client.orgs.create_org(Org(id="acme", name="Acme"))
        with client.impersonate_user("jack@acme.com"):
            print(client.users.get_user_info().permissions)

    endpoint and access_key default to $IDENTITY_ENDPOINT (else
    127.0.0.1:50051) and $IDENTITY_ACCESS_KEY. Every call carries
    "authorization: Bearer <key>" and a deadline of timeout seconds; a failed
    call raises the IdentityError subclass of its status code.
    """

    def __init__(self, endpoint: Optional[str] = None, access_key: Optional[str] = None,
                 *, timeout: float = 10.0,
                 credentials: Optional[grpc.ChannelCredentials] = None) -> None:
        endpoint = endpoint or os.environ.get("IDENTITY_ENDPOINT") or DEFAULT_ENDPOINT
        access_key = access_key if access_key is not None else os.environ.get(
            "IDENTITY_ACCESS_KEY", "")
        if not access_key:
            raise ValueError("no access key: pass access_key or set IDENTITY_ACCESS_KEY")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.endpoint = endpoint
        self._channel = (grpc.secure_channel(endpoint, credentials) if credentials
                         else grpc.insecure_channel(endpoint))
        self._impersonation = ImpersonationState()
        call = CallInvoker(access_key, self._impersonation, timeout)
        self.orgs = Orgs(self._channel, call)
        self.tenants = Tenants(self._channel, call)
        self.users = Users(self._channel, call)
        self.access_keys = AccessKeys(self._channel, call)
        self.audit = Audit(self._channel, call)

    # --- Impersonation (needs usage:impersonation; else PERMISSION_DENIED) ---

    def impersonate_user(self, user_id: str) -> contextlib.AbstractContextManager:
        """Runs the calls of this thread (or asyncio task) as user_id inside the block.

        Other threads are not affected; on exit the previous user is back.
        """
        return self._impersonation.scope(user_id)

    def set_impersonate_user(self, user_id: str) -> None:
        """Runs every following call of every thread as user_id (a scope still wins)."""
        self._impersonation.set_shared(user_id)

    def clear_impersonation(self) -> None:
        self._impersonation.set_shared(None)

    @property
    def impersonated_user(self) -> Optional[str]:
        """The user this thread's next call runs as, or None for the key's own user."""
        return self._impersonation.current()

    # --- Lifetime ---

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "IdentityClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
