"""The request headers of the identity service, in one place."""

AUTHORIZATION = "authorization"
IMPERSONATE_USER = "x-impersonate-user"
# Where gRPC carries a serialized google.rpc.Status with the error's details.
STATUS_DETAILS = "grpc-status-details-bin"


def bearer(access_key: str) -> str:
    return f"Bearer {access_key}"
