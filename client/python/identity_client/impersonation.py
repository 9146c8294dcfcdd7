"""Which user a client's calls run as, for a client shared by many threads.

Two sources, the scope winning over the setter:
  * a scope (`with client.impersonate_user("u1"):`) lives in a ContextVar, so
    it holds for the thread or asyncio task that opened it and never leaks
    into another thread;
  * the shared setting (`set_impersonate_user`) applies to every thread, and
    a lock makes setting and reading it safe from any of them.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import threading
from typing import Iterator, Optional

# Each ImpersonationState needs a ContextVar of its own; the counter keeps
# their names apart in debugging output.
_state_numbers = itertools.count()
# "No scope is open" (None would read as "a scope that clears impersonation").
_NO_SCOPE = object()


class ImpersonationState:
    def __init__(self) -> None:
        self._scoped: contextvars.ContextVar[object] = contextvars.ContextVar(
            f"identity_impersonation_{next(_state_numbers)}", default=_NO_SCOPE)
        self._lock = threading.Lock()
        self._shared: Optional[str] = None

    def set_shared(self, user_id: Optional[str]) -> None:
        """Impersonates user_id in every thread from now on; None or "" stops."""
        with self._lock:
            self._shared = user_id or None

    @contextlib.contextmanager
    def scope(self, user_id: str) -> Iterator[None]:
        """Impersonates user_id in this thread or task until the block ends."""
        if not user_id:
            raise ValueError("impersonate_user needs a user id")
        token = self._scoped.set(user_id)
        try:
            yield
        finally:
            self._scoped.reset(token)

    def current(self) -> Optional[str]:
        """The user the next call from this thread or task runs as, or None."""
        scoped = self._scoped.get()
        if scoped is not _NO_SCOPE:
            return scoped  # type: ignore[return-value]
        with self._lock:
            return self._shared
