// Every SQL statement the store runs, as text with $n parameters, prepared
// once on each connection under its name. Values are never spliced in.
//
//   PrepareStatements(connection);  // once, when the connection is made
//   tx.Exec(kGetOrg, {id});
//
// Resources are selected in a fixed column order, the one row_readers.h
// expects; times as microseconds since the epoch.
#ifndef IDENTITY_STORAGE_POSTGRES_STATEMENTS_H_
#define IDENTITY_STORAGE_POSTGRES_STATEMENTS_H_

#include "pqxx/pqxx"

namespace identity::postgres {

struct Statement {
  const char* name;
  const char* sql;
};

// Registers every statement below with `connection` (libpqxx sends each to
// the server on its first use, and again after a reconnect).
void PrepareStatements(pqxx::connection& connection);

// Orgs.
extern const Statement kInsertOrg;
extern const Statement kGetOrg;
extern const Statement kGetOrgForUpdate;
extern const Statement kUpdateOrg;
extern const Statement kOrgExists;
extern const Statement kLockTenantsOfOrg;
extern const Statement kDeleteAccessKeysOfOrg;
extern const Statement kDeleteConfigsOfOrg;
extern const Statement kDeleteUsersOfOrg;
extern const Statement kDeleteTenantsOfOrg;
extern const Statement kDeleteOrg;
extern const Statement kListOrgs;
extern const Statement kListOrgsById;

// Tenants.
extern const Statement kInsertTenant;
extern const Statement kGetTenant;
extern const Statement kGetTenantForUpdate;
extern const Statement kUpdateTenant;
extern const Statement kTenantExists;
extern const Statement kDeleteAccessKeysOfTenant;
extern const Statement kDeleteConfigsOfTenant;
extern const Statement kDeleteUsersOfTenant;
extern const Statement kDeleteTenant;
extern const Statement kListTenants;

// Users and their configuration.
extern const Statement kInsertUser;
extern const Statement kGetUser;
extern const Statement kGetUserForUpdate;
extern const Statement kUpdateUser;
extern const Statement kUserExists;
extern const Statement kDeleteUser;
extern const Statement kListUsers;
extern const Statement kListUsersById;
extern const Statement kListUsersByTenant;
extern const Statement kListUsersByOrg;
extern const Statement kListUsersOfTenantForUpdate;
extern const Statement kMergeUserConfig;
extern const Statement kGetUserConfig;
extern const Statement kHasUserWithRole;

// Access keys.
extern const Statement kInsertAccessKey;
extern const Statement kListAccessKeys;
extern const Statement kCountAccessKeysOfUser;
extern const Statement kLockAccessKeysByName;
extern const Statement kRotateAccessKey;
extern const Statement kDeleteAccessKeysByName;
extern const Statement kFindCredential;
extern const Statement kRecordKeyUses;

// Remembered responses of creates (request_id).
extern const Statement kFindIdempotentResponse;
extern const Statement kRememberIdempotentResponse;
extern const Statement kForgetExpiredIdempotentResponses;

// The audit trail.
extern const Statement kAppendAuditEvent;
extern const Statement kListAuditEvents;
extern const Statement kListAuditEventsOfOrg;

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_STATEMENTS_H_
