// The shared fixture of the storage behavioural suite (test-only): a fresh
// database per test, an open PgStore on it, builders for domain structs and
// seeding helpers. Each store's test binary derives its suite from it.
//
//   class PgOrgStoreTest : public PgStoreFixture {};
//   TEST_F(PgOrgStoreTest, GetOfMissingOrgIsNotFound) {
//     EXPECT_THAT(GetOrg("nope"), StatusIs(absl::StatusCode::kNotFound));
//   }
#ifndef IDENTITY_STORAGE_POSTGRES_PG_STORE_FIXTURE_H_
#define IDENTITY_STORAGE_POSTGRES_PG_STORE_FIXTURE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/status_matchers.h"
#include "storage/postgres/pg_store.h"
#include "storage/store.h"
#include "tests/harness/shared_postgres.h"

namespace identity::postgres {

inline absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }

// The service's own limits of a user's config: 1 MiB, 1,000 keys.
inline constexpr storage::ConfigLimits kLimits = {1 << 20, 1000};

// The lowercase hex SHA-256 shape the store insists on; any such string does.
inline std::string KeyHash(int n) { return absl::StrFormat("%064x", n); }

inline absl::Status StatusOf(const absl::Status& status) { return status; }
template <typename T>
inline absl::Status StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

inline storage::Org MakeOrg(std::string id) {
  storage::Org org;
  org.id = std::move(id);
  org.name = "Org " + org.id;
  return org;
}

inline storage::Tenant MakeTenant(std::string id, std::string org_id) {
  storage::Tenant tenant;
  tenant.id = std::move(id);
  tenant.org_id = std::move(org_id);
  tenant.name = "Tenant " + tenant.id;
  return tenant;
}

inline storage::User MakeUser(std::string id, std::string tenant_id,
                              std::string org_id,
                              std::vector<std::string> roles = {"user"}) {
  storage::User user;
  user.id = std::move(id);
  user.tenant_id = std::move(tenant_id);
  user.org_id = std::move(org_id);
  user.name = "User " + user.id;
  user.email = user.id + "@example.com";
  user.roles = std::move(roles);
  return user;
}

inline storage::AccessKey MakeKey(std::string user_id, std::string name) {
  storage::AccessKey key;
  key.user_id = std::move(user_id);
  key.name = std::move(name);
  key.description = "key " + key.name;
  key.key_prefix = "idk_" + key.name.substr(0, 4);
  return key;
}

// The event of a create by "admin" impersonating "olga"; its org and
// resource id are the store's to set.
inline storage::AuditEvent MakeCreateEvent(std::string resource_type) {
  storage::AuditEvent event;
  event.actor_id = "admin";
  event.impersonated_user_id = "olga";
  event.org_id = "ignored: the store sets it";
  event.method = "/identity.v1.Service/Create";
  event.resource_type = std::move(resource_type);
  event.resource_id = "ignored: the store sets it";
  event.peer = "ipv4:127.0.0.1:1234";
  event.summary_json = R"({"name":"N"})";
  return event;
}

template <typename T>
std::vector<std::string> Ids(const std::vector<T>& resources) {
  std::vector<std::string> ids;
  for (const T& resource : resources) ids.push_back(resource.id);
  return ids;
}

class PgStoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = ::identity::testing::FreshDatabaseUrl();
    store_ = Open(url_);
  }

  static std::unique_ptr<PgStore> Open(const std::string& url,
                                       int pool_size = 8,
                                       int max_attempts = 5) {
    PgStoreOptions options;
    options.database_url = url;
    options.pool_size = pool_size;
    options.max_attempts = max_attempts;
    absl::StatusOr<std::unique_ptr<PgStore>> store = PgStore::Open(options);
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Runs `fn` in one transaction of `access` and returns what it returned.
  template <typename Fn>
  std::invoke_result_t<Fn&, storage::Transaction&> InTransaction(
      Fn fn, storage::Access access = storage::Access::kReadWrite) {
    using Result = std::invoke_result_t<Fn&, storage::Transaction&>;
    Result result = absl::UnknownError("never ran");
    absl::Status status = store_->RunInTransaction(
        Deadline(), access, [&](storage::Transaction& tx) -> absl::Status {
          result = fn(tx);
          return StatusOf(result);
        });
    if (!status.ok()) return Result(status);
    return result;
  }

  // The audit events of org `org_id` ("": of every org), newest first.
  absl::StatusOr<std::vector<storage::AuditEvent>> AuditEvents(
      const std::string& org_id = "") {
    storage::AuditFilter filter;
    filter.org_id = org_id;
    return InTransaction([&](storage::Transaction& tx) {
      return tx.audit().List(storage::PageRequest{"", 100}, filter);
    });
  }

  void SeedOrg(const std::string& id) {
    ASSERT_THAT(InTransaction([&](storage::Transaction& tx) {
                  return tx.orgs().Insert(MakeOrg(id));
                }),
                IsOk());
  }
  void SeedTenant(const std::string& id, const std::string& org_id) {
    ASSERT_THAT(InTransaction([&](storage::Transaction& tx) {
                  return tx.tenants().Insert(MakeTenant(id, org_id));
                }),
                IsOk());
  }
  void SeedUser(const std::string& id, const std::string& tenant_id,
                const std::string& org_id,
                std::vector<std::string> roles = {"user"}) {
    absl::StatusOr<storage::User> user =
        InTransaction([&](storage::Transaction& tx) {
          return tx.users().Insert(MakeUser(id, tenant_id, org_id, roles));
        });
    ASSERT_THAT(user, IsOk());
  }
  void SeedKey(const std::string& user_id, const std::string& name, int hash) {
    absl::StatusOr<storage::AccessKey> key =
        InTransaction([&](storage::Transaction& tx) {
          return tx.access_keys().Insert(MakeKey(user_id, name), KeyHash(hash));
        });
    ASSERT_THAT(key, IsOk());
  }
  // storage::Org o1 with tenant t1 and user u1 holding key k1 (hash 1) and a
  // config.
  void SeedHierarchy() {
    SeedOrg("o1");
    SeedTenant("t1", "o1");
    SeedUser("u1", "t1", "o1");
    SeedKey("u1", "k1", 1);
    ASSERT_THAT(InTransaction([](storage::Transaction& tx) {
                  return tx.users().UpdateConfig("u1", R"({"theme": "dark"})",
                                                 {}, kLimits);
                }),
                IsOk());
  }

  absl::StatusOr<storage::Org> GetOrg(const std::string& id) {
    return InTransaction(
        [&](storage::Transaction& tx) {
          return tx.orgs().Get(id, storage::Lock::kNone);
        },
        storage::Access::kReadOnly);
  }
  absl::StatusOr<storage::Tenant> GetTenant(const std::string& id) {
    return InTransaction(
        [&](storage::Transaction& tx) {
          return tx.tenants().Get(id, storage::Lock::kNone);
        },
        storage::Access::kReadOnly);
  }
  absl::StatusOr<storage::User> GetUser(const std::string& id) {
    return InTransaction(
        [&](storage::Transaction& tx) {
          return tx.users().Get(id, storage::Lock::kNone);
        },
        storage::Access::kReadOnly);
  }
  absl::StatusOr<std::string> GetConfig(const std::string& user_id) {
    return InTransaction([&](storage::Transaction& tx) {
      return tx.users().UpdateConfig(user_id, "", {}, kLimits);
    });
  }

  std::string url_;
  std::unique_ptr<PgStore> store_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_STORE_FIXTURE_H_
