// A libpqxx transaction that opens with its settings in the same round trip
// as BEGIN: the access mode, the statement timeout and the lock timeout
// travel with BEGIN as one simple query, where pqxx::work followed by a SET
// would cost a round trip each. Commit and rollback are libpqxx's own (an
// in-doubt commit is still reported as pqxx::in_doubt_error).
//
//   TransactionTimeouts timeouts;
//   timeouts.statement_millis = 250;
//   ConfiguredTransaction work(lease.connection(), storage::Access::kReadWrite,
//                              timeouts);
//   work.exec_prepared("insert_user", ...);
//   work.commit();
#ifndef IDENTITY_STORAGE_POSTGRES_CONFIGURED_TRANSACTION_H_
#define IDENTITY_STORAGE_POSTGRES_CONFIGURED_TRANSACTION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "pqxx/pqxx"
#include "storage/store.h"

namespace identity::postgres {

// Timeouts local to one transaction, in milliseconds; unset ones keep the
// server's setting.
struct TransactionTimeouts {
  // Each statement's longest run (statement_timeout).
  std::optional<int64_t> statement_millis;
  // The longest wait for a lock (lock_timeout).
  std::optional<int64_t> lock_millis;
};

// The command that opens a transaction with `access` and the timeouts given,
// local to it: "BEGIN READ ONLY; SET LOCAL statement_timeout = 250; SET LOCAL
// lock_timeout = 100". Exposed for its test.
std::string BeginCommand(storage::Access access,
                         const TransactionTimeouts& timeouts);

class ConfiguredTransaction final : public pqxx::internal::basic_transaction {
 public:
  // Opens the transaction on `connection`; throws what libpqxx throws when
  // the BEGIN fails (a broken connection, say).
  ConfiguredTransaction(pqxx::connection_base& connection,
                        storage::Access access,
                        const TransactionTimeouts& timeouts);
  ~ConfiguredTransaction() noexcept override;

 private:
  // pqxx::internal::basic_transaction:
  void do_begin() override;

  const std::string begin_command_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_CONFIGURED_TRANSACTION_H_
