// The stable, machine-readable reasons of the errors this service returns,
// in one place. The server sends the reason's name as google.rpc.ErrorInfo's
// `reason` (domain "identity"); clients branch on it instead of on messages.
// README.md lists them; the names never change once released.
//
//   return WithReason(absl::NotFoundError("tenant t1 does not exist"),
//                     ErrorReason::kTenantNotFound);
//   ErrorReasonName(ErrorReason::kTenantNotFound);  // "TENANT_NOT_FOUND"
//
// A C++ table rather than a proto enum: the errors are made in layers that see
// no protos (service/auth, storage/postgres), and base/ is below them all.
#ifndef IDENTITY_BASE_ERROR_REASON_H_
#define IDENTITY_BASE_ERROR_REASON_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace identity {

enum class ErrorReason {
  // The default reason of each code, when the error site names none.
  kCancelled,
  kInvalidArgument,
  kDeadlineExceeded,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kResourceExhausted,
  kFailedPrecondition,
  kAborted,
  kOutOfRange,
  kUnimplemented,
  kInternal,
  kUnavailable,
  kUnauthenticated,
  // INVALID_ARGUMENT: a request field breaks its rule (BadRequest names it).
  kInvalidField,
  // INVALID_ARGUMENT: the x-impersonate-user header is malformed or repeated.
  kInvalidImpersonationHeader,
  // NOT_FOUND, or FAILED_PRECONDITION when the missing one is a parent.
  kOrgNotFound,
  kTenantNotFound,
  kUserNotFound,
  kAccessKeyNotFound,
  // FAILED_PRECONDITION: the tenant belongs to another org than the one given.
  kTenantNotInOrg,
  // FAILED_PRECONDITION: delete without force while children exist.
  kHasChildren,
  // ABORTED: the etag sent is stale; read again and retry.
  kEtagMismatch,
  // ABORTED: a concurrent transaction won; retry the call.
  kConcurrentUpdate,
  // PERMISSION_DENIED: the caller may not impersonate that user (whether or
  // not it exists).
  kImpersonationRefused,
  // UNAUTHENTICATED: no usable "authorization: Bearer <key>" header.
  kMissingCredentials,
  // UNAUTHENTICATED: the key is malformed, unknown, deleted or expired; which
  // one is not revealed.
  kInvalidAccessKey,
  // UNAVAILABLE: the database cannot be reached; retry later.
  kDatabaseUnavailable,
  // UNAVAILABLE: the commit's outcome is unknown (the connection broke while
  // committing): the change may or may not have been applied; read it back,
  // or retry with the same request_id.
  kOutcomeUnknown,
  // RESOURCE_EXHAUSTED: the caller's address failed to authenticate too often
  // lately; it is refused without a lookup until its budget refills.
  kTooManyFailedAuthentications,
  // UNAVAILABLE: the server is overloaded (its queue is full, or the call
  // waited in it too long); retry later, with backoff.
  kServerOverloaded,
  // INVALID_ARGUMENT: the request_id was used by this caller for another
  // request; a retry must send the same request.
  kRequestIdReused,
};

// Every reason, for tables and tests.
inline constexpr ErrorReason kAllErrorReasons[] = {
    ErrorReason::kCancelled,
    ErrorReason::kInvalidArgument,
    ErrorReason::kDeadlineExceeded,
    ErrorReason::kNotFound,
    ErrorReason::kAlreadyExists,
    ErrorReason::kPermissionDenied,
    ErrorReason::kResourceExhausted,
    ErrorReason::kFailedPrecondition,
    ErrorReason::kAborted,
    ErrorReason::kOutOfRange,
    ErrorReason::kUnimplemented,
    ErrorReason::kInternal,
    ErrorReason::kUnavailable,
    ErrorReason::kUnauthenticated,
    ErrorReason::kInvalidField,
    ErrorReason::kInvalidImpersonationHeader,
    ErrorReason::kOrgNotFound,
    ErrorReason::kTenantNotFound,
    ErrorReason::kUserNotFound,
    ErrorReason::kAccessKeyNotFound,
    ErrorReason::kTenantNotInOrg,
    ErrorReason::kHasChildren,
    ErrorReason::kEtagMismatch,
    ErrorReason::kConcurrentUpdate,
    ErrorReason::kImpersonationRefused,
    ErrorReason::kMissingCredentials,
    ErrorReason::kInvalidAccessKey,
    ErrorReason::kDatabaseUnavailable,
    ErrorReason::kOutcomeUnknown,
    ErrorReason::kTooManyFailedAuthentications,
    ErrorReason::kServerOverloaded,
    ErrorReason::kRequestIdReused,
};

// The wire name: UPPER_SNAKE_CASE, stable.
constexpr absl::string_view ErrorReasonName(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kCancelled:
      return "CANCELLED";
    case ErrorReason::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case ErrorReason::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case ErrorReason::kNotFound:
      return "NOT_FOUND";
    case ErrorReason::kAlreadyExists:
      return "ALREADY_EXISTS";
    case ErrorReason::kPermissionDenied:
      return "PERMISSION_DENIED";
    case ErrorReason::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case ErrorReason::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case ErrorReason::kAborted:
      return "ABORTED";
    case ErrorReason::kOutOfRange:
      return "OUT_OF_RANGE";
    case ErrorReason::kUnimplemented:
      return "UNIMPLEMENTED";
    case ErrorReason::kInternal:
      return "INTERNAL";
    case ErrorReason::kUnavailable:
      return "UNAVAILABLE";
    case ErrorReason::kUnauthenticated:
      return "UNAUTHENTICATED";
    case ErrorReason::kInvalidField:
      return "INVALID_FIELD";
    case ErrorReason::kInvalidImpersonationHeader:
      return "INVALID_IMPERSONATION_HEADER";
    case ErrorReason::kOrgNotFound:
      return "ORG_NOT_FOUND";
    case ErrorReason::kTenantNotFound:
      return "TENANT_NOT_FOUND";
    case ErrorReason::kUserNotFound:
      return "USER_NOT_FOUND";
    case ErrorReason::kAccessKeyNotFound:
      return "ACCESS_KEY_NOT_FOUND";
    case ErrorReason::kTenantNotInOrg:
      return "TENANT_NOT_IN_ORG";
    case ErrorReason::kHasChildren:
      return "HAS_CHILDREN";
    case ErrorReason::kEtagMismatch:
      return "ETAG_MISMATCH";
    case ErrorReason::kConcurrentUpdate:
      return "CONCURRENT_UPDATE";
    case ErrorReason::kImpersonationRefused:
      return "IMPERSONATION_REFUSED";
    case ErrorReason::kMissingCredentials:
      return "MISSING_CREDENTIALS";
    case ErrorReason::kInvalidAccessKey:
      return "INVALID_ACCESS_KEY";
    case ErrorReason::kDatabaseUnavailable:
      return "DATABASE_UNAVAILABLE";
    case ErrorReason::kOutcomeUnknown:
      return "OUTCOME_UNKNOWN";
    case ErrorReason::kTooManyFailedAuthentications:
      return "TOO_MANY_FAILED_AUTHENTICATIONS";
    case ErrorReason::kServerOverloaded:
      return "SERVER_OVERLOADED";
    case ErrorReason::kRequestIdReused:
      return "REQUEST_ID_REUSED";
  }
  return "INTERNAL";
}

// The reason of an error whose site attached none. UNKNOWN and DATA_LOSS are
// INTERNAL, as their messages are (nothing internal reaches a client).
constexpr ErrorReason DefaultErrorReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kCancelled:
      return ErrorReason::kCancelled;
    case absl::StatusCode::kInvalidArgument:
      return ErrorReason::kInvalidArgument;
    case absl::StatusCode::kDeadlineExceeded:
      return ErrorReason::kDeadlineExceeded;
    case absl::StatusCode::kNotFound:
      return ErrorReason::kNotFound;
    case absl::StatusCode::kAlreadyExists:
      return ErrorReason::kAlreadyExists;
    case absl::StatusCode::kPermissionDenied:
      return ErrorReason::kPermissionDenied;
    case absl::StatusCode::kResourceExhausted:
      return ErrorReason::kResourceExhausted;
    case absl::StatusCode::kFailedPrecondition:
      return ErrorReason::kFailedPrecondition;
    case absl::StatusCode::kAborted:
      return ErrorReason::kAborted;
    case absl::StatusCode::kOutOfRange:
      return ErrorReason::kOutOfRange;
    case absl::StatusCode::kUnimplemented:
      return ErrorReason::kUnimplemented;
    case absl::StatusCode::kUnavailable:
      return ErrorReason::kUnavailable;
    case absl::StatusCode::kUnauthenticated:
      return ErrorReason::kUnauthenticated;
    default:
      return ErrorReason::kInternal;
  }
}

}  // namespace identity

#endif  // IDENTITY_BASE_ERROR_REASON_H_
