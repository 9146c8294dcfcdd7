#include "service/auth/role_catalog.h"

#include <array>

namespace identity {
namespace {

struct Role {
  absl::string_view name;
  PermissionSet permissions;
};

using P = Permission;

// Each rank holds every permission of the ranks below it; trial-api-user is
// the one side branch off trial-user. Self-service comes with the lowest
// rank, so every role holds it.
constexpr PermissionSet kTrialUser = {P::kSelfConfig, P::kSelfAccessKeys,
                                      P::kReadSemanticContext,
                                      P::kReadLikedQueries, P::kReadDatabases};
const PermissionSet kTrialApiUser = kTrialUser.Union({P::kUsageApi});
const PermissionSet kUser = kTrialUser.Union(
    {P::kWriteLikedQueries, P::kWriteSemanticContext, P::kWriteDatabases});
const PermissionSet kApiUser = kUser.Union(
    {P::kUsageApi, P::kWriteAccessKey, P::kReadSimilaritySearchIndex});
const PermissionSet kAdminUser =
    kApiUser.Union({P::kPublishSemanticContext, P::kPublishLikedQueries,
                    P::kPublishAccessRules, P::kPushDatabases,
                    P::kWriteSimilaritySearchIndex});
const PermissionSet kOrgAdminUser = kAdminUser.Union(
    {P::kReadUser, P::kWriteUser, P::kReadTenant, P::kWriteTenant, P::kReadOrg,
     P::kUsageImpersonation, P::kReadUsageReport});
const PermissionSet kSuperAdminUser = kOrgAdminUser.Union({P::kWriteOrg});

const std::array<Role, 7> kRoles = {{
    {"trial-user", kTrialUser},
    {"trial-api-user", kTrialApiUser},
    {"user", kUser},
    {"api-user", kApiUser},
    {"admin-user", kAdminUser},
    {"org-admin-user", kOrgAdminUser},
    {kSuperAdminRole, kSuperAdminUser},
}};

const Role* Find(absl::string_view name) {
  for (const Role& role : kRoles) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

}  // namespace

bool RoleCatalog::IsKnown(absl::string_view role) {
  return Find(role) != nullptr;
}

PermissionSet RoleCatalog::PermissionsOf(
    const std::vector<std::string>& roles) {
  PermissionSet permissions;
  for (const std::string& name : roles) {
    if (const Role* role = Find(name)) {
      permissions = permissions.Union(role->permissions);
    }
  }
  return permissions;
}

std::vector<std::string> RoleCatalog::AllRoles() {
  std::vector<std::string> names;
  for (const Role& role : kRoles) names.emplace_back(role.name);
  return names;
}

}  // namespace identity
