// A libpqxx transaction that opens with its settings in the same round trip
// as BEGIN: the access mode and the statement timeout travel with BEGIN as
// one simple query, where pqxx::work followed by a SET would cost a round
// trip each. Commit and rollback are libpqxx's own (an in-doubt commit is
// still reported as pqxx::in_doubt_error).
//
//   ConfiguredTransaction work(lease.connection(), storage::Access::kReadWrite,
//                              /*statement_timeout_millis=*/250);
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

// The command that opens a transaction with `access` and, when given, a
// statement timeout local to it: "BEGIN READ ONLY; SET LOCAL
// statement_timeout = 250". Exposed for its test.
std::string BeginCommand(storage::Access access,
                         std::optional<int64_t> statement_timeout_millis);

class ConfiguredTransaction final : public pqxx::internal::basic_transaction {
 public:
  // Opens the transaction on `connection`; throws what libpqxx throws when
  // the BEGIN fails (a broken connection, say).
  ConfiguredTransaction(pqxx::connection_base& connection,
                        storage::Access access,
                        std::optional<int64_t> statement_timeout_millis);
  ~ConfiguredTransaction() noexcept override;

 private:
  // pqxx::internal::basic_transaction:
  void do_begin() override;

  const std::string begin_command_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_CONFIGURED_TRANSACTION_H_
