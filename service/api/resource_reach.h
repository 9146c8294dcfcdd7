// Loads a tenant or user the caller may act on, inside a transaction, so
// that the check and the change that follows see the same row.
//
//   ASSIGN_OR_RETURN(storage::User target,
//                    LoadUserInReach(tx, call, id,
//                                    Permission::kWriteUser,
//                                    storage::Lock::kForUpdate));
#ifndef IDENTITY_SERVICE_API_RESOURCE_REACH_H_
#define IDENTITY_SERVICE_API_RESOURCE_REACH_H_

#include <string>

#include "absl/status/statusor.h"
#include "service/auth/call_context.h"
#include "service/auth/permission.h"
#include "storage/transaction.h"

namespace identity {

// The caller needs `permission` in the resource's org (any org with
// write:org). A resource that is absent or in another org gives the same
// PERMISSION_DENIED, so nothing leaks across orgs; holders of write:org get
// NOT_FOUND for an absent one.
absl::StatusOr<storage::User> LoadUserInReach(storage::Transaction& tx,
                                              const CallContext& call,
                                              const std::string& user_id,
                                              Permission permission,
                                              storage::Lock lock);
absl::StatusOr<storage::Tenant> LoadTenantInReach(storage::Transaction& tx,
                                                  const CallContext& call,
                                                  const std::string& tenant_id,
                                                  Permission permission,
                                                  storage::Lock lock);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_RESOURCE_REACH_H_
