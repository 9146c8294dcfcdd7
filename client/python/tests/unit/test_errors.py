"""Parsing the grpc-status-details-bin trailer into IdentityError fields."""

import grpc
import pytest
from google.protobuf import any_pb2

from identity_client import errors
from identity_client._generated.google.rpc import error_details_pb2, status_pb2


def _packed(message):
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def _status_bytes(code: grpc.StatusCode, message: str, *details) -> bytes:
    return status_pb2.Status(code=code.value[0], message=message,
                             details=[_packed(d) for d in details]).SerializeToString()


def test_invalid_argument_carries_error_info_and_field_violations():
    details = _status_bytes(
        grpc.StatusCode.INVALID_ARGUMENT, "user.id: bad character",
        error_details_pb2.ErrorInfo(reason="INVALID_FIELD", domain="identity",
                                    metadata={"field": "user.id"}),
        error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field="user.id",
                                                        description="bad character"),
            error_details_pb2.BadRequest.FieldViolation(field="user.name",
                                                        description="too long")]))

    error = errors.error_from_status(grpc.StatusCode.INVALID_ARGUMENT,
                                     "user.id: bad character", details)

    assert type(error) is errors.InvalidArgumentError
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.message == "user.id: bad character"
    assert (error.reason, error.domain) == ("INVALID_FIELD", "identity")
    assert error.metadata == {"field": "user.id"}
    assert error.field_violations == [
        errors.FieldViolation("user.id", "bad character"),
        errors.FieldViolation("user.name", "too long")]
    assert str(error) == "INVALID_ARGUMENT: user.id: bad character"


def test_error_info_without_bad_request():
    details = _status_bytes(grpc.StatusCode.PERMISSION_DENIED, "no",
                            error_details_pb2.ErrorInfo(reason="IMPERSONATION_DENIED",
                                                        domain="identity"))

    error = errors.error_from_status(grpc.StatusCode.PERMISSION_DENIED, "no", details)

    assert isinstance(error, errors.PermissionDeniedError)
    assert error.reason == "IMPERSONATION_DENIED"
    assert error.field_violations == []


@pytest.mark.parametrize("details", [None, b"", b"\xff\xff\xff not a status"])
def test_missing_or_garbled_details_keep_code_and_message(details):
    error = errors.error_from_status(grpc.StatusCode.NOT_FOUND, "no org x", details)

    assert type(error) is errors.NotFoundError
    assert (error.message, error.reason, error.domain) == ("no org x", "", "")
    assert error.metadata == {} and error.field_violations == []


def test_details_of_another_code_are_ignored():
    details = _status_bytes(grpc.StatusCode.INTERNAL, "other",
                            error_details_pb2.ErrorInfo(reason="WRONG"))

    error = errors.error_from_status(grpc.StatusCode.ABORTED, "stale etag", details)

    assert type(error) is errors.AbortedError
    assert error.reason == ""


def test_every_status_code_but_ok_has_its_own_type():
    codes = [code for code in grpc.StatusCode if code != grpc.StatusCode.OK]

    types = {code: type(errors.error_from_status(code, "m")) for code in codes}

    assert len(set(types.values())) == len(codes)
    assert all(error_type.code == code for code, error_type in types.items())
    assert all(issubclass(error_type, errors.IdentityError) for error_type in types.values())


class _FakeRpcError(grpc.RpcError, grpc.Call):
    """What a failed unary stub call raises: an RpcError that is also the call."""

    def __init__(self, code, details, trailers):
        self._code, self._details, self._trailers = code, details, trailers

    def code(self):
        return self._code

    def details(self):
        return self._details

    def trailing_metadata(self):
        return self._trailers


def test_rpc_error_details_are_read_from_the_trailer():
    details = _status_bytes(grpc.StatusCode.ALREADY_EXISTS, "taken",
                            error_details_pb2.ErrorInfo(reason="ALREADY_EXISTS",
                                                        domain="identity"))
    rpc_error = _FakeRpcError(grpc.StatusCode.ALREADY_EXISTS, "taken",
                              (("other", "x"), ("grpc-status-details-bin", details)))

    error = errors.error_from_rpc_error(rpc_error)

    assert type(error) is errors.AlreadyExistsError
    assert (error.message, error.reason, error.domain) == ("taken", "ALREADY_EXISTS", "identity")
