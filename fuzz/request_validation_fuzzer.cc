// Every request message, from the bytes a client could send, through its API
// method as a super admin on a store that is never there: so only parsing
// and the validation before the first transaction run. The first byte picks
// the method, the rest is the serialized request. Whatever the bytes, the
// answer is a status a client may get (never INTERNAL or UNKNOWN), and no
// crash or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fuzz/unavailable_store.h"
#include "service/api/access_key_api.h"
#include "service/api/audit_api.h"
#include "service/api/config_api.h"
#include "service/api/org_api.h"
#include "service/api/tenant_api.h"
#include "service/api/user_api.h"
#include "service/auth/call_context.h"
#include "service/auth/identity_cache.h"
#include "service/auth/key_use_recorder.h"
#include "service/auth/role_catalog.h"

namespace identity::fuzzing {
namespace {

// Parses `bytes` as a Request and runs `method` on it; OK when they do not
// parse.
template <typename Api, typename Request, typename Response>
absl::Status Run(const Api& api,
                 absl::StatusOr<Response> (Api::*method)(const CallContext&,
                                                         const Request&) const,
                 const CallContext& call, const std::string& bytes) {
  Request request;
  if (!request.ParseFromString(bytes)) return absl::OkStatus();
  return (api.*method)(call, request).status();
}

struct Apis {
  UnavailableStore store;
  IdentityCache cache;
  KeyUseRecorder key_uses{&store, absl::Hours(1)};
  OrgApi orgs{&store, &cache};
  TenantApi tenants{&store, &cache};
  UserApi users{&store, &cache};
  ConfigApi configs{&store};
  AccessKeyApi keys{&store, &cache, &key_uses};
  AuditApi audit{&store};
  CallContext super_admin;

  Apis() {
    storage::User admin;
    admin.id = "admin";
    admin.tenant_id = "root";
    admin.org_id = "root";
    admin.roles = {"super-admin-user"};
    auto holder = std::make_shared<KeyPrincipal>();
    holder->owner =
        std::make_shared<const UserPrincipal>(UserPrincipal::FromUser(admin));
    holder->permissions = holder->owner->role_permissions;
    super_admin.key_holder = std::move(holder);
    super_admin.method = "fuzz";
  }

  // One entry per API method that takes a request from a client.
  std::vector<std::function<absl::Status(const std::string&)>> Methods() {
    const CallContext& call = super_admin;
    return {
        [&](auto& b) { return Run(orgs, &OrgApi::CreateOrg, call, b); },
        [&](auto& b) { return Run(orgs, &OrgApi::GetOrg, call, b); },
        [&](auto& b) { return Run(orgs, &OrgApi::UpdateOrg, call, b); },
        [&](auto& b) { return Run(orgs, &OrgApi::DeleteOrg, call, b); },
        [&](auto& b) { return Run(orgs, &OrgApi::ListOrgs, call, b); },
        [&](auto& b) {
          return Run(tenants, &TenantApi::CreateTenant, call, b);
        },
        [&](auto& b) { return Run(tenants, &TenantApi::GetTenant, call, b); },
        [&](auto& b) {
          return Run(tenants, &TenantApi::UpdateTenant, call, b);
        },
        [&](auto& b) {
          return Run(tenants, &TenantApi::DeleteTenant, call, b);
        },
        [&](auto& b) { return Run(tenants, &TenantApi::ListTenants, call, b); },
        [&](auto& b) { return Run(users, &UserApi::CreateUser, call, b); },
        [&](auto& b) { return Run(users, &UserApi::GetUser, call, b); },
        [&](auto& b) { return Run(users, &UserApi::UpdateUser, call, b); },
        [&](auto& b) { return Run(users, &UserApi::DeleteUser, call, b); },
        [&](auto& b) { return Run(users, &UserApi::ListUsers, call, b); },
        [&](auto& b) {
          return Run(configs, &ConfigApi::UpdateConfig, call, b);
        },
        [&](auto& b) {
          return Run(keys, &AccessKeyApi::CreateAccessKey, call, b);
        },
        [&](auto& b) {
          return Run(keys, &AccessKeyApi::ListAccessKeys, call, b);
        },
        [&](auto& b) {
          return Run(keys, &AccessKeyApi::DeleteAccessKeys, call, b);
        },
        [&](auto& b) {
          return Run(audit, &AuditApi::ListAuditEvents, call, b);
        },
    };
  }
};

}  // namespace
}  // namespace identity::fuzzing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto* apis = new identity::fuzzing::Apis();
  static const auto* methods =
      new std::vector<std::function<absl::Status(const std::string&)>>(
          apis->Methods());
  if (size == 0) return 0;
  const auto& method = (*methods)[data[0] % methods->size()];
  const absl::Status status =
      method(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  if (absl::IsInternal(status) || absl::IsUnknown(status)) std::abort();
  return 0;
}
