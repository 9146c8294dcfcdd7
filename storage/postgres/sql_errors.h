// Turns driver (libpqxx) exceptions into absl::Status, in one place, so that
// no caller sees SQL, SQLSTATEs or driver text: only a code and a short
// message in domain words, which the statement's ErrorContext supplies.
//
//   } catch (const std::exception& e) {
//     DriverError error = FromDriverError(
//         e, ErrorContext(/*already_exists=*/"org o1 already exists"),
//         deadline);
//     if (error.connection_lost) lease.Discard();
//     return error.status;
//   }
#ifndef IDENTITY_STORAGE_POSTGRES_SQL_ERRORS_H_
#define IDENTITY_STORAGE_POSTGRES_SQL_ERRORS_H_

#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "base/error_reason.h"

namespace identity::postgres {

// The SQLSTATEs the storage layer tells apart.
namespace sqlstate {
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";
inline constexpr std::string_view kCheckViolation = "23514";
inline constexpr std::string_view kDataExceptionClass = "22";
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";
inline constexpr std::string_view kQueryCanceled = "57014";
inline constexpr std::string_view kLockNotAvailable = "55P03";
inline constexpr std::string_view kConnectionExceptionClass = "08";
inline constexpr std::string_view kAdminShutdown = "57P01";
inline constexpr std::string_view kCrashShutdown = "57P02";
inline constexpr std::string_view kCannotConnectNow = "57P03";
}  // namespace sqlstate

// What a statement's expected failures mean, in the caller's words and
// reasons (base/error_reason.h). Empty messages get a generic one.
struct ErrorContext {
  ErrorContext() = default;
  explicit ErrorContext(
      std::string already_exists, std::string failed_precondition = "",
      ErrorReason failed_precondition_reason = ErrorReason::kFailedPrecondition)
      : already_exists(std::move(already_exists)),
        failed_precondition(std::move(failed_precondition)),
        failed_precondition_reason(failed_precondition_reason) {}

  std::string already_exists;       // For a unique violation.
  std::string failed_precondition;  // For a foreign key violation.
  // Which parent is missing, or that children remain.
  ErrorReason failed_precondition_reason = ErrorReason::kFailedPrecondition;
};

struct DriverError {
  absl::Status status;
  // A serialization failure, deadlock or lost connection before commit: the
  // whole transaction may run again.
  bool retryable = false;
  // The connection is broken or in an unknown state: do not reuse it.
  bool connection_lost = false;
  // The database refused the request's data (a duplicate, a missing parent,
  // a bad value): the call's outcome, for the call metrics, and no failure
  // of the database's.
  bool refused_request = false;
};

// The message of UNAVAILABLE for a commit whose outcome is unknown: the
// change may or may not have been applied. Its own words, distinct from
// "database unavailable" (which is safe to retry), so that callers and
// status conversion can tell the two apart; its reason is OUTCOME_UNKNOWN.
inline constexpr char kOutcomeUnknownMessage[] =
    "commit outcome unknown: the change may or may not have been applied; "
    "read it back before retrying";

// Maps a driver exception thrown by a statement (or by connecting, beginning
// or committing) of a transaction with `deadline`:
//   unique violation                     -> ALREADY_EXISTS
//   foreign key violation                -> FAILED_PRECONDITION with the
//                                           context's reason
//   check violation, data exception      -> INVALID_ARGUMENT
//   serialization failure, deadlock      -> ABORTED CONCURRENT_UPDATE
//                                           (retryable)
//   statement cancelled by the deadline  -> DEADLINE_EXCEEDED
//   commit outcome unknown               -> UNAVAILABLE (never retryable)
//   broken connection, server shutdown   -> UNAVAILABLE DATABASE_UNAVAILABLE
//   anything else                        -> INTERNAL "internal error"
// Driver detail goes to stderr for INTERNAL and in-doubt errors only.
DriverError FromDriverError(const std::exception& error,
                            const ErrorContext& context, absl::Time deadline);

// Maps a driver exception thrown by commit(). Only a serialization failure
// or deadlock proves that nothing was committed (ABORTED, retryable); any
// other error, a lost connection included, leaves the outcome unknown:
// UNAVAILABLE with kOutcomeUnknownMessage, never retried, connection dropped.
DriverError FromCommitError(const std::exception& error);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_SQL_ERRORS_H_
