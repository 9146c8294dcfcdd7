#include "service/api/bootstrap.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "service/api/audit_entry.h"
#include "service/api/audit_summary.h"
#include "service/auth/access_key_secret.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

// Inserts `row` unless its id is taken. (A failed INSERT would abort the
// whole transaction, so look first.)
template <typename Store, typename Row>
absl::Status InsertIfAbsent(Store& store, const Row& row) {
  absl::StatusOr<Row> existing = store.Get(row.id, storage::Lock::kNone);
  if (!absl::IsNotFound(existing.status())) return existing.status();
  return store.Insert(row).status();
}

// Ids are global: "admin" or tenant "root" may have been created elsewhere
// by the API. Bootstrap then refuses to start rather than make a stranger a
// super admin.
absl::Status NotTheBootstrapPlace(absl::string_view what,
                                  absl::string_view where) {
  return absl::FailedPreconditionError(absl::StrCat(
      "cannot bootstrap: ", what, " exists in ", where, ", and only user ",
      kBootstrapUserId, " of tenant ", kBootstrapTenantId, " of org ",
      kBootstrapOrgId,
      " may be made super admin by IDENTITY_BOOTSTRAP_ADMIN_KEY; have another "
      "super admin fix it, or start without the key"));
}

storage::AuditEvent BootstrapEvent(absl::string_view key_prefix) {
  auto actor = std::make_shared<UserPrincipal>();
  actor->id = kBootstrapActor;
  auto holder = std::make_shared<KeyPrincipal>();
  holder->owner = std::move(actor);
  CallContext bootstrap;
  bootstrap.key_holder = std::move(holder);
  bootstrap.method = "bootstrap";
  return MakeAuditEvent(bootstrap, storage::kAuditUser, kBootstrapUserId,
                        kBootstrapOrgId,
                        AuditSummary()
                            .SetList("roles", {std::string(kSuperAdminRole)})
                            .Set("key_prefix", key_prefix)
                            .Build());
}

}  // namespace

absl::StatusOr<BootstrapOutcome> BootstrapSuperAdmin(
    storage::Store& store, absl::string_view admin_key, absl::Time deadline) {
  if (!AccessKeySecret::IsWellFormed(admin_key)) {
    return absl::InvalidArgumentError(
        "IDENTITY_BOOTSTRAP_ADMIN_KEY must be an access key: \"idk_\" and 43 "
        "base64url characters (identityd --generate_key prints one)");
  }
  ASSIGN_OR_RETURN(bool has_admin,
                   store.HasUserWithRole(kSuperAdminRole, deadline));
  if (has_admin) return BootstrapOutcome::kSuperAdminExists;

  RETURN_IF_ERROR(store.RunInTransaction(
      deadline, storage::Access::kReadWrite,
      [&](storage::Transaction& tx) -> absl::Status {
        storage::Org org;
        org.id = kBootstrapOrgId;
        org.name = "Root";
        RETURN_IF_ERROR(InsertIfAbsent(tx.orgs(), org));
        storage::Tenant tenant;
        tenant.id = kBootstrapTenantId;
        tenant.org_id = kBootstrapOrgId;
        tenant.name = "Root";
        RETURN_IF_ERROR(InsertIfAbsent(tx.tenants(), tenant));
        ASSIGN_OR_RETURN(
            tenant, tx.tenants().Get(kBootstrapTenantId, storage::Lock::kNone));
        if (tenant.org_id != kBootstrapOrgId) {
          return NotTheBootstrapPlace(
              absl::StrCat("tenant ", kBootstrapTenantId),
              absl::StrCat("org ", tenant.org_id));
        }

        absl::StatusOr<storage::User> existing =
            tx.users().Get(kBootstrapUserId, storage::Lock::kForUpdate);
        if (existing.ok() && (existing->org_id != kBootstrapOrgId ||
                              existing->tenant_id != kBootstrapTenantId)) {
          return NotTheBootstrapPlace(
              absl::StrCat("user ", kBootstrapUserId),
              absl::StrCat("tenant ", existing->tenant_id, " of org ",
                           existing->org_id));
        }
        if (existing.ok()) {
          existing->roles.push_back(std::string(kSuperAdminRole));
          RETURN_IF_ERROR(tx.users().Update(*existing).status());
        } else if (absl::IsNotFound(existing.status())) {
          storage::User admin;
          admin.id = kBootstrapUserId;
          admin.name = "Administrator";
          admin.tenant_id = kBootstrapTenantId;
          admin.org_id = kBootstrapOrgId;
          admin.roles = {std::string(kSuperAdminRole)};
          RETURN_IF_ERROR(tx.users().Insert(admin).status());
        } else {
          return existing.status();
        }

        // The admin may hold an older "bootstrap" key from before it lost the
        // role; the new key replaces it.
        absl::Status deleted = tx.access_keys().Delete(
            kBootstrapUserId, {std::string(kBootstrapKeyName)});
        if (!deleted.ok() && !absl::IsNotFound(deleted)) return deleted;
        storage::AccessKey key;
        key.user_id = kBootstrapUserId;
        key.name = kBootstrapKeyName;
        key.description = "created from IDENTITY_BOOTSTRAP_ADMIN_KEY";
        key.key_prefix = AccessKeySecret::PrefixOf(admin_key);
        RETURN_IF_ERROR(
            tx.access_keys().Insert(key, HashAccessKey(admin_key)).status());
        return tx.audit().Append(BootstrapEvent(key.key_prefix));
      }));
  return BootstrapOutcome::kCreated;
}

}  // namespace identity
