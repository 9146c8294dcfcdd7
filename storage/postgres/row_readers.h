// Resources from result rows, read in the column order statements.cc selects
// them in, starting at column `first`.
//
//   pqxx::result rows = ...;  // from kGetOrg
//   Org org = ReadOrg(rows[0]);
#ifndef IDENTITY_STORAGE_POSTGRES_ROW_READERS_H_
#define IDENTITY_STORAGE_POSTGRES_ROW_READERS_H_

#include "pqxx/pqxx"
#include "storage/resources.h"

namespace identity::postgres {

// The number of columns each reader consumes.
inline constexpr int kAccessKeyColumns = 11;
inline constexpr int kUserColumns = 12;

storage::Org ReadOrg(const pqxx::row& row);
storage::Tenant ReadTenant(const pqxx::row& row);
storage::User ReadUser(const pqxx::row& row, int first = 0);
storage::AccessKey ReadAccessKey(const pqxx::row& row, int first = 0);
storage::AuditEvent ReadAuditEvent(const pqxx::row& row);

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_ROW_READERS_H_
