#include "storage/postgres/configured_transaction.h"

#include "absl/strings/str_cat.h"

namespace identity::postgres {

std::string BeginCommand(storage::Access access,
                         const TransactionTimeouts& timeouts) {
  std::string command =
      access == storage::Access::kReadOnly ? "BEGIN READ ONLY" : "BEGIN";
  // Numbers this process computed, not input: formatting them is safe, and a
  // parameter is impossible in a multi-statement simple query, which is what
  // saves the round trip.
  if (timeouts.statement_millis.has_value()) {
    absl::StrAppend(&command, "; SET LOCAL statement_timeout = ",
                    *timeouts.statement_millis);
  }
  if (timeouts.lock_millis.has_value()) {
    absl::StrAppend(&command,
                    "; SET LOCAL lock_timeout = ", *timeouts.lock_millis);
  }
  return command;
}

ConfiguredTransaction::ConfiguredTransaction(
    pqxx::connection_base& connection, storage::Access access,
    const TransactionTimeouts& timeouts)
    : pqxx::internal::namedclass("ConfiguredTransaction"),
      pqxx::internal::basic_transaction(
          connection, pqxx::isolation_traits<pqxx::read_committed>::name(),
          pqxx::read_write),
      begin_command_(BeginCommand(access, timeouts)) {
  Begin();
}

ConfiguredTransaction::~ConfiguredTransaction() noexcept { End(); }

void ConfiguredTransaction::do_begin() { direct_exec(begin_command_.c_str()); }

}  // namespace identity::postgres
