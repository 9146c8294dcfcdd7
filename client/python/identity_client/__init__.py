"""Python client of the identity service (identity.v1 over gRPC).

    from identity_client import IdentityClient, Org
    client = IdentityClient("127.0.0.1:50051", access_key=key)
    client.orgs.create_org(Org(id="acme", name="Acme"))
"""

from identity_client.client import IdentityClient
from identity_client.errors import (AbortedError, AlreadyExistsError, CancelledError,
                                    DataLossError, DeadlineExceededError,
                                    FailedPreconditionError, FieldViolation, IdentityError,
                                    InternalError, InvalidArgumentError, NotFoundError,
                                    OutOfRangeError, PermissionDeniedError,
                                    ResourceExhaustedError, UnauthenticatedError,
                                    UnavailableError, UnimplementedError, UnknownError)
from identity_client.users import struct
from identity_client._generated.identity.v1.resources_pb2 import AccessKey, Org, Tenant, User

__all__ = [
    "IdentityClient", "Org", "Tenant", "User", "AccessKey", "struct",
    "IdentityError", "FieldViolation", "AbortedError", "AlreadyExistsError",
    "CancelledError", "DataLossError", "DeadlineExceededError", "FailedPreconditionError",
    "InternalError", "InvalidArgumentError", "NotFoundError", "OutOfRangeError",
    "PermissionDeniedError", "ResourceExhaustedError", "UnauthenticatedError",
    "UnavailableError", "UnimplementedError", "UnknownError",
]
