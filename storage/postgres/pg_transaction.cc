#include "storage/postgres/pg_transaction.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "pqxx/pqxx"

namespace identity::postgres {

PgTransaction::PgTransaction(pqxx::transaction_base& work, absl::Time deadline)
    : work_(work),
      deadline_(deadline),
      orgs_(*this),
      tenants_(*this),
      users_(*this),
      access_keys_(*this),
      audit_(*this),
      idempotency_(*this) {}

absl::StatusOr<pqxx::result> PgTransaction::Exec(
    const Statement& statement, absl::Span<const SqlParam> params,
    const ErrorContext& context) {
  if (failure_.has_value()) return failure_->status;
  if (absl::Now() >= deadline_) {
    return Fail({absl::DeadlineExceededError("deadline exceeded")});
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const SqlParam& param : params) {
    const std::optional<std::string>& text = param.text();
    if (text.has_value() && text->find('\0') != std::string::npos) {
      return absl::InvalidArgumentError("text must not contain NUL characters");
    }
    values.push_back(text.has_value() ? text->c_str() : nullptr);
  }
  try {
    return work_.exec_prepared(statement.name,
                               pqxx::prepare::make_dynamic_params(values));
  } catch (const std::exception& e) {
    return Fail(FromDriverError(e, context, deadline_));
  }
}

absl::Status PgTransaction::UpdateMissed(const Statement& exists,
                                         std::string_view kind,
                                         std::string_view id,
                                         ErrorReason not_found) {
  ASSIGN_OR_RETURN(pqxx::result rows, Exec(exists, {id}));
  if (!rows[0][0].as<bool>()) {
    return WithReason(
        absl::NotFoundError(absl::StrCat(std::string(kind), " ",
                                         std::string(id), " does not exist")),
        not_found);
  }
  return WithReason(
      absl::AbortedError(absl::StrCat(std::string(kind), " ", std::string(id),
                                      " has changed since it was read")),
      ErrorReason::kConcurrentUpdate);
}

absl::Status PgTransaction::Fail(DriverError error) {
  failure_ = std::move(error);
  return failure_->status;
}

}  // namespace identity::postgres
