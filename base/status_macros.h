// Early-return helpers for absl::Status, named like Abseil's newer ones
// (Debian's Abseil 20220623 has neither).
//
//   RETURN_IF_ERROR(tx.orgs().Delete(id, force));
//   ASSIGN_OR_RETURN(Org org, tx.orgs().Get(id, Lock::kForUpdate));
#ifndef IDENTITY_BASE_STATUS_MACROS_H_
#define IDENTITY_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define IDENTITY_STATUS_CONCAT_INNER_(a, b) a##b
#define IDENTITY_STATUS_CONCAT_(a, b) IDENTITY_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                                   \
    }                                                   \
  } while (false)

// Evaluates an absl::StatusOr<T>; returns its status when not OK, otherwise
// moves the value into `lhs` (which may be a declaration).
#define ASSIGN_OR_RETURN(lhs, expr) \
  IDENTITY_ASSIGN_OR_RETURN_IMPL_(  \
      IDENTITY_STATUS_CONCAT_(status_or_value_, __LINE__), lhs, expr)

#define IDENTITY_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) {                                      \
    return std::move(statusor).status();                     \
  }                                                          \
  lhs = std::move(statusor).value()

#endif  // IDENTITY_BASE_STATUS_MACROS_H_
