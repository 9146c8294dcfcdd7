"""The errors a call raises: one exception type per gRPC status code.

Every type derives from IdentityError, which carries the status code and
message and, when the server sent them in the grpc-status-details-bin
trailer, the google.rpc.ErrorInfo (reason, domain, metadata) and the
google.rpc.BadRequest field violations:

    try:
        client.users.create_user(User(id="bad id!"))
    except InvalidArgumentError as error:
        print(error.reason, [v.field for v in error.field_violations])
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Type

import grpc
from google.protobuf.message import DecodeError

from identity_client import call_metadata
from identity_client._generated.google.rpc import error_details_pb2, status_pb2


class FieldViolation(NamedTuple):
    """One bad request field (google.rpc.BadRequest.FieldViolation)."""

    field: str
    description: str


class IdentityError(Exception):
    """A call that failed; `code` is its grpc.StatusCode."""

    code: grpc.StatusCode = grpc.StatusCode.UNKNOWN

    def __init__(self, message: str, *, code: Optional[grpc.StatusCode] = None,
                 reason: str = "", domain: str = "",
                 metadata: Optional[Mapping[str, str]] = None,
                 field_violations: Sequence[FieldViolation] = ()) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.reason = reason
        self.domain = domain
        self.metadata: Dict[str, str] = dict(metadata or {})
        self.field_violations: List[FieldViolation] = list(field_violations)

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"


class CancelledError(IdentityError):
    code = grpc.StatusCode.CANCELLED


class UnknownError(IdentityError):
    code = grpc.StatusCode.UNKNOWN


class InvalidArgumentError(IdentityError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class DeadlineExceededError(IdentityError):
    code = grpc.StatusCode.DEADLINE_EXCEEDED


class NotFoundError(IdentityError):
    code = grpc.StatusCode.NOT_FOUND


class AlreadyExistsError(IdentityError):
    code = grpc.StatusCode.ALREADY_EXISTS


class PermissionDeniedError(IdentityError):
    code = grpc.StatusCode.PERMISSION_DENIED


class ResourceExhaustedError(IdentityError):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED


class FailedPreconditionError(IdentityError):
    code = grpc.StatusCode.FAILED_PRECONDITION


class AbortedError(IdentityError):
    code = grpc.StatusCode.ABORTED


class OutOfRangeError(IdentityError):
    code = grpc.StatusCode.OUT_OF_RANGE


class UnimplementedError(IdentityError):
    code = grpc.StatusCode.UNIMPLEMENTED


class InternalError(IdentityError):
    code = grpc.StatusCode.INTERNAL


class UnavailableError(IdentityError):
    code = grpc.StatusCode.UNAVAILABLE


class DataLossError(IdentityError):
    code = grpc.StatusCode.DATA_LOSS


class UnauthenticatedError(IdentityError):
    code = grpc.StatusCode.UNAUTHENTICATED


ERROR_TYPES: Dict[grpc.StatusCode, Type[IdentityError]] = {
    error_type.code: error_type
    for error_type in (CancelledError, UnknownError, InvalidArgumentError,
                       DeadlineExceededError, NotFoundError, AlreadyExistsError,
                       PermissionDeniedError, ResourceExhaustedError,
                       FailedPreconditionError, AbortedError, OutOfRangeError,
                       UnimplementedError, InternalError, UnavailableError,
                       DataLossError, UnauthenticatedError)
}


def error_from_status(code: grpc.StatusCode, message: str,
                      details: Optional[bytes] = None) -> IdentityError:
    """Builds the exception for a failed call.

    details: the value of the grpc-status-details-bin trailer, if any. Details
    that do not parse, or whose code disagrees with the call's, are ignored:
    the code and message of the call itself always stand.
    """
    reason, domain, metadata, violations = "", "", {}, []
    status = _parse_status(details, code)
    if status is not None:
        for detail in status.details:
            if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
            elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad_request = error_details_pb2.BadRequest()
                detail.Unpack(bad_request)
                violations.extend(FieldViolation(v.field, v.description)
                                  for v in bad_request.field_violations)
    error_type = ERROR_TYPES.get(code, IdentityError)
    return error_type(message, code=code, reason=reason, domain=domain,
                      metadata=metadata, field_violations=violations)


def error_from_rpc_error(error: grpc.RpcError) -> IdentityError:
    """The exception for an error raised by a unary stub call.

    Such an RpcError is also the call (a grpc.Call): it has the code, the
    message and the trailers.
    """
    call: Any = error
    if not isinstance(error, grpc.Call):
        return UnknownError(str(error))
    details = next((value for key, value in call.trailing_metadata() or ()
                    if key == call_metadata.STATUS_DETAILS), None)
    return error_from_status(call.code(), call.details() or "", details)


def _parse_status(details: Optional[bytes],
                  code: grpc.StatusCode) -> Optional[status_pb2.Status]:
    if not details:
        return None
    status = status_pb2.Status()
    try:
        status.ParseFromString(details)
    except DecodeError:
        return None
    if status.code != code.value[0]:
        return None
    return status
