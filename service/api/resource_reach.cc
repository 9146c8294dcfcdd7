#include "service/api/resource_reach.h"

#include "service/auth/access_policy.h"

namespace identity {
namespace {

// Shared by both kinds: `load` reads the row, `org_of` says where it lives.
template <typename Row, typename Load>
absl::StatusOr<Row> LoadInReach(const CallContext& call, absl::string_view kind,
                                absl::string_view id, Permission permission,
                                Load load) {
  if (absl::Status status = AccessPolicy::Require(call, permission);
      !status.ok() && !AccessPolicy::ActsInEveryOrg(call)) {
    return status;
  }
  absl::StatusOr<Row> row = load();
  if (AccessPolicy::ActsInEveryOrg(call)) return row;
  if (absl::IsNotFound(row.status()) ||
      (row.ok() && row->org_id != call.user().org_id)) {
    return AccessPolicy::NotVisible(kind, id);
  }
  return row;
}

}  // namespace

absl::StatusOr<storage::User> LoadUserInReach(storage::Transaction& tx,
                                              const CallContext& call,
                                              const std::string& user_id,
                                              Permission permission,
                                              storage::Lock lock) {
  return LoadInReach<storage::User>(call, "user", user_id, permission, [&] {
    return tx.users().Get(user_id, lock);
  });
}

absl::StatusOr<storage::Tenant> LoadTenantInReach(storage::Transaction& tx,
                                                  const CallContext& call,
                                                  const std::string& tenant_id,
                                                  Permission permission,
                                                  storage::Lock lock) {
  return LoadInReach<storage::Tenant>(
      call, "tenant", tenant_id, permission,
      [&] { return tx.tenants().Get(tenant_id, lock); });
}

}  // namespace identity
