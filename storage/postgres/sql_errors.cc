#include "storage/postgres/sql_errors.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/error_details.h"
#include "base/event_log.h"
#include "pqxx/pqxx"

namespace identity::postgres {
namespace {

// statement_timeout is the time left when the transaction began, so a
// statement it cancels ends at the deadline; the slack absorbs the two clocks'
// rounding.
constexpr absl::Duration kDeadlineSlack = absl::Milliseconds(20);

DriverError Unavailable() {
  return {WithReason(absl::UnavailableError("database unavailable"),
                     ErrorReason::kDatabaseUnavailable),
          /*retryable=*/true,
          /*connection_lost=*/true};
}

DriverError Conflict() {
  return {
      WithReason(absl::AbortedError("conflict with a concurrent transaction"),
                 ErrorReason::kConcurrentUpdate),
      /*retryable=*/true};
}

DriverError OutcomeUnknown(const std::exception& error) {
  LogEvent(
      EventLevel::kError,
      absl::StrCat("identity storage: commit outcome unknown: ", error.what()));
  return {WithReason(absl::UnavailableError(kOutcomeUnknownMessage),
                     ErrorReason::kOutcomeUnknown),
          /*retryable=*/false, /*connection_lost=*/true};
}

bool IsConflict(const std::exception& error) {
  if (dynamic_cast<const pqxx::serialization_failure*>(&error) != nullptr ||
      dynamic_cast<const pqxx::deadlock_detected*>(&error) != nullptr) {
    return true;
  }
  const auto* sql_error = dynamic_cast<const pqxx::sql_error*>(&error);
  return sql_error != nullptr &&
         (sql_error->sqlstate() == sqlstate::kSerializationFailure ||
          sql_error->sqlstate() == sqlstate::kDeadlockDetected);
}

DriverError Internal(const std::exception& error) {
  LogEvent(EventLevel::kError,
           absl::StrCat("identity storage: unexpected database error: ",
                        error.what()));
  return {absl::InternalError("internal error")};
}

DriverError FromSqlState(const pqxx::sql_error& error,
                         const ErrorContext& context, absl::Time deadline) {
  const std::string& state = error.sqlstate();
  if (state == sqlstate::kUniqueViolation) {
    return {absl::AlreadyExistsError(context.already_exists.empty()
                                         ? "already exists"
                                         : context.already_exists),
            /*retryable=*/false, /*connection_lost=*/false,
            /*refused_request=*/true};
  }
  if (state == sqlstate::kForeignKeyViolation) {
    return {WithReason(absl::FailedPreconditionError(
                           context.failed_precondition.empty()
                               ? "a referenced resource is missing"
                               : context.failed_precondition),
                       context.failed_precondition_reason),
            /*retryable=*/false, /*connection_lost=*/false,
            /*refused_request=*/true};
  }
  if (state == sqlstate::kCheckViolation ||
      state.substr(0, 2) == sqlstate::kDataExceptionClass) {
    return {absl::InvalidArgumentError("invalid value"),
            /*retryable=*/false, /*connection_lost=*/false,
            /*refused_request=*/true};
  }
  if (IsConflict(error)) return Conflict();
  if (state == sqlstate::kLockNotAvailable) {
    // lock_timeout: another transaction held a row for long; the caller may
    // retry the whole call, as after any lost race. Not retried here: the
    // holder may hold on for as long again.
    return {WithReason(absl::AbortedError("timed out waiting for a "
                                          "concurrent transaction; retry"),
                       ErrorReason::kConcurrentUpdate)};
  }
  if (state == sqlstate::kQueryCanceled &&
      absl::Now() >= deadline - kDeadlineSlack) {
    return {absl::DeadlineExceededError("deadline exceeded")};
  }
  if (state.substr(0, 2) == sqlstate::kConnectionExceptionClass ||
      state == sqlstate::kAdminShutdown || state == sqlstate::kCrashShutdown ||
      state == sqlstate::kCannotConnectNow) {
    return Unavailable();
  }
  return Internal(error);
}

}  // namespace

DriverError FromDriverError(const std::exception& error,
                            const ErrorContext& context, absl::Time deadline) {
  // libpqxx 6 throws these without a SQLSTATE, so they are told apart by type.
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    return OutcomeUnknown(error);
  }
  if (IsConflict(error)) return Conflict();
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr ||
      dynamic_cast<const pqxx::statement_completion_unknown*>(&error) !=
          nullptr) {
    return Unavailable();
  }
  if (const auto* sql_error = dynamic_cast<const pqxx::sql_error*>(&error)) {
    return FromSqlState(*sql_error, context, deadline);
  }
  return Internal(error);
}

DriverError FromCommitError(const std::exception& error) {
  if (IsConflict(error)) return Conflict();
  return OutcomeUnknown(error);
}

}  // namespace identity::postgres
