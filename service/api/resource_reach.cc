#include "service/api/resource_reach.h"

#include "service/auth/access_policy.h"

namespace identity {
namespace {

// Shared by both kinds: `load` reads the row, `org_of` says where it lives.
template <typename Row, typename Load>
absl::StatusOr<Row> LoadInReach(const Principal& caller, absl::string_view kind,
                                absl::string_view id, Permission permission,
                                Load load) {
  if (absl::Status status = AccessPolicy::Require(caller, permission);
      !status.ok() && !AccessPolicy::ActsInEveryOrg(caller)) {
    return status;
  }
  absl::StatusOr<Row> row = load();
  if (AccessPolicy::ActsInEveryOrg(caller)) return row;
  if (absl::IsNotFound(row.status()) ||
      (row.ok() && row->org_id != caller.org_id)) {
    return AccessPolicy::NotVisible(kind, id);
  }
  return row;
}

}  // namespace

absl::StatusOr<storage::User> LoadUserInReach(storage::Transaction& tx,
                                              const Principal& caller,
                                              const std::string& user_id,
                                              Permission permission,
                                              storage::Lock lock) {
  return LoadInReach<storage::User>(caller, "user", user_id, permission, [&] {
    return tx.users().Get(user_id, lock);
  });
}

absl::StatusOr<storage::Tenant> LoadTenantInReach(storage::Transaction& tx,
                                                  const Principal& caller,
                                                  const std::string& tenant_id,
                                                  Permission permission,
                                                  storage::Lock lock) {
  return LoadInReach<storage::Tenant>(
      caller, "tenant", tenant_id, permission,
      [&] { return tx.tenants().Get(tenant_id, lock); });
}

}  // namespace identity
