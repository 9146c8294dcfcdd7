// The authorization matrix, end to end: every built-in role
// calls every RPC of the five services on its own org and on another one, and
// is allowed or refused exactly as the permission the RPC needs says; a
// refused call changes nothing. Then the rules around the matrix: nobody
// grants or manages more than it holds, and permission is checked before
// existence, so that a refusal tells nothing about other orgs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "base/status_matchers.h"
#include "google/protobuf/descriptor.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

// --- The roles ---
// Written out here rather than taken from the service's RoleCatalog, so that
// a wrong catalog fails these tests instead of agreeing with itself.

struct RoleSpec {
  std::string name;
  // The role whose permissions this one extends; "" for none.
  std::string extends;
  std::vector<std::string> adds;
};

// In rank order, lowest first.
const std::vector<RoleSpec>& BuiltInRoles() {
  static const auto* roles = new std::vector<RoleSpec>{
      {"trial-user",
       "",
       {"self:config", "self:access_keys", "read:semantic-context",
        "read:liked-queries", "read:databases"}},
      {"trial-api-user", "trial-user", {"usage:api"}},
      {"user",
       "trial-user",
       {"write:liked-queries", "write:semantic-context", "write:databases"}},
      {"api-user",
       "user",
       {"usage:api", "write:access_key", "read:similarity-search-index"}},
      {"admin-user",
       "api-user",
       {"publish:semantic-context", "publish:liked-queries",
        "publish:access-rules", "push:databases",
        "write:similarity-search-index"}},
      {"org-admin-user",
       "admin-user",
       {"read:user", "write:user", "read:tenant", "write:tenant", "read:org",
        "usage:impersonation", "read:usage-report"}},
      {"super-admin-user", "org-admin-user", {"write:org"}},
  };
  return *roles;
}

std::vector<std::string> RoleNames() {
  std::vector<std::string> names;
  for (const RoleSpec& role : BuiltInRoles()) names.push_back(role.name);
  return names;
}

std::set<std::string> PermissionsOf(const std::string& role) {
  for (const RoleSpec& spec : BuiltInRoles()) {
    if (spec.name != role) continue;
    std::set<std::string> permissions;
    if (!spec.extends.empty()) permissions = PermissionsOf(spec.extends);
    permissions.insert(spec.adds.begin(), spec.adds.end());
    return permissions;
  }
  ADD_FAILURE() << "unknown role " << role;
  return {};
}

// A permission of "" stands for "any authenticated caller".
bool Holds(const std::string& role, const std::string& permission) {
  return permission.empty() || PermissionsOf(role).count(permission) > 0;
}

// The lowest-ranked role a call needing `permission` must be allowed to.
std::string MinimalRoleFor(const std::string& permission) {
  for (const RoleSpec& role : BuiltInRoles()) {
    if (Holds(role.name, permission)) return role.name;
  }
  return "nobody";
}

// --- The world every case acts in ---

const std::vector<std::string>& OrgIds() {
  static const auto* orgs = new std::vector<std::string>{"org-a", "org-b"};
  return *orgs;
}

std::string TenantOf(const std::string& org_id) {
  return absl::StrCat(org_id, "-tenant");
}
std::string CallerId(const std::string& org_id, const std::string& role) {
  return absl::StrCat(role, "@", org_id);
}
// A plain user of each org: the target of reads and of key management, one
// that anybody holding write:user may manage.
std::string MemberOf(const std::string& org_id) {
  return absl::StrCat("member@", org_id);
}
constexpr char kMemberRole[] = "user";
// The key ServerUnderTest::CreateUserWithKey gives every caller.
constexpr char kCallerKeyName[] = "test-key";
constexpr char kMemberKeyName[] = "member-key";
// What a fresh target gets: a role every holder of write:user may grant.
constexpr char kTargetRole[] = "trial-user";

// Ids no case has used before, so that cases never see each other's targets.
std::string FreshId(const std::string& prefix) {
  static int next = 0;
  return absl::StrCat(prefix, "-", ++next);
}

// A user in `org_id`'s one tenant.
v1::User UserInOrg(const std::string& id, const std::string& org_id,
                   const std::vector<std::string>& roles) {
  return UserProto(id, TenantOf(org_id), org_id, roles);
}
v1::User UserRename(const std::string& id, const std::string& name) {
  v1::User user;
  user.set_id(id);
  user.set_name(name);
  return user;
}

// Setup a case relies on; a failure here fails the case, not silently.
void ExpectSetUp(const absl::Status& status) {
  EXPECT_THAT(status, IsOk()) << "setting up: " << status;
}

// Whether a read by the admin found its target: NOT_FOUND means absent, any
// other error fails the test.
template <typename T>
bool Found(const absl::StatusOr<T>& read) {
  if (read.ok()) return true;
  EXPECT_THAT(read, StatusIs(absl::StatusCode::kNotFound));
  return false;
}

class World {
 public:
  World() : admin_(server_.AdminClient()) {
    for (const std::string& org_id : OrgIds()) {
      for (const std::string& role : RoleNames()) {
        const std::string id = CallerId(org_id, role);
        callers_.emplace(id, server_.ClientFor(server_.CreateUserWithKey(
                                 org_id, TenantOf(org_id), id, {role})));
      }
      ExpectSetUp(
          admin_.CreateUser(UserInOrg(MemberOf(org_id), org_id, {kMemberRole}))
              .status());
      CreateKey(MemberOf(org_id), kMemberKeyName);
    }
  }

  const ServerUnderTest& server() const { return server_; }
  const Client& admin() const { return admin_; }
  const Client& caller(const std::string& user_id) const {
    return callers_.at(user_id);
  }

  void CreateOrg(const std::string& id) const {
    ExpectSetUp(admin_.CreateOrg(OrgProto(id)).status());
  }
  void CreateTenant(const std::string& id, const std::string& org_id) const {
    ExpectSetUp(admin_.CreateTenant(TenantProto(id, org_id)).status());
  }
  void CreateUser(const std::string& id, const std::string& org_id,
                  const std::string& role) const {
    CreateUserInTenant(id, org_id, TenantOf(org_id), role);
  }
  void CreateUserInTenant(const std::string& id, const std::string& org_id,
                          const std::string& tenant_id,
                          const std::string& role) const {
    v1::User user = UserInOrg(id, org_id, {role});
    user.set_tenant_id(tenant_id);
    ExpectSetUp(admin_.CreateUser(user).status());
  }
  void CreateKey(const std::string& user_id, const std::string& name) const {
    v1::CreateAccessKeyRequest request;
    request.set_user_id(user_id);
    request.set_name(name);
    ExpectSetUp(admin_.CreateAccessKey(request).status());
  }

  bool OrgExists(const std::string& id) const {
    return Found(admin_.GetOrg(id));
  }
  bool TenantExists(const std::string& id) const {
    return Found(admin_.GetTenant(id));
  }
  bool UserExists(const std::string& id) const {
    return Found(admin_.GetUser(id));
  }
  // The user's key `name` as the admin lists it; nullopt when there is none.
  std::optional<v1::AccessKey> KeyNamed(const std::string& user_id,
                                        const std::string& name) const {
    v1::ListAccessKeysRequest request;
    request.set_user_id(user_id);
    request.set_page_size(1000);
    absl::StatusOr<v1::ListAccessKeysResponse> keys =
        admin_.ListAccessKeys(request);
    EXPECT_THAT(keys, IsOk());
    if (!keys.ok()) return std::nullopt;
    for (const v1::AccessKey& key : keys->access_keys()) {
      if (key.name() == name) return key;
    }
    return std::nullopt;
  }
  bool KeyExists(const std::string& user_id, const std::string& name) const {
    return KeyNamed(user_id, name).has_value();
  }
  // True once a rotation gave the key a new secret.
  bool KeyRotated(const std::string& user_id, const std::string& name) const {
    const std::optional<v1::AccessKey> key = KeyNamed(user_id, name);
    return key.has_value() && !key->previous_key_prefix().empty();
  }
  v1::User UserAsAdminSees(const std::string& id) const {
    absl::StatusOr<v1::User> user = admin_.GetUser(id);
    EXPECT_THAT(user, IsOk());
    return user.ok() ? *user : v1::User();
  }

  // Every write commits an audit event with it, so an unchanged newest event
  // means nothing was written.
  int64_t NewestAuditEventId() const {
    v1::ListAuditEventsRequest request;
    request.set_lookup_org_id("*");
    request.set_page_size(1);
    absl::StatusOr<v1::ListAuditEventsResponse> events =
        admin_.ListAuditEvents(request);
    EXPECT_THAT(events, IsOk());
    return events.ok() && events->events_size() > 0 ? events->events(0).id()
                                                    : 0;
  }

 private:
  ServerUnderTest server_;
  Client admin_;
  std::map<std::string, Client> callers_;
};

// --- The matrix ---

// Where a call acts, seen from the caller.
enum class Scope { kSelf, kOwnOrg, kOtherOrg, kEveryOrg };

std::string ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kSelf:
      return "Self";
    case Scope::kOwnOrg:
      return "OwnOrg";
    case Scope::kOtherOrg:
      return "OtherOrg";
    case Scope::kEveryOrg:
      return "EveryOrg";
  }
  return "?";
}

// a permission held "within one's own org (any org with
// write:org)".
std::string InOrg(Scope scope, const std::string& permission) {
  return scope == Scope::kOwnOrg ? permission : "write:org";
}

// Who makes a case's call, and which org is its own and which the other.
struct Scene {
  const World* world;
  const Client* caller;
  std::string caller_id;
  std::string role;
  std::string own_org;
  std::string other_org;

  const Client& admin() const { return world->admin(); }
  const std::string& OrgIn(Scope scope) const {
    return scope == Scope::kOtherOrg ? other_org : own_org;
  }
  // Access keys of Self are the caller's; of an org, that org's member's.
  std::string KeyOwnerIn(Scope scope) const {
    return scope == Scope::kSelf ? caller_id : MemberOf(OrgIn(scope));
  }
};

// One call as the case's caller, and how to tell whether it did what it
// asked: for a write, the admin re-reads the target; for a read, the answer
// holds the target.
struct Attempt {
  std::function<absl::Status()> call;
  std::function<bool()> took_effect;
};

template <typename Response>
Attempt ReadAttempt(std::function<absl::StatusOr<Response>()> read,
                    std::function<bool(const Response&)> shows_target) {
  auto answer = std::make_shared<absl::StatusOr<Response>>(
      absl::UnknownError("not called"));
  return Attempt{[answer, read] {
                   *answer = read();
                   return answer->status();
                 },
                 [answer, shows_target] {
                   return answer->ok() && shows_target(**answer);
                 }};
}

struct MatrixRow {
  std::string rpc;
  Scope scope;
  // What the call needs to succeed; "" for any authenticated caller.
  std::string needs;
  // What the caller needs for the target to show in the answer. The same as
  // `needs` except for ListOrgs, which answers holders of read:org with
  // their own org alone.
  std::string shows_target_with;
  std::function<Attempt(const Scene&)> prepare;
};

MatrixRow Row(std::string rpc, Scope scope, std::string needs,
              std::function<Attempt(const Scene&)> prepare) {
  std::string shows_target_with = needs;
  return MatrixRow{std::move(rpc), scope, std::move(needs),
                   std::move(shows_target_with), std::move(prepare)};
}

void AddOrgRows(std::vector<MatrixRow>& rows) {
  rows.push_back(
      Row("CreateOrg", Scope::kOtherOrg, "write:org", [](const Scene& s) {
        const std::string id = FreshId("new-org");
        return Attempt{
            [s, id] { return s.caller->CreateOrg(OrgProto(id)).status(); },
            [s, id] { return s.world->OrgExists(id); }};
      }));
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(
        Row("GetOrg", scope, InOrg(scope, "read:org"), [scope](const Scene& s) {
          const std::string id = s.OrgIn(scope);
          return ReadAttempt<v1::Org>(
              [s, id] { return s.caller->GetOrg(id); },
              [id](const v1::Org& org) { return org.id() == id; });
        }));
    rows.push_back(
        Row("UpdateOrg", scope, "write:org", [scope](const Scene& s) {
          const std::string id = s.OrgIn(scope);
          const std::string name = FreshId("renamed");
          return Attempt{
              [s, id, name] {
                return s.caller->UpdateOrg(OrgProto(id, name)).status();
              },
              [s, id, name] {
                absl::StatusOr<v1::Org> org = s.admin().GetOrg(id);
                return org.ok() && org->name() == name;
              }};
        }));
  }
  rows.push_back(
      Row("DeleteOrg", Scope::kOwnOrg, "write:org", [](const Scene& s) {
        // Deleting its own org takes the caller with it, so here the caller
        // is a new user of the role in an org of its own.
        const std::string id = FreshId("own-doomed-org");
        auto doomed_caller = std::make_shared<Client>(
            s.world->server().ClientFor(s.world->server().CreateUserWithKey(
                id, TenantOf(id), FreshId("doomed"), {s.role})));
        return Attempt{[doomed_caller, id] {
                         return doomed_caller->DeleteOrg(id, /*force=*/true);
                       },
                       [s, id] { return !s.world->OrgExists(id); }};
      }));
  rows.push_back(
      Row("DeleteOrg", Scope::kOtherOrg, "write:org", [](const Scene& s) {
        const std::string id = FreshId("doomed-org");
        s.world->CreateOrg(id);
        return Attempt{[s, id] { return s.caller->DeleteOrg(id); },
                       [s, id] { return !s.world->OrgExists(id); }};
      }));
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg}) {
    MatrixRow row = Row("ListOrgs", scope, "read:org", [scope](const Scene& s) {
      v1::ListOrgsRequest request;
      request.set_page_size(1000);
      const std::string own = s.own_org;
      return ReadAttempt<v1::ListOrgsResponse>(
          [s, request] { return s.caller->ListOrgs(request); },
          [scope, own](const v1::ListOrgsResponse& answer) {
            return std::any_of(answer.orgs().begin(), answer.orgs().end(),
                               [&](const v1::Org& org) {
                                 return (org.id() == own) ==
                                        (scope == Scope::kOwnOrg);
                               });
          });
    });
    row.shows_target_with = InOrg(scope, "read:org");
    rows.push_back(std::move(row));
  }
}

void AddTenantRows(std::vector<MatrixRow>& rows) {
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(Row(
        "CreateTenant", scope, InOrg(scope, "write:tenant"),
        [scope](const Scene& s) {
          const std::string id = FreshId("new-tenant");
          const std::string org_id = s.OrgIn(scope);
          return Attempt{
              [s, id, org_id] {
                return s.caller->CreateTenant(TenantProto(id, org_id)).status();
              },
              [s, id, org_id] {
                absl::StatusOr<v1::Tenant> tenant = s.admin().GetTenant(id);
                return tenant.ok() && tenant->org_id() == org_id;
              }};
        }));
    rows.push_back(
        Row("GetTenant", scope, InOrg(scope, "read:tenant"),
            [scope](const Scene& s) {
              const std::string id = TenantOf(s.OrgIn(scope));
              return ReadAttempt<v1::Tenant>(
                  [s, id] { return s.caller->GetTenant(id); },
                  [id](const v1::Tenant& tenant) { return tenant.id() == id; });
            }));
    rows.push_back(
        Row("UpdateTenant", scope, InOrg(scope, "write:tenant"),
            [scope](const Scene& s) {
              const std::string id = FreshId("tenant");
              const std::string org_id = s.OrgIn(scope);
              const std::string name = FreshId("renamed");
              s.world->CreateTenant(id, org_id);
              return Attempt{
                  [s, id, org_id, name] {
                    return s.caller->UpdateTenant(TenantProto(id, org_id, name))
                        .status();
                  },
                  [s, id, name] {
                    absl::StatusOr<v1::Tenant> tenant = s.admin().GetTenant(id);
                    return tenant.ok() && tenant->name() == name;
                  }};
            }));
    rows.push_back(Row("DeleteTenant", scope, InOrg(scope, "write:tenant"),
                       [scope](const Scene& s) {
                         const std::string id = FreshId("doomed-tenant");
                         s.world->CreateTenant(id, s.OrgIn(scope));
                         return Attempt{
                             [s, id] { return s.caller->DeleteTenant(id); },
                             [s, id] { return !s.world->TenantExists(id); }};
                       }));
    rows.push_back(
        Row("ListTenants", scope, InOrg(scope, "read:tenant"),
            [scope](const Scene& s) {
              // Own org through the default, which is the caller's org.
              v1::ListTenantsRequest request;
              if (scope == Scope::kOtherOrg)
                request.set_lookup_org_id(s.other_org);
              const std::string id = TenantOf(s.OrgIn(scope));
              return ReadAttempt<v1::ListTenantsResponse>(
                  [s, request] { return s.caller->ListTenants(request); },
                  [id](const v1::ListTenantsResponse& answer) {
                    return std::any_of(answer.tenants().begin(),
                                       answer.tenants().end(),
                                       [&](const v1::Tenant& tenant) {
                                         return tenant.id() == id;
                                       });
                  });
            }));
  }
}

void AddUserRows(std::vector<MatrixRow>& rows) {
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(
        Row("CreateUser", scope, InOrg(scope, "write:user"),
            [scope](const Scene& s) {
              const std::string id = FreshId("new-user");
              const std::string org_id = s.OrgIn(scope);
              return Attempt{
                  [s, id, org_id] {
                    return s.caller
                        ->CreateUser(UserInOrg(id, org_id, {kTargetRole}))
                        .status();
                  },
                  [s, id, org_id] {
                    absl::StatusOr<v1::User> user = s.admin().GetUser(id);
                    return user.ok() && user->org_id() == org_id;
                  }};
            }));
  }
  // Everybody reads its own user; others' need read:user.
  for (Scope scope : {Scope::kSelf, Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(Row(
        "GetUser", scope,
        scope == Scope::kSelf ? "" : InOrg(scope, "read:user"),
        [scope](const Scene& s) {
          const std::string id =
              scope == Scope::kSelf ? s.caller_id : MemberOf(s.OrgIn(scope));
          return ReadAttempt<v1::User>(
              [s, id] { return s.caller->GetUser(id); },
              [id](const v1::User& user) { return user.id() == id; });
        }));
  }
  // Reading oneself is free; editing oneself is not (the README lists only
  // reads of one's own user).
  for (Scope scope : {Scope::kSelf, Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(
        Row("UpdateUser", scope,
            scope == Scope::kSelf ? "write:user" : InOrg(scope, "write:user"),
            [scope](const Scene& s) {
              std::string id = s.caller_id;
              if (scope != Scope::kSelf) {
                id = FreshId("user");
                s.world->CreateUser(id, s.OrgIn(scope), kTargetRole);
              }
              const std::string name = FreshId("renamed");
              return Attempt{
                  [s, id, name] {
                    return s.caller->UpdateUser(UserRename(id, name)).status();
                  },
                  [s, id, name] {
                    return s.world->UserAsAdminSees(id).name() == name;
                  }};
            }));
  }
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(Row("DeleteUser", scope, InOrg(scope, "write:user"),
                       [scope](const Scene& s) {
                         const std::string id = FreshId("doomed-user");
                         s.world->CreateUser(id, s.OrgIn(scope), kTargetRole);
                         return Attempt{
                             [s, id] { return s.caller->DeleteUser(id); },
                             [s, id] { return !s.world->UserExists(id); }};
                       }));
    rows.push_back(Row(
        "ListUsers", scope, InOrg(scope, "read:user"), [scope](const Scene& s) {
          v1::ListUsersRequest request;
          if (scope == Scope::kOtherOrg) request.set_lookup_org_id(s.other_org);
          const std::string id = MemberOf(s.OrgIn(scope));
          return ReadAttempt<v1::ListUsersResponse>(
              [s, request] { return s.caller->ListUsers(request); },
              [id](const v1::ListUsersResponse& answer) {
                return std::any_of(
                    answer.users().begin(), answer.users().end(),
                    [&](const v1::User& user) { return user.id() == id; });
              });
        }));
  }
  rows.push_back(Row("GetUserInfo", Scope::kSelf, "", [](const Scene& s) {
    return ReadAttempt<v1::GetUserInfoResponse>(
        [s] { return s.caller->GetUserInfo(); },
        [s](const v1::GetUserInfoResponse& info) {
          return info.id() == s.caller_id;
        });
  }));
  rows.push_back(
      Row("UpdateConfig", Scope::kSelf, "self:config", [](const Scene& s) {
        const std::string key = FreshId("setting");
        v1::UpdateConfigRequest request;
        (*request.mutable_updated()->mutable_fields())[key].set_string_value(
            "on");
        return Attempt{
            [s, request] { return s.caller->UpdateConfig(request).status(); },
            [s, key] {
              // Only the user itself reads its config: the admin impersonates
              // it.
              absl::StatusOr<v1::UpdateConfigResponse> configs =
                  s.admin().AsUser(s.caller_id).UpdateConfig();
              EXPECT_THAT(configs, IsOk());
              return configs.ok() && configs->configs().fields().count(key) > 0;
            }};
      }));
}

// Self: one's own keys, where creating needs write:access_key and the rest
// self:access_keys. Another user's keys need write:user over that user.
std::string KeyPermission(Scope scope, const std::string& for_self) {
  return scope == Scope::kSelf ? for_self : InOrg(scope, "write:user");
}

// The request field naming the key owner: empty for Self, as the default.
std::string KeyUserField(const Scene& s, Scope scope) {
  return scope == Scope::kSelf ? "" : s.KeyOwnerIn(scope);
}

void AddAccessKeyRows(std::vector<MatrixRow>& rows) {
  for (Scope scope : {Scope::kSelf, Scope::kOwnOrg, Scope::kOtherOrg}) {
    rows.push_back(Row(
        "CreateAccessKey", scope, KeyPermission(scope, "write:access_key"),
        [scope](const Scene& s) {
          v1::CreateAccessKeyRequest request;
          request.set_name(FreshId("key"));
          request.set_user_id(KeyUserField(s, scope));
          const std::string owner = s.KeyOwnerIn(scope);
          return Attempt{[s, request] {
                           return s.caller->CreateAccessKey(request).status();
                         },
                         [s, owner, name = request.name()] {
                           return s.world->KeyExists(owner, name);
                         }};
        }));
    rows.push_back(Row(
        "ListAccessKeys", scope, KeyPermission(scope, "self:access_keys"),
        [scope](const Scene& s) {
          v1::ListAccessKeysRequest request;
          request.set_user_id(KeyUserField(s, scope));
          const std::string owner = s.KeyOwnerIn(scope);
          const std::string name =
              scope == Scope::kSelf ? kCallerKeyName : kMemberKeyName;
          return ReadAttempt<v1::ListAccessKeysResponse>(
              [s, request] { return s.caller->ListAccessKeys(request); },
              [owner, name](const v1::ListAccessKeysResponse& answer) {
                return std::any_of(
                    answer.access_keys().begin(), answer.access_keys().end(),
                    [&](const v1::AccessKey& key) {
                      return key.user_id() == owner && key.name() == name;
                    });
              });
        }));
    rows.push_back(
        Row("DeleteAccessKeys", scope, KeyPermission(scope, "self:access_keys"),
            [scope](const Scene& s) {
              const std::string owner = s.KeyOwnerIn(scope);
              v1::DeleteAccessKeysRequest request;
              request.add_names(FreshId("doomed-key"));
              request.set_user_id(KeyUserField(s, scope));
              s.world->CreateKey(owner, request.names(0));
              return Attempt{
                  [s, request] { return s.caller->DeleteAccessKeys(request); },
                  [s, owner, name = request.names(0)] {
                    return !s.world->KeyExists(owner, name);
                  }};
            }));
    rows.push_back(Row(
        "RotateAccessKey", scope, KeyPermission(scope, "self:access_keys"),
        [scope](const Scene& s) {
          const std::string owner = s.KeyOwnerIn(scope);
          v1::RotateAccessKeyRequest request;
          request.set_name(FreshId("rotated-key"));
          request.set_user_id(KeyUserField(s, scope));
          s.world->CreateKey(owner, request.name());
          return Attempt{[s, request] {
                           return s.caller->RotateAccessKey(request).status();
                         },
                         [s, owner, name = request.name()] {
                           return s.world->KeyRotated(owner, name);
                         }};
        }));
  }
}

void AddAuditRows(std::vector<MatrixRow>& rows) {
  for (Scope scope : {Scope::kOwnOrg, Scope::kOtherOrg, Scope::kEveryOrg}) {
    rows.push_back(
        Row("ListAuditEvents", scope, InOrg(scope, "read:org"),
            [scope](const Scene& s) {
              v1::ListAuditEventsRequest request;
              if (scope == Scope::kOtherOrg)
                request.set_lookup_org_id(s.other_org);
              if (scope == Scope::kEveryOrg) request.set_lookup_org_id("*");
              const std::string org_id = s.OrgIn(scope);
              return ReadAttempt<v1::ListAuditEventsResponse>(
                  [s, request] { return s.caller->ListAuditEvents(request); },
                  [scope, org_id](const v1::ListAuditEventsResponse& answer) {
                    std::set<std::string> orgs;
                    for (const v1::AuditEvent& event : answer.events()) {
                      orgs.insert(event.org_id());
                    }
                    // The world's setup wrote events in both orgs.
                    return scope == Scope::kEveryOrg
                               ? orgs.size() >= 2
                               : orgs == std::set<std::string>{org_id};
                  });
            }));
  }
}

const std::vector<MatrixRow>& MatrixRows() {
  static const auto* rows = [] {
    auto* rows = new std::vector<MatrixRow>;
    AddOrgRows(*rows);
    AddTenantRows(*rows);
    AddUserRows(*rows);
    AddAccessKeyRows(*rows);
    AddAuditRows(*rows);
    return rows;
  }();
  return *rows;
}

// --- Fixtures ---

// One world per test suite; cases take fresh target ids, so they share it.
class AuthorizationWorldTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = new World(); }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  static const World& world() { return *world_; }
  static const Client& CallerOf(const std::string& org_id,
                                const std::string& role) {
    return world_->caller(CallerId(org_id, role));
  }

  // Asserts a refused call: PERMISSION_DENIED and no audit event, which
  // every write commits with it.
  static void ExpectDeniedWithoutWrites(const absl::Status& status,
                                        int64_t audit_before) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_EQ(world().NewestAuditEventId(), audit_before)
        << "a refused call wrote";
  }

 private:
  static World* world_;
};

World* AuthorizationWorldTest::world_ = nullptr;

// (caller's org, caller's role, index into MatrixRows())
using MatrixCase = std::tuple<std::string, std::string, size_t>;

std::string CamelCase(const std::string& words) {
  std::string result;
  for (absl::string_view word : absl::StrSplit(words, absl::ByAnyChar("-@"))) {
    std::string part(word);
    if (!part.empty()) part[0] = absl::ascii_toupper(part[0]);
    result += part;
  }
  return result;
}

std::string MatrixCaseName(const ::testing::TestParamInfo<MatrixCase>& info) {
  const auto& [org_id, role, row] = info.param;
  return absl::StrCat(CamelCase(org_id), "_", CamelCase(role), "_",
                      MatrixRows()[row].rpc, "_",
                      ScopeName(MatrixRows()[row].scope));
}

class AuthorizationMatrixTest
    : public AuthorizationWorldTest,
      public ::testing::WithParamInterface<MatrixCase> {};

TEST_P(AuthorizationMatrixTest, AllowsExactlyWhatTheRoleHolds) {
  const auto& [org_id, role, row_index] = GetParam();
  const MatrixRow& row = MatrixRows()[row_index];
  const std::string other_org =
      org_id == OrgIds()[0] ? OrgIds()[1] : OrgIds()[0];
  SCOPED_TRACE(absl::StrCat(
      role, " of ", org_id, " calls ", row.rpc, " on ", ScopeName(row.scope),
      ", which needs ", row.needs.empty() ? "no permission" : row.needs,
      ": allowed to ", MinimalRoleFor(row.needs), " and up"));
  const Scene scene{
      &world(), &CallerOf(org_id, role), CallerId(org_id, role), role, org_id,
      other_org};
  const Attempt attempt = row.prepare(scene);
  const int64_t audit_before = world().NewestAuditEventId();

  const absl::Status status = attempt.call();

  if (Holds(role, row.needs)) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kOk));
    EXPECT_EQ(attempt.took_effect(), Holds(role, row.shows_target_with));
  } else {
    ExpectDeniedWithoutWrites(status, audit_before);
    EXPECT_FALSE(attempt.took_effect()) << "a refused call took effect";
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryRoleEveryRpc, AuthorizationMatrixTest,
    ::testing::Combine(::testing::ValuesIn(OrgIds()),
                       ::testing::ValuesIn(RoleNames()),
                       ::testing::Range<size_t>(0, MatrixRows().size())),
    MatrixCaseName);

// --- What the matrix rests on ---

using AuthorizationModelTest = AuthorizationWorldTest;

// The matrix judges by the roles as the README defines them; the service must
// agree on what each role holds, or every other expectation is moot.
TEST_F(AuthorizationModelTest, EveryRoleHoldsThePermissionsOfTheDesign) {
  for (const std::string& org_id : OrgIds()) {
    for (const std::string& role : RoleNames()) {
      SCOPED_TRACE(CallerId(org_id, role));
      absl::StatusOr<v1::GetUserInfoResponse> info =
          CallerOf(org_id, role).GetUserInfo();
      ASSERT_THAT(info, IsOk());
      EXPECT_THAT(info->roles(), ElementsAre(role));
      const std::set<std::string> expected = PermissionsOf(role);
      EXPECT_THAT(info->permissions(), UnorderedElementsAreArray(expected));
    }
  }
  EXPECT_EQ(PermissionsOf("super-admin-user").size(), 24u);
}

// A new RPC must get its rows, or the matrix silently stops being complete.
TEST_F(AuthorizationModelTest, MatrixCoversEveryRpcOfEveryService) {
  std::set<std::string> rpcs;
  for (const char* service :
       {"identity.v1.OrgService", "identity.v1.TenantService",
        "identity.v1.UserService", "identity.v1.AccessKeyService",
        "identity.v1.AuditService"}) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      rpcs.insert(descriptor->method(i)->name());
    }
  }
  std::set<std::string> covered;
  for (const MatrixRow& row : MatrixRows()) covered.insert(row.rpc);
  EXPECT_EQ(covered, rpcs);
  EXPECT_EQ(rpcs.size(), 22u);
}

// --- Nobody grants or manages more than it holds ---

class GrantRuleTest : public AuthorizationWorldTest {
 protected:
  static const Client& OrgAdmin() {
    return CallerOf(OrgIds()[0], "org-admin-user");
  }
  static const std::string& OwnOrg() { return OrgIds()[0]; }
};

TEST_F(GrantRuleTest, OrgAdminCannotCreateASuperAdmin) {
  for (const std::vector<std::string>& roles :
       std::vector<std::vector<std::string>>{
           {"super-admin-user"}, {"trial-user", "super-admin-user"}}) {
    SCOPED_TRACE(roles.back());
    const std::string id = FreshId("would-be-super");
    const int64_t audit_before = world().NewestAuditEventId();
    ExpectDeniedWithoutWrites(
        OrgAdmin().CreateUser(UserInOrg(id, OwnOrg(), roles)).status(),
        audit_before);
    EXPECT_FALSE(world().UserExists(id));
  }
}

TEST_F(GrantRuleTest, OrgAdminCannotPromoteAUserToSuperAdmin) {
  const std::string id = FreshId("user");
  world().CreateUser(id, OwnOrg(), kTargetRole);
  v1::User promotion;
  promotion.set_id(id);
  promotion.add_roles("super-admin-user");
  const int64_t audit_before = world().NewestAuditEventId();

  ExpectDeniedWithoutWrites(OrgAdmin().UpdateUser(promotion).status(),
                            audit_before);
  EXPECT_THAT(world().UserAsAdminSees(id).roles(), ElementsAre(kTargetRole));
}

TEST_F(GrantRuleTest, OrgAdminCannotEditDeleteOrManageKeysOfASuperAdmin) {
  const std::string id = FreshId("super");
  world().CreateUser(id, OwnOrg(), "super-admin-user");
  world().CreateKey(id, "super-key");
  const v1::User before = world().UserAsAdminSees(id);
  const int64_t audit_before = world().NewestAuditEventId();

  ExpectDeniedWithoutWrites(
      OrgAdmin().UpdateUser(UserRename(id, "demoted")).status(), audit_before);
  ExpectDeniedWithoutWrites(OrgAdmin().DeleteUser(id), audit_before);
  v1::CreateAccessKeyRequest create;
  create.set_user_id(id);
  create.set_name("backdoor");
  ExpectDeniedWithoutWrites(OrgAdmin().CreateAccessKey(create).status(),
                            audit_before);
  v1::ListAccessKeysRequest list;
  list.set_user_id(id);
  ExpectDeniedWithoutWrites(OrgAdmin().ListAccessKeys(list).status(),
                            audit_before);
  v1::DeleteAccessKeysRequest remove;
  remove.set_user_id(id);
  remove.add_names("super-key");
  ExpectDeniedWithoutWrites(OrgAdmin().DeleteAccessKeys(remove), audit_before);

  EXPECT_EQ(world().UserAsAdminSees(id).DebugString(), before.DebugString());
  EXPECT_TRUE(world().KeyExists(id, "super-key"));
  EXPECT_FALSE(world().KeyExists(id, "backdoor"));
}

// A forced delete takes the tenant's users with it, so it is a delete of each.
TEST_F(GrantRuleTest, OrgAdminForceDeletesATenantOnlyIfItCouldDeleteAllUsers) {
  const std::string guarded = FreshId("guarded-tenant");
  world().CreateTenant(guarded, OwnOrg());
  const std::string super_admin = FreshId("super");
  world().CreateUserInTenant(super_admin, OwnOrg(), guarded,
                             "super-admin-user");
  const int64_t audit_before = world().NewestAuditEventId();
  ExpectDeniedWithoutWrites(OrgAdmin().DeleteTenant(guarded, /*force=*/true),
                            audit_before);
  EXPECT_TRUE(world().TenantExists(guarded));
  EXPECT_TRUE(world().UserExists(super_admin));

  const std::string ordinary = FreshId("ordinary-tenant");
  world().CreateTenant(ordinary, OwnOrg());
  const std::string org_admin = FreshId("org-admin");
  world().CreateUserInTenant(org_admin, OwnOrg(), ordinary, "org-admin-user");
  EXPECT_THAT(OrgAdmin().DeleteTenant(ordinary, /*force=*/true), IsOk());
  EXPECT_FALSE(world().TenantExists(ordinary));
  EXPECT_FALSE(world().UserExists(org_admin));
}

TEST_F(GrantRuleTest, OrgAdminGrantsOrgAdminAndEveryRoleBelow) {
  for (const std::string& role : RoleNames()) {
    if (role == "super-admin-user") continue;
    SCOPED_TRACE(role);
    const std::string created = FreshId("granted");
    absl::StatusOr<v1::User> user =
        OrgAdmin().CreateUser(UserInOrg(created, OwnOrg(), {role}));
    ASSERT_THAT(user, IsOk());
    EXPECT_THAT(world().UserAsAdminSees(created).roles(), ElementsAre(role));

    const std::string promoted = FreshId("promoted");
    world().CreateUser(promoted, OwnOrg(), kTargetRole);
    v1::User promotion;
    promotion.set_id(promoted);
    promotion.add_roles(role);
    absl::StatusOr<v1::User> updated = OrgAdmin().UpdateUser(promotion);
    ASSERT_THAT(updated, IsOk());
    EXPECT_THAT(world().UserAsAdminSees(promoted).roles(), ElementsAre(role));
  }
}

TEST_F(GrantRuleTest, AdminUserCannotCreateUsersAtAll) {
  const Client& admin_user = CallerOf(OwnOrg(), "admin-user");
  // Not even users with no role, or below its own rank: it lacks write:user.
  for (const std::vector<std::string>& roles :
       std::vector<std::vector<std::string>>{{}, {"trial-user"}}) {
    SCOPED_TRACE(roles.empty() ? "no role" : roles.front());
    const std::string id = FreshId("not-created");
    const int64_t audit_before = world().NewestAuditEventId();
    ExpectDeniedWithoutWrites(
        admin_user.CreateUser(UserInOrg(id, OwnOrg(), roles)).status(),
        audit_before);
    EXPECT_FALSE(world().UserExists(id));
  }
}

// With org_id omitted the org comes from the tenant; the check must follow it.
TEST_F(GrantRuleTest, OrgAdminCannotCreateAUserInAnotherOrgsTenant) {
  v1::User user = UserInOrg(FreshId("smuggled"), OrgIds()[1], {kTargetRole});
  user.clear_org_id();
  const int64_t audit_before = world().NewestAuditEventId();

  ExpectDeniedWithoutWrites(OrgAdmin().CreateUser(user).status(), audit_before);
  EXPECT_FALSE(world().UserExists(user.id()));
}

// --- Permission is checked before existence ---

// A call on one id, and what a super admin gets when that id does not exist.
struct Probe {
  std::string rpc;
  // "org", "tenant" or "user": which kind of id the call takes.
  std::string kind;
  absl::StatusCode super_admin_code_if_absent;
  std::function<absl::Status(const Client&, const std::string& id)> call;
};

const std::vector<Probe>& Probes() {
  using Code = absl::StatusCode;
  static const auto* probes = new std::vector<Probe>{
      {"GetOrg", "org", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.GetOrg(id).status();
       }},
      {"UpdateOrg", "org", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.UpdateOrg(OrgProto(id, "renamed")).status();
       }},
      {"DeleteOrg", "org", Code::kNotFound,
       [](const Client& c, const std::string& id) { return c.DeleteOrg(id); }},
      // A missing parent is FAILED_PRECONDITION.
      {"CreateTenant", "org", Code::kFailedPrecondition,
       [](const Client& c, const std::string& id) {
         return c.CreateTenant(TenantProto(FreshId("new-tenant"), id)).status();
       }},
      {"GetTenant", "tenant", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.GetTenant(id).status();
       }},
      {"UpdateTenant", "tenant", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         v1::Tenant tenant;
         tenant.set_id(id);
         tenant.set_name("renamed");
         return c.UpdateTenant(tenant).status();
       }},
      {"DeleteTenant", "tenant", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.DeleteTenant(id);
       }},
      {"GetUser", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.GetUser(id).status();
       }},
      {"UpdateUser", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         return c.UpdateUser(UserRename(id, "renamed")).status();
       }},
      {"DeleteUser", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) { return c.DeleteUser(id); }},
      {"CreateAccessKey", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         v1::CreateAccessKeyRequest request;
         request.set_user_id(id);
         request.set_name(FreshId("key"));
         return c.CreateAccessKey(request).status();
       }},
      {"ListAccessKeys", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         v1::ListAccessKeysRequest request;
         request.set_user_id(id);
         return c.ListAccessKeys(request).status();
       }},
      {"DeleteAccessKeys", "user", Code::kNotFound,
       [](const Client& c, const std::string& id) {
         v1::DeleteAccessKeysRequest request;
         request.set_user_id(id);
         request.add_names(kMemberKeyName);
         return c.DeleteAccessKeys(request);
       }},
  };
  return *probes;
}

// What exists in the other org, of each kind of id a probe takes.
std::string ExistingIdInOtherOrg(const std::string& kind) {
  const std::string& other_org = OrgIds()[1];
  if (kind == "org") return other_org;
  if (kind == "tenant") return TenantOf(other_org);
  return MemberOf(other_org);
}

using CheckedBeforeExistenceTest = AuthorizationWorldTest;

TEST_F(CheckedBeforeExistenceTest, NonexistentIdsAreDeniedToAllButSuperAdmin) {
  const std::string& own_org = OrgIds()[0];
  for (const std::string& role : RoleNames()) {
    for (const Probe& probe : Probes()) {
      SCOPED_TRACE(absl::StrCat(role, " calls ", probe.rpc));
      const std::string absent = FreshId(absl::StrCat("no-such-", probe.kind));
      const int64_t audit_before = world().NewestAuditEventId();
      const absl::Status status = probe.call(CallerOf(own_org, role), absent);
      if (role == "super-admin-user") {
        EXPECT_EQ(status.code(), probe.super_admin_code_if_absent) << status;
        EXPECT_EQ(world().NewestAuditEventId(), audit_before);
      } else {
        ExpectDeniedWithoutWrites(status, audit_before);
      }
    }
  }
}

// The refusal for another org's resource and for a nonexistent one must be
// the same, message included, or probing would map other orgs.
TEST_F(CheckedBeforeExistenceTest,
       OrgAdminCannotTellAnotherOrgsIdsFromNonexistentOnes) {
  const Client& org_admin = CallerOf(OrgIds()[0], "org-admin-user");
  const std::string other_member = MemberOf(OrgIds()[1]);
  const v1::User member_before = world().UserAsAdminSees(other_member);
  for (const Probe& probe : Probes()) {
    SCOPED_TRACE(probe.rpc);
    const std::string existing = ExistingIdInOtherOrg(probe.kind);
    const std::string absent = FreshId(absl::StrCat("no-such-", probe.kind));
    const int64_t audit_before = world().NewestAuditEventId();

    const absl::Status on_existing = probe.call(org_admin, existing);
    const absl::Status on_absent = probe.call(org_admin, absent);

    ExpectDeniedWithoutWrites(on_existing, audit_before);
    ExpectDeniedWithoutWrites(on_absent, audit_before);
    EXPECT_EQ(absl::StrReplaceAll(on_existing.message(), {{existing, "<id>"}}),
              absl::StrReplaceAll(on_absent.message(), {{absent, "<id>"}}));
  }
  EXPECT_TRUE(world().OrgExists(OrgIds()[1]));
  EXPECT_TRUE(world().TenantExists(TenantOf(OrgIds()[1])));
  EXPECT_EQ(world().UserAsAdminSees(other_member).DebugString(),
            member_before.DebugString());
  EXPECT_TRUE(world().KeyExists(other_member, kMemberKeyName));
}

// Narrowing a listing to another org's tenant or user must not reach into
// that org.
TEST_F(CheckedBeforeExistenceTest, OrgAdminListingNarrowedToAnotherOrgIsEmpty) {
  const Client& org_admin = CallerOf(OrgIds()[0], "org-admin-user");
  v1::ListUsersRequest by_tenant;
  by_tenant.set_lookup_tenant_id(TenantOf(OrgIds()[1]));
  absl::StatusOr<v1::ListUsersResponse> users = org_admin.ListUsers(by_tenant);
  ASSERT_THAT(users, IsOk());
  EXPECT_THAT(users->users(), IsEmpty());

  v1::ListUsersRequest by_user;
  by_user.set_lookup_user_id(MemberOf(OrgIds()[1]));
  users = org_admin.ListUsers(by_user);
  ASSERT_THAT(users, IsOk());
  EXPECT_THAT(users->users(), IsEmpty());
}

TEST_F(CheckedBeforeExistenceTest, ReadOrgHoldersListOnlyTheirOwnOrg) {
  for (const std::string& org_id : OrgIds()) {
    SCOPED_TRACE(org_id);
    absl::StatusOr<v1::ListOrgsResponse> orgs =
        CallerOf(org_id, "org-admin-user").ListOrgs();
    ASSERT_THAT(orgs, IsOk());
    ASSERT_EQ(orgs->orgs_size(), 1);
    EXPECT_EQ(orgs->orgs(0).id(), org_id);
  }
}

}  // namespace
}  // namespace identity::testing
