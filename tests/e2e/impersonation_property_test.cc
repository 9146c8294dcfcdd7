// The impersonation rule as a property, over the real authenticator, identity
// cache and PostgreSQL store: for every caller whose roles are a set of at
// most two built-in roles, acting through keys of several ceilings, and
// every target with such a role set, with the cache cold or warmed in every
// order that matters (the caller's key first, the target's own capped or
// unbounded key first, the impersonation itself first), impersonating is
// allowed exactly when the target's own permissions are within the caller's
// (its roles' ∩ its key's ceiling), and the call then runs with the target's
// own permissions.
//
// The review's hole was one such order: a target's capped key, once used,
// left the cap in the cache as the target's own permissions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/call_metadata.h"
#include "base/error_details.h"
#include "service/auth/access_key_secret.h"
#include "service/auth/authenticator.h"
#include "storage/postgres/pg_store.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

using Permissions = std::set<std::string>;

const std::vector<std::string> kRoles = {
    "trial-user",     "trial-api-user",  "user", "api-user", "admin-user",
    "org-admin-user", "super-admin-user"};

// The role table as the README states it, written out here so that the
// expectations do not come from the code under test.
const std::map<std::string, Permissions>& PermissionsByRole() {
  static const auto* table = [] {
    auto with = [](Permissions base, const std::vector<std::string>& added) {
      base.insert(added.begin(), added.end());
      return base;
    };
    const Permissions trial = {"self:config", "self:access_keys",
                               "read:semantic-context", "read:liked-queries",
                               "read:databases"};
    const Permissions user = with(
        trial,
        {"write:liked-queries", "write:semantic-context", "write:databases"});
    const Permissions api = with(user, {"usage:api", "write:access_key",
                                        "read:similarity-search-index"});
    const Permissions admin =
        with(api, {"publish:semantic-context", "publish:liked-queries",
                   "publish:access-rules", "push:databases",
                   "write:similarity-search-index"});
    const Permissions org_admin =
        with(admin, {"read:user", "write:user", "read:tenant", "write:tenant",
                     "read:org", "usage:impersonation", "read:usage-report"});
    return new std::map<std::string, Permissions>{
        {"trial-user", trial},
        {"trial-api-user", with(trial, {"usage:api"})},
        {"user", user},
        {"api-user", api},
        {"admin-user", admin},
        {"org-admin-user", org_admin},
        {"super-admin-user", with(org_admin, {"write:org"})}};
  }();
  return *table;
}

Permissions PermissionsOf(const std::vector<std::string>& roles) {
  Permissions all;
  for (const std::string& role : roles) {
    const Permissions& held = PermissionsByRole().at(role);
    all.insert(held.begin(), held.end());
  }
  return all;
}

Permissions Intersection(const Permissions& a, const Permissions& b) {
  Permissions both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(),
                        std::inserter(both, both.end()));
  return both;
}

bool IsSubset(const Permissions& a, const Permissions& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// Every set of at most two built-in roles.
std::vector<std::vector<std::string>> RoleSets() {
  std::vector<std::vector<std::string>> sets = {{}};
  for (size_t i = 0; i < kRoles.size(); ++i) {
    sets.push_back({kRoles[i]});
    for (size_t j = i + 1; j < kRoles.size(); ++j) {
      sets.push_back({kRoles[i], kRoles[j]});
    }
  }
  return sets;
}

// The ceilings callers' keys are minted with; nullopt is unbounded.
const std::vector<std::optional<Permissions>>& Ceilings() {
  static const auto* ceilings = [] {
    const Permissions& org_admin = PermissionsByRole().at("org-admin-user");
    Permissions user_and_impersonation = PermissionsByRole().at("user");
    user_and_impersonation.insert("usage:impersonation");
    return new std::vector<std::optional<Permissions>>{
        std::nullopt, org_admin, user_and_impersonation,
        Permissions{"usage:impersonation", "read:databases"}};
  }();
  return *ceilings;
}

// The narrow ceiling of each target's capped key: what used to be cached as
// the target's own permissions once that key was used.
const Permissions kTargetCap = {"read:databases"};

std::string NameOf(const std::vector<std::string>& roles) {
  return roles.empty() ? "none" : absl::StrJoin(roles, "+");
}

// The order in which the cache meets the parties before (or after) the
// impersonation under test.
enum class Order {
  kCold,
  kCallerKeyFirst,
  kTargetCappedKeyFirst,
  kTargetOwnKeyFirst,
  kImpersonationThenTargetCappedKey,
};

const std::vector<Order> kOrders = {
    Order::kCold, Order::kCallerKeyFirst, Order::kTargetCappedKeyFirst,
    Order::kTargetOwnKeyFirst, Order::kImpersonationThenTargetCappedKey};

class ImpersonationPropertyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    postgres::PgStoreOptions options;
    options.database_url = FreshDatabaseUrl();
    absl::StatusOr<std::unique_ptr<postgres::PgStore>> store =
        postgres::PgStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_TRUE(Write([](storage::Transaction& tx) -> absl::Status {
                  storage::Org org;
                  org.id = "o";
                  org.name = "o";
                  if (absl::Status s = tx.orgs().Insert(org).status(); !s.ok())
                    return s;
                  storage::Tenant tenant;
                  tenant.id = "t";
                  tenant.org_id = "o";
                  tenant.name = "t";
                  return tx.tenants().Insert(tenant).status();
                }).ok());
  }

  absl::Status Write(
      const std::function<absl::Status(storage::Transaction&)>& fn) {
    return store_->RunInTransaction(absl::Now() + absl::Seconds(30),
                                    storage::Access::kReadWrite, fn);
  }

  // Creates user `id` with `roles`; a key of it for each ceiling, returned
  // in that order.
  std::vector<std::string> CreateUserWithKeys(
      const std::string& id, const std::vector<std::string>& roles,
      const std::vector<std::optional<Permissions>>& ceilings) {
    std::vector<std::string> secrets;
    const absl::Status status =
        Write([&](storage::Transaction& tx) -> absl::Status {
          secrets.clear();
          storage::User user;
          user.id = id;
          user.tenant_id = "t";
          user.org_id = "o";
          user.name = id;
          user.roles = roles;
          if (absl::Status s = tx.users().Insert(user).status(); !s.ok()) {
            return s;
          }
          for (size_t i = 0; i < ceilings.size(); ++i) {
            const AccessKeySecret secret = AccessKeySecret::Generate();
            storage::AccessKey key;
            key.user_id = id;
            key.name = absl::StrCat("k", i);
            key.key_prefix = secret.prefix();
            if (ceilings[i].has_value()) {
              key.permission_ceiling = std::vector<std::string>(
                  ceilings[i]->begin(), ceilings[i]->end());
            }
            if (absl::Status s = tx.access_keys()
                                     .Insert(key, HashAccessKey(secret.value()))
                                     .status();
                !s.ok()) {
              return s;
            }
            secrets.push_back(secret.value());
          }
          return absl::OkStatus();
        });
    EXPECT_TRUE(status.ok()) << status;
    return secrets;
  }

  std::unique_ptr<postgres::PgStore> store_;
};

// As the server does: from memory when it can, else with the store.
absl::StatusOr<CallContext> Authenticate(const Authenticator& authenticator,
                                         const std::string& secret,
                                         const std::string& impersonate) {
  CallCredentials credentials;
  credentials.authorization = {absl::StrCat(kBearerPrefix, secret)};
  if (!impersonate.empty()) credentials.impersonate = {impersonate};
  credentials.method = "/identity.v1.UserService/GetUserInfo";
  credentials.peer = "ipv4:127.0.0.1:1";
  credentials.deadline = absl::Now() + absl::Seconds(30);
  if (auto decided = authenticator.AuthenticateFromMemory(credentials)) {
    return *std::move(decided);
  }
  return authenticator.AuthenticateWithStore(credentials);
}

TEST_F(ImpersonationPropertyTest, AllowedExactlyWhenTheTargetsOwnFitTheKey) {
  const std::vector<std::vector<std::string>> role_sets = RoleSets();
  struct Caller {
    std::vector<std::string> roles;
    std::vector<std::string> secrets;  // by ceiling
  };
  struct Target {
    std::string id;
    std::vector<std::string> roles;
    std::string capped_secret;
    std::string own_secret;
  };
  std::vector<Caller> callers;
  std::vector<Target> targets;
  for (const std::vector<std::string>& roles : role_sets) {
    callers.push_back({roles, CreateUserWithKeys("caller-" + NameOf(roles),
                                                 roles, Ceilings())});
    const std::string target_id = "target-" + NameOf(roles);
    std::vector<std::string> target_secrets =
        CreateUserWithKeys(target_id, roles, {kTargetCap, std::nullopt});
    ASSERT_EQ(target_secrets.size(), 2u);
    targets.push_back({target_id, roles, target_secrets[0], target_secrets[1]});
  }

  // Shared by every case: what they record does not affect decisions.
  KeyUseRecorder key_uses(store_.get(), absl::Hours(1));
  ImpersonationRefusalRecorder refusals(store_.get(), absl::Hours(1));
  FailedAuthenticationLimiter failures({1e9, 1e9});
  int cases = 0;
  int allowed_cases = 0;
  std::vector<std::string> wrong;
  for (const Caller& caller : callers) {
    for (size_t c = 0; c < Ceilings().size(); ++c) {
      Permissions reach = PermissionsOf(caller.roles);
      if (Ceilings()[c].has_value()) {
        reach = Intersection(reach, *Ceilings()[c]);
      }
      for (const Target& target : targets) {
        const Permissions own = PermissionsOf(target.roles);
        const bool expected =
            reach.count("usage:impersonation") > 0 && IsSubset(own, reach);
        for (Order order : kOrders) {
          // A cache of its own per case: cold, whatever ran before.
          IdentityCache cache;
          cache.OnEverythingChanged(/*live=*/true);
          Authenticator authenticator(store_.get(), &cache, &key_uses,
                                      &refusals, &failures);
          const std::string& secret = caller.secrets[c];
          auto warm = [&](const std::string& key) {
            absl::StatusOr<CallContext> plain =
                Authenticate(authenticator, key, "");
            EXPECT_TRUE(plain.ok()) << plain.status();
          };
          switch (order) {
            case Order::kCold:
              break;
            case Order::kCallerKeyFirst:
              warm(secret);
              break;
            case Order::kTargetCappedKeyFirst:
              warm(target.capped_secret);
              break;
            case Order::kTargetOwnKeyFirst:
              warm(target.own_secret);
              break;
            case Order::kImpersonationThenTargetCappedKey:
              Authenticate(authenticator, secret, target.id).IgnoreError();
              warm(target.capped_secret);
              break;
          }
          absl::StatusOr<CallContext> call =
              Authenticate(authenticator, secret, target.id);
          ++cases;
          const std::string what =
              absl::StrCat(NameOf(caller.roles), " with ceiling ", c, " as ",
                           target.id, " (order ", static_cast<int>(order), ")");
          if (call.ok() != expected) {
            wrong.push_back(
                absl::StrCat(what, ": ", call.ok() ? "allowed" : "refused"));
            continue;
          }
          if (!call.ok()) {
            if (call.status().code() != absl::StatusCode::kPermissionDenied ||
                ErrorReasonOf(call.status()) != "IMPERSONATION_REFUSED") {
              wrong.push_back(
                  absl::StrCat(what, ": ", call.status().ToString()));
            }
            continue;
          }
          ++allowed_cases;
          const std::vector<std::string> names = call->permissions().Names();
          if (call->user().id != target.id ||
              Permissions(names.begin(), names.end()) != own) {
            wrong.push_back(absl::StrCat(what, ": ran as ", call->user().id,
                                         " with ", absl::StrJoin(names, ",")));
          }
        }
      }
    }
  }
  // Both outcomes occur, so the property is not met vacuously.
  EXPECT_GT(allowed_cases, 0);
  EXPECT_LT(allowed_cases, cases);
  const size_t wrong_cases = wrong.size();
  wrong.resize(std::min<size_t>(wrong.size(), 20));
  EXPECT_THAT(wrong, ::testing::IsEmpty())
      << wrong_cases << " of " << cases << " cases wrong; the first shown";
  std::printf("impersonation property: %d cases, %d allowed\n", cases,
              allowed_cases);
}

}  // namespace
}  // namespace identity::testing
