// The behavioural suite of the storage contract, against a real PostgreSQL:
// every store method's success path, each documented status code and the
// state after it, transactions, migrations and the change feed.
#include "storage/postgres/pg_store.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "gtest/gtest.h"
#include "storage/postgres/connection_string.h"
#include "storage/postgres/migrations.h"
#include "storage/postgres/pg_change_feed.h"
#include "storage/store.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/test_database.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;
using ::identity::storage::AccessKey;
using ::identity::storage::AuditEvent;
using ::identity::storage::AuditFilter;
using ::identity::storage::ChangeSubscriber;
using ::identity::storage::Credential;
using ::identity::storage::Lock;
using ::identity::storage::Org;
using ::identity::storage::PageRequest;
using ::identity::storage::Tenant;
using ::identity::storage::Transaction;
using ::identity::storage::User;
using ::identity::storage::UserFilter;
using ::identity::testing::FreshDatabaseUrl;
using ::identity::testing::PostgresServer;
using ::identity::testing::TestDatabase;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }

// The lowercase hex SHA-256 shape the store insists on; any such string does.
std::string KeyHash(int n) { return absl::StrFormat("%064x", n); }

absl::Status StatusOf(const absl::Status& status) { return status; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

Org MakeOrg(std::string id) {
  Org org;
  org.id = std::move(id);
  org.name = "Org " + org.id;
  return org;
}

Tenant MakeTenant(std::string id, std::string org_id) {
  Tenant tenant;
  tenant.id = std::move(id);
  tenant.org_id = std::move(org_id);
  tenant.name = "Tenant " + tenant.id;
  return tenant;
}

User MakeUser(std::string id, std::string tenant_id, std::string org_id,
              std::vector<std::string> roles = {"user"}) {
  User user;
  user.id = std::move(id);
  user.tenant_id = std::move(tenant_id);
  user.org_id = std::move(org_id);
  user.name = "User " + user.id;
  user.email = user.id + "@example.com";
  user.roles = std::move(roles);
  return user;
}

AccessKey MakeKey(std::string user_id, std::string name) {
  AccessKey key;
  key.user_id = std::move(user_id);
  key.name = std::move(name);
  key.description = "key " + key.name;
  key.key_prefix = "idk_" + key.name.substr(0, 4);
  return key;
}

template <typename T>
std::vector<std::string> Ids(const std::vector<T>& resources) {
  std::vector<std::string> ids;
  for (const T& resource : resources) ids.push_back(resource.id);
  return ids;
}

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = FreshDatabaseUrl();
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
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Runs `fn` in one transaction of `access` and returns what it returned.
  template <typename Fn>
  std::invoke_result_t<Fn&, Transaction&> InTransaction(
      Fn fn, Access access = Access::kReadWrite) {
    using Result = std::invoke_result_t<Fn&, Transaction&>;
    Result result = absl::UnknownError("never ran");
    absl::Status status = store_->RunInTransaction(
        Deadline(), access, [&](Transaction& tx) -> absl::Status {
          result = fn(tx);
          return StatusOf(result);
        });
    if (!status.ok()) return Result(status);
    return result;
  }

  void SeedOrg(const std::string& id) {
    ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                  return tx.orgs().Insert(MakeOrg(id));
                }).ok());
  }
  void SeedTenant(const std::string& id, const std::string& org_id) {
    ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                  return tx.tenants().Insert(MakeTenant(id, org_id));
                }).ok());
  }
  void SeedUser(const std::string& id, const std::string& tenant_id,
                const std::string& org_id,
                std::vector<std::string> roles = {"user"}) {
    absl::StatusOr<User> user = InTransaction([&](Transaction& tx) {
      return tx.users().Insert(MakeUser(id, tenant_id, org_id, roles));
    });
    ASSERT_TRUE(user.ok()) << user.status();
  }
  void SeedKey(const std::string& user_id, const std::string& name, int hash) {
    absl::StatusOr<AccessKey> key = InTransaction([&](Transaction& tx) {
      return tx.access_keys().Insert(MakeKey(user_id, name), KeyHash(hash));
    });
    ASSERT_TRUE(key.ok()) << key.status();
  }
  // Org o1 with tenant t1 and user u1 holding key k1 (hash 1) and a config.
  void SeedHierarchy() {
    SeedOrg("o1");
    SeedTenant("t1", "o1");
    SeedUser("u1", "t1", "o1");
    SeedKey("u1", "k1", 1);
    ASSERT_TRUE(InTransaction([](Transaction& tx) {
                  return tx.users().UpdateConfig("u1", R"({"theme": "dark"})",
                                                 {});
                }).ok());
  }

  absl::StatusOr<Org> GetOrg(const std::string& id) {
    return InTransaction(
        [&](Transaction& tx) { return tx.orgs().Get(id, Lock::kNone); },
        Access::kReadOnly);
  }
  absl::StatusOr<Tenant> GetTenant(const std::string& id) {
    return InTransaction(
        [&](Transaction& tx) { return tx.tenants().Get(id, Lock::kNone); },
        Access::kReadOnly);
  }
  absl::StatusOr<User> GetUser(const std::string& id) {
    return InTransaction(
        [&](Transaction& tx) { return tx.users().Get(id, Lock::kNone); },
        Access::kReadOnly);
  }
  absl::StatusOr<std::string> GetConfig(const std::string& user_id) {
    return InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig(user_id, "", {});
    });
  }

  std::string url_;
  std::unique_ptr<PgStore> store_;
};

// ---------------------------------------------------------------- Orgs

TEST_F(PgStoreTest, OrgInsertReturnsStoredRowWithVersionOne) {
  const absl::Time before = absl::Now();
  Org org = MakeOrg("o1");
  org.variables_json = R"({"tier": "gold", "seats": 5})";
  absl::StatusOr<Org> inserted =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->id, "o1");
  EXPECT_EQ(inserted->name, "Org o1");
  EXPECT_EQ(inserted->variables_json, R"({"tier": "gold", "seats": 5})");
  EXPECT_EQ(inserted->version, 1);
  EXPECT_GE(inserted->create_time, before - absl::Seconds(1));
  EXPECT_LE(inserted->create_time, absl::Now() + absl::Seconds(1));
  EXPECT_EQ(inserted->update_time, inserted->create_time);

  absl::StatusOr<Org> read = GetOrg("o1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->name, inserted->name);
  EXPECT_EQ(read->variables_json, inserted->variables_json);
  EXPECT_EQ(read->create_time, inserted->create_time);
  EXPECT_EQ(read->version, 1);
}

TEST_F(PgStoreTest, OrgInsertOfTakenIdIsAlreadyExistsAndKeepsTheFirst) {
  SeedOrg("o1");
  Org second = MakeOrg("o1");
  second.name = "Second";
  absl::StatusOr<Org> result =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(second); });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(result.status().message(), "org o1 already exists");
  EXPECT_EQ(GetOrg("o1")->name, "Org o1");
}

TEST_F(PgStoreTest, OrgInsertWithVariablesThatAreNotAnObjectIsInvalid) {
  for (const char* variables : {"[1, 2]", "not json", "42"}) {
    Org org = MakeOrg("o1");
    org.variables_json = variables;
    absl::StatusOr<Org> result =
        InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument)
        << variables;
    EXPECT_EQ(result.status().message(), "invalid value");
  }
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, OrgGetOfMissingOrgIsNotFound) {
  absl::StatusOr<Org> result = GetOrg("nope");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(), "org nope does not exist");
}

TEST_F(PgStoreTest, OrgUpdateBumpsVersionAndChecksIt) {
  SeedOrg("o1");
  Org org = *GetOrg("o1");
  org.name = "Renamed";
  org.variables_json = R"({"a": 1})";
  absl::StatusOr<Org> updated =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(org); });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->name, "Renamed");
  EXPECT_EQ(updated->variables_json, R"({"a": 1})");
  EXPECT_EQ(updated->create_time, org.create_time);
  EXPECT_GE(updated->update_time, org.update_time);

  // `org` still carries version 1: someone else's write came in between.
  org.name = "Stale";
  absl::StatusOr<Org> stale =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(org); });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(GetOrg("o1")->name, "Renamed");
  EXPECT_EQ(GetOrg("o1")->version, 2);

  Org missing = MakeOrg("nope");
  missing.version = 1;
  absl::StatusOr<Org> gone =
      InTransaction([&](Transaction& tx) { return tx.orgs().Update(missing); });
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, OrgDeleteWithoutForceRefusesWhileTenantsExist) {
  SeedHierarchy();
  absl::Status status = InTransaction(
      [](Transaction& tx) { return tx.orgs().Delete("o1", /*force=*/false); });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "org o1 has tenants");
  EXPECT_TRUE(GetOrg("o1").ok());
  EXPECT_TRUE(GetTenant("t1").ok());
  EXPECT_TRUE(GetUser("u1").ok());
}

TEST_F(PgStoreTest, OrgDeleteWithoutForceDeletesAnEmptyOrg) {
  SeedOrg("o1");
  EXPECT_TRUE(InTransaction([](Transaction& tx) {
                return tx.orgs().Delete("o1", /*force=*/false);
              }).ok());
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, OrgDeleteWithForceDeletesEverythingBelowIt) {
  SeedHierarchy();
  SeedTenant("t2", "o1");
  SeedUser("u2", "t2", "o1");
  SeedOrg("o2");
  SeedTenant("other", "o2");
  SeedUser("bystander", "other", "o2");
  SeedKey("bystander", "k", 2);

  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.orgs().Delete("o1", /*force=*/true);
              }).ok());
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetTenant("t1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetTenant("t2").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetUser("u1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetUser("u2").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetConfig("u1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->FindCredential(KeyHash(1), Deadline()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(GetUser("bystander").ok());
  EXPECT_TRUE(store_->FindCredential(KeyHash(2), Deadline()).ok());
}

TEST_F(PgStoreTest, OrgDeleteOfMissingOrgIsNotFound) {
  for (bool force : {false, true}) {
    absl::Status status = InTransaction(
        [&](Transaction& tx) { return tx.orgs().Delete("nope", force); });
    EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << force;
    EXPECT_EQ(status.message(), "org nope does not exist");
  }
}

TEST_F(PgStoreTest, OrgListPagesInIdOrderAndFiltersById) {
  for (const char* id : {"b", "a", "C", "c", "a.b", "_"}) SeedOrg(id);
  auto list = [&](std::string after, int limit, std::string only_id = "") {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = after;
      page.limit = limit;
      return tx.orgs().List(page, only_id);
    });
  };
  // Byte order: uppercase before '_' before lowercase.
  EXPECT_EQ(Ids(*list("", 100)),
            (std::vector<std::string>{"C", "_", "a", "a.b", "b", "c"}));
  EXPECT_EQ(Ids(*list("", 2)), (std::vector<std::string>{"C", "_"}));
  EXPECT_EQ(Ids(*list("_", 2)), (std::vector<std::string>{"a", "a.b"}));
  EXPECT_EQ(Ids(*list("c", 2)), (std::vector<std::string>{}));
  EXPECT_EQ(Ids(*list("", 100, "b")), (std::vector<std::string>{"b"}));
  EXPECT_EQ(Ids(*list("b", 100, "b")), (std::vector<std::string>{}));
  EXPECT_EQ(Ids(*list("", 100, "nope")), (std::vector<std::string>{}));
  EXPECT_EQ(list("", -1).status().code(), absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------- Tenants

TEST_F(PgStoreTest, TenantInsertNeedsItsOrg) {
  absl::StatusOr<Tenant> result = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "nope"));
  });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(result.status().message(), "org nope does not exist");
  EXPECT_EQ(GetTenant("t1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, TenantInsertGetUpdateAndDuplicates) {
  SeedOrg("o1");
  absl::StatusOr<Tenant> inserted = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "o1"));
  });
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->org_id, "o1");
  EXPECT_EQ(inserted->variables_json, "{}");
  EXPECT_EQ(inserted->version, 1);

  absl::StatusOr<Tenant> duplicate = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "o1"));
  });
  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().message(), "tenant t1 already exists");

  Tenant tenant = *GetTenant("t1");
  tenant.name = "Renamed";
  absl::StatusOr<Tenant> updated = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(tenant); });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(GetTenant("t1")->name, "Renamed");

  absl::StatusOr<Tenant> stale = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(tenant); });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(stale.status().message(),
            "tenant t1 has changed since it was read");

  Tenant missing = MakeTenant("nope", "o1");
  absl::StatusOr<Tenant> gone = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(missing); });
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(gone.status().message(), "tenant nope does not exist");
}

TEST_F(PgStoreTest, TenantDeleteWithoutForceRefusesWhileUsersExist) {
  SeedHierarchy();
  absl::Status status = InTransaction([](Transaction& tx) {
    return tx.tenants().Delete("t1", /*force=*/false);
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "tenant t1 has users");
  EXPECT_TRUE(GetTenant("t1").ok());
  EXPECT_TRUE(GetUser("u1").ok());
}

TEST_F(PgStoreTest, TenantDeleteWithForceDeletesItsUsersOnly) {
  SeedHierarchy();
  SeedTenant("t2", "o1");
  SeedUser("u2", "t2", "o1");
  SeedKey("u2", "k", 2);
  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.tenants().Delete("t1", /*force=*/true);
              }).ok());
  EXPECT_EQ(GetTenant("t1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetUser("u1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->FindCredential(KeyHash(1), Deadline()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(GetOrg("o1").ok());
  EXPECT_TRUE(GetUser("u2").ok());
  EXPECT_TRUE(store_->FindCredential(KeyHash(2), Deadline()).ok());

  absl::Status missing = InTransaction([](Transaction& tx) {
    return tx.tenants().Delete("t1", /*force=*/true);
  });
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, TenantListIsPerOrgInIdOrder) {
  SeedOrg("o1");
  SeedOrg("o2");
  for (const char* id : {"t3", "t1", "t2"}) SeedTenant(id, "o1");
  SeedTenant("t0", "o2");
  auto list = [&](std::string org_id, std::string after, int limit) {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = after;
      page.limit = limit;
      return tx.tenants().List(page, org_id);
    });
  };
  EXPECT_EQ(Ids(*list("o1", "", 100)),
            (std::vector<std::string>{"t1", "t2", "t3"}));
  EXPECT_EQ(Ids(*list("o1", "t1", 1)), (std::vector<std::string>{"t2"}));
  EXPECT_EQ(Ids(*list("o2", "", 100)), (std::vector<std::string>{"t0"}));
  EXPECT_EQ(Ids(*list("nope", "", 100)), (std::vector<std::string>{}));
}

// ---------------------------------------------------------------- Users

TEST_F(PgStoreTest, UserInsertNeedsATenantOfItsOrg) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedTenant("t1", "o1");
  absl::StatusOr<User> wrong_org = InTransaction([](Transaction& tx) {
    return tx.users().Insert(MakeUser("u1", "t1", "o2"));
  });
  EXPECT_EQ(wrong_org.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(wrong_org.status().message(), "tenant t1 does not exist in org o2");
  absl::StatusOr<User> no_tenant = InTransaction([](Transaction& tx) {
    return tx.users().Insert(MakeUser("u1", "nope", "o1"));
  });
  EXPECT_EQ(no_tenant.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(GetUser("u1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, UserInsertGetUpdateDelete) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  User user = MakeUser("jack@myco.com", "t1", "o1", {"user", "api-user"});
  user.variables_json = R"({"k": [1, 2]})";
  absl::StatusOr<User> inserted =
      InTransaction([&](Transaction& tx) { return tx.users().Insert(user); });
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->id, "jack@myco.com");
  EXPECT_EQ(inserted->email, "jack@myco.com@example.com");
  EXPECT_EQ(inserted->roles, (std::vector<std::string>{"user", "api-user"}));
  EXPECT_EQ(inserted->variables_json, R"({"k": [1, 2]})");
  EXPECT_EQ(inserted->version, 1);

  absl::StatusOr<User> duplicate =
      InTransaction([&](Transaction& tx) { return tx.users().Insert(user); });
  EXPECT_EQ(duplicate.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(duplicate.status().message(), "user jack@myco.com already exists");

  User changed = *inserted;
  changed.roles = {};
  changed.name = "Jack";
  changed.email = "jack@other.com";
  absl::StatusOr<User> updated = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_TRUE(updated->roles.empty());
  EXPECT_EQ(GetUser("jack@myco.com")->email, "jack@other.com");

  absl::StatusOr<User> stale = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);

  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.users().Delete("jack@myco.com");
              }).ok());
  EXPECT_EQ(GetUser("jack@myco.com").status().code(),
            absl::StatusCode::kNotFound);
  absl::Status again = InTransaction(
      [](Transaction& tx) { return tx.users().Delete("jack@myco.com"); });
  EXPECT_EQ(again.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(again.message(), "user jack@myco.com does not exist");
  absl::StatusOr<User> gone = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, UserDeleteTakesItsConfigAndKeys) {
  SeedHierarchy();
  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.users().Delete("u1");
              }).ok());
  EXPECT_EQ(GetConfig("u1").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->FindCredential(KeyHash(1), Deadline()).status().code(),
            absl::StatusCode::kNotFound);
  // The user can come back with nothing of the old one.
  SeedUser("u1", "t1", "o1");
  EXPECT_EQ(*GetConfig("u1"), "{}");
}

TEST_F(PgStoreTest, UserListFilters) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedTenant("t1", "o1");
  SeedTenant("t2", "o1");
  SeedTenant("t3", "o2");
  SeedUser("a", "t1", "o1");
  SeedUser("b", "t2", "o1");
  SeedUser("c", "t3", "o2");
  SeedUser("d", "t1", "o1");
  auto list = [&](std::string org, std::string tenant, std::string user,
                  std::string after = "", int limit = 100) {
    return Ids(*InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = after;
      page.limit = limit;
      UserFilter filter;
      filter.org_id = org;
      filter.tenant_id = tenant;
      filter.user_id = user;
      return tx.users().List(page, filter);
    }));
  };
  using Want = std::vector<std::string>;
  EXPECT_EQ(list("", "", ""), (Want{"a", "b", "c", "d"}));
  EXPECT_EQ(list("", "", "", "a", 2), (Want{"b", "c"}));
  EXPECT_EQ(list("o1", "", ""), (Want{"a", "b", "d"}));
  EXPECT_EQ(list("o1", "", "", "a", 1), (Want{"b"}));
  EXPECT_EQ(list("", "t1", ""), (Want{"a", "d"}));
  EXPECT_EQ(list("o1", "t1", ""), (Want{"a", "d"}));
  EXPECT_EQ(list("o2", "t1", ""), (Want{}));
  EXPECT_EQ(list("", "", "c"), (Want{"c"}));
  EXPECT_EQ(list("o1", "", "c"), (Want{}));
  EXPECT_EQ(list("o2", "t3", "c"), (Want{"c"}));
  EXPECT_EQ(list("", "t2", "c"), (Want{}));
  EXPECT_EQ(list("", "", "c", "c"), (Want{}));
}

TEST_F(PgStoreTest, KeysetPagingSeesEveryEarlierRowOnceDespiteInserts) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  std::set<std::string> before;
  for (int i = 0; i < 40; ++i) {
    const std::string id = absl::StrFormat("u%03d", i * 10);
    SeedUser(id, "t1", "o1");
    before.insert(id);
  }
  std::vector<std::string> seen;
  std::string after;
  int inserted = 0;
  while (true) {
    absl::StatusOr<std::vector<User>> page =
        InTransaction([&](Transaction& tx) {
          PageRequest request;
          request.after = after;
          request.limit = 7;
          return tx.users().List(request, UserFilter());
        });
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->empty()) break;
    for (const User& user : *page) seen.push_back(user.id);
    after = page->back().id;
    // New rows both behind and ahead of the cursor.
    SeedUser(absl::StrFormat("u%03d", ++inserted * 10 - 5), "t1", "o1");
    SeedUser(absl::StrCat("a", inserted), "t1", "o1");
  }
  std::set<std::string> seen_once;
  for (const std::string& id : seen) {
    EXPECT_TRUE(seen_once.insert(id).second) << id << " seen twice";
  }
  for (const std::string& id : before) {
    EXPECT_EQ(seen_once.count(id), 1u) << id << " missed";
  }
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(PgStoreTest, ConcurrentInsertsOfOneUserIdLetExactlyOneWin) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  constexpr int kThreads = 50;
  absl::Barrier start(kThreads);
  std::atomic<int> ok{0};
  std::atomic<int> already_exists{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      User user = MakeUser("same", "t1", "o1");
      user.name = absl::StrCat("writer ", i);
      start.Block();
      absl::Status status = store_->RunInTransaction(
          Deadline(), Access::kReadWrite,
          [&](Transaction& tx) { return tx.users().Insert(user).status(); });
      if (status.ok()) {
        ++ok;
      } else if (status.code() == absl::StatusCode::kAlreadyExists) {
        ++already_exists;
      } else {
        ++other;
        ADD_FAILURE() << status;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(already_exists, kThreads - 1);
  EXPECT_EQ(other, 0);
  EXPECT_TRUE(GetUser("same").ok());
}

// ---------------------------------------------------------------- Config

TEST_F(PgStoreTest, UpdateConfigMergesDeletesAndReturnsTheWhole) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  auto update = [&](std::string updated, std::vector<std::string> deleted) {
    return InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("u1", updated, deleted);
    });
  };
  EXPECT_EQ(*update("", {}), "{}");
  EXPECT_EQ(*update(R"({"a": 1, "b": {"x": true}})", {}),
            R"({"a": 1, "b": {"x": true}})");
  EXPECT_EQ(*update(R"({"a": "one", "c": null})", {"b"}),
            R"({"a": "one", "c": null})");
  EXPECT_EQ(*update("{}", {"c", "never-set"}), R"({"a": "one"})");
  // Setting and deleting one key in one call: the delete wins.
  EXPECT_EQ(*update(R"({"z": 1})", {"z"}), R"({"a": "one"})");
  EXPECT_EQ(*update("{}", {}), R"({"a": "one"})");
  EXPECT_EQ(*GetConfig("u1"), R"({"a": "one"})");
}

TEST_F(PgStoreTest, UpdateConfigErrors) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  for (const char* updated : {R"({"a": 1})", ""}) {
    absl::StatusOr<std::string> missing = InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("nope", updated, {});
    });
    EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(missing.status().message(), "user nope does not exist");
  }
  for (const char* updated : {"[1]", "{", "7"}) {
    absl::StatusOr<std::string> invalid = InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("u1", updated, {});
    });
    EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument)
        << updated;
  }
  EXPECT_EQ(*GetConfig("u1"), "{}");
}

// ---------------------------------------------------------------- Keys

TEST_F(PgStoreTest, AccessKeyInsertListDelete) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  SeedUser("u2", "t1", "o1");
  AccessKey key = MakeKey("u1", "ci");
  key.expire_time = absl::FromUnixSeconds(2000000000);
  absl::StatusOr<AccessKey> inserted = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(key, KeyHash(10));
  });
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(inserted->name, "ci");
  EXPECT_EQ(inserted->description, "key ci");
  EXPECT_EQ(inserted->key_prefix, "idk_ci");
  EXPECT_EQ(inserted->expire_time, absl::FromUnixSeconds(2000000000));
  EXPECT_EQ(inserted->last_used_time, std::nullopt);
  EXPECT_LE(inserted->create_time, absl::Now() + absl::Seconds(1));

  absl::StatusOr<AccessKey> same_name = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("u1", "ci"), KeyHash(11));
  });
  EXPECT_EQ(same_name.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(same_name.status().message(),
            "access key ci of user u1 already exists");
  absl::StatusOr<AccessKey> no_user = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("nope", "x"), KeyHash(12));
  });
  EXPECT_EQ(no_user.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(no_user.status().message(), "user nope does not exist");
  absl::StatusOr<AccessKey> bad_hash = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("u1", "x"), "NOT-A-HASH");
  });
  EXPECT_EQ(bad_hash.status().code(), absl::StatusCode::kInvalidArgument);

  SeedKey("u1", "b", 13);
  SeedKey("u1", "a", 14);
  SeedKey("u2", "ci", 15);  // Names are per user.
  auto names = [&](std::string user, std::string after, int limit) {
    std::vector<std::string> names;
    for (const AccessKey& key : *InTransaction([&](Transaction& tx) {
           PageRequest page;
           page.after = after;
           page.limit = limit;
           return tx.access_keys().List(page, user);
         })) {
      names.push_back(key.name);
    }
    return names;
  };
  using Want = std::vector<std::string>;
  EXPECT_EQ(names("u1", "", 100), (Want{"a", "b", "ci"}));
  EXPECT_EQ(names("u1", "a", 1), (Want{"b"}));
  EXPECT_EQ(names("u2", "", 100), (Want{"ci"}));

  // All or none.
  absl::Status partly = InTransaction([](Transaction& tx) {
    return tx.access_keys().Delete("u1", {"a", "zz", "b", "yy"});
  });
  EXPECT_EQ(partly.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(partly.message(), "access key zz of user u1 does not exist");
  EXPECT_EQ(names("u1", "", 100), (Want{"a", "b", "ci"}));

  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.access_keys().Delete("u1", {"a", "ci"});
              }).ok());
  EXPECT_EQ(names("u1", "", 100), (Want{"b"}));
  EXPECT_EQ(names("u2", "", 100), (Want{"ci"}));
  EXPECT_EQ(store_->FindCredential(KeyHash(10), Deadline()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, FindCredentialJoinsKeyAndUser) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1", {"admin-user", "api-user"});
  SeedKey("u1", "k1", 1);
  absl::StatusOr<Credential> credential =
      store_->FindCredential(KeyHash(1), Deadline());
  ASSERT_TRUE(credential.ok()) << credential.status();
  EXPECT_EQ(credential->key.user_id, "u1");
  EXPECT_EQ(credential->key.name, "k1");
  EXPECT_EQ(credential->key.key_prefix, "idk_k1");
  EXPECT_EQ(credential->key.expire_time, std::nullopt);
  EXPECT_EQ(credential->user.id, "u1");
  EXPECT_EQ(credential->user.tenant_id, "t1");
  EXPECT_EQ(credential->user.org_id, "o1");
  EXPECT_EQ(credential->user.email, "u1@example.com");
  EXPECT_EQ(credential->user.roles,
            (std::vector<std::string>{"admin-user", "api-user"}));
  EXPECT_EQ(credential->user.version, 1);

  absl::StatusOr<Credential> unknown =
      store_->FindCredential(KeyHash(99), Deadline());
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, RecordKeyUsesOnlyRaisesLastUsedTime) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  SeedKey("u1", "k1", 1);
  SeedKey("u1", "k2", 2);
  const absl::Time t0 = absl::FromUnixMicros(1700000000123456);
  auto last_used = [&](int hash) {
    return store_->FindCredential(KeyHash(hash), Deadline())
        ->key.last_used_time;
  };
  ASSERT_TRUE(store_
                  ->RecordKeyUses({{KeyHash(1), t0},
                                   {KeyHash(1), t0 + absl::Seconds(5)},
                                   {KeyHash(1), t0 + absl::Seconds(2)},
                                   {KeyHash(2), t0},
                                   {KeyHash(77), t0}},  // Gone: skipped.
                                  Deadline())
                  .ok());
  EXPECT_EQ(last_used(1), t0 + absl::Seconds(5));
  EXPECT_EQ(last_used(2), t0);
  ASSERT_TRUE(store_->RecordKeyUses({{KeyHash(1), t0}}, Deadline()).ok());
  EXPECT_EQ(last_used(1), t0 + absl::Seconds(5));
  ASSERT_TRUE(store_->RecordKeyUses({}, Deadline()).ok());
}

TEST_F(PgStoreTest, HasUserWithRole) {
  EXPECT_FALSE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1", {"user"});
  EXPECT_FALSE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  SeedUser("admin", "t1", "o1", {"user", "super-admin-user"});
  EXPECT_TRUE(*store_->HasUserWithRole("super-admin-user", Deadline()));
  EXPECT_TRUE(*store_->HasUserWithRole("user", Deadline()));
}

// ---------------------------------------------------------------- Audit

TEST_F(PgStoreTest, AuditListIsNewestFirstWithFiltersAndPages) {
  auto event = [](std::string org, std::string actor, std::string as,
                  std::string type, std::string id) {
    AuditEvent e;
    e.org_id = std::move(org);
    e.actor_id = std::move(actor);
    e.impersonated_user_id = std::move(as);
    e.method = "/identity.v1.UserService/UpdateUser";
    e.resource_type = std::move(type);
    e.resource_id = std::move(id);
    e.peer = "ipv4:127.0.0.1:5555";
    e.summary_json = R"({"fields": ["name"]})";
    return e;
  };
  const absl::Time before = absl::Now() - absl::Seconds(1);
  ASSERT_TRUE(
      InTransaction([&](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(
            tx.audit().Append(event("o1", "alice", "", "user", "u1")));
        RETURN_IF_ERROR(
            tx.audit().Append(event("o1", "bob", "alice", "user", "u2")));
        return tx.audit().Append(event("o2", "carol", "", "tenant", "t9"));
      }).ok());
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                AuditEvent denied =
                    event("o1", "mallory", "", "impersonation", "u1");
                denied.outcome = "PERMISSION_DENIED";
                denied.summary_json = "";
                return tx.audit().Append(denied);
              }).ok());
  const absl::Time after = absl::Now() + absl::Seconds(1);

  auto list = [&](AuditFilter filter, std::string page_after = "",
                  int limit = 100) {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = page_after;
      page.limit = limit;
      return tx.audit().List(page, filter);
    });
  };
  auto actors = [](const std::vector<AuditEvent>& events) {
    std::vector<std::string> actors;
    for (const AuditEvent& e : events) actors.push_back(e.actor_id);
    return actors;
  };
  using Want = std::vector<std::string>;

  absl::StatusOr<std::vector<AuditEvent>> all = list(AuditFilter());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(actors(*all), (Want{"mallory", "carol", "bob", "alice"}));
  const AuditEvent& newest = (*all)[0];
  EXPECT_EQ(newest.outcome, "PERMISSION_DENIED");
  EXPECT_EQ(newest.summary_json, "{}");
  EXPECT_GT(newest.id, (*all)[1].id);
  const AuditEvent& bobs = (*all)[2];
  EXPECT_EQ(bobs.impersonated_user_id, "alice");
  EXPECT_EQ(bobs.org_id, "o1");
  EXPECT_EQ(bobs.method, "/identity.v1.UserService/UpdateUser");
  EXPECT_EQ(bobs.resource_type, "user");
  EXPECT_EQ(bobs.resource_id, "u2");
  EXPECT_EQ(bobs.peer, "ipv4:127.0.0.1:5555");
  EXPECT_EQ(bobs.summary_json, R"({"fields": ["name"]})");
  EXPECT_EQ(bobs.outcome, "OK");
  EXPECT_GE(bobs.time, before);
  EXPECT_EQ(bobs.time, (*all)[3].time);  // One transaction, one time.

  AuditFilter org;
  org.org_id = "o1";
  EXPECT_EQ(actors(*list(org)), (Want{"mallory", "bob", "alice"}));
  AuditFilter actor;
  actor.actor_id = "alice";  // As actor, or as the one impersonated.
  EXPECT_EQ(actors(*list(actor)), (Want{"bob", "alice"}));
  AuditFilter resource;
  resource.resource_type = "user";
  resource.resource_id = "u2";
  EXPECT_EQ(actors(*list(resource)), (Want{"bob"}));
  AuditFilter future;
  future.start_time = after;
  EXPECT_EQ(actors(*list(future)), (Want{}));
  AuditFilter past;
  past.end_time = before;
  EXPECT_EQ(actors(*list(past)), (Want{}));
  AuditFilter window;
  window.org_id = "o1";
  window.start_time = before;
  window.end_time = after;
  EXPECT_EQ(actors(*list(window)), (Want{"mallory", "bob", "alice"}));

  absl::StatusOr<std::vector<AuditEvent>> first = list(org, "", 2);
  EXPECT_EQ(actors(*first), (Want{"mallory", "bob"}));
  EXPECT_EQ(actors(*list(org, absl::StrCat(first->back().id), 2)),
            (Want{"alice"}));
  EXPECT_EQ(list(org, "not-a-number").status().code(),
            absl::StatusCode::kInvalidArgument);
}

// ---------------------------------------------------------------- Transactions

TEST_F(PgStoreTest, FailingFnRollsBackAndItsStatusComesBackUnchanged) {
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [](Transaction& tx) -> absl::Status {
        RETURN_IF_ERROR(tx.orgs().Insert(MakeOrg("o1")).status());
        return absl::PermissionDeniedError("changed my mind");
      });
  EXPECT_EQ(status, absl::PermissionDeniedError("changed my mind"));
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, AStatementErrorEndsTheTransactionEvenIfFnCarriesOn) {
  SeedOrg("o1");
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadWrite, [](Transaction& tx) -> absl::Status {
        EXPECT_EQ(tx.orgs().Insert(MakeOrg("o1")).status().code(),
                  absl::StatusCode::kAlreadyExists);
        // Ignoring the error does not make the transaction usable again.
        EXPECT_EQ(tx.orgs().Insert(MakeOrg("o2")).status().code(),
                  absl::StatusCode::kAlreadyExists);
        return absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(GetOrg("o2").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, ReadOnlyTransactionCannotWriteAndSaysNothingOfSql) {
  absl::Status status = store_->RunInTransaction(
      Deadline(), Access::kReadOnly,
      [](Transaction& tx) { return tx.orgs().Insert(MakeOrg("o1")).status(); });
  EXPECT_EQ(status, absl::InternalError("internal error"));
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, TextRoundTripsByteForByte) {
  const std::vector<std::string> texts = {
      "Zoë Ünïcødé 名前 🚀",
      "O'Brien \"quoted\" \\backslash\\",
      "'; DROP TABLE users; --",
      "$1 $$ %s %d {} [] , NULL null \t tab\nnewline",
  };
  const std::string id = "o'; DROP TABLE orgs; --";
  Org org = MakeOrg(id);
  org.name = texts[0];
  org.variables_json = R"({"ключ": "значение \"q\" 🚀", "sql": "'; --"})";
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.orgs().Insert(org);
              }).ok());
  absl::StatusOr<Org> read = GetOrg(id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->id, id);
  EXPECT_EQ(read->name, texts[0]);
  EXPECT_EQ(read->variables_json,
            R"({"sql": "'; --", "ключ": "значение \"q\" 🚀"})");

  SeedTenant("t1", id);
  User user = MakeUser("u1", "t1", id, texts);
  user.name = texts[1];
  user.email = texts[2];
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.users().Insert(user);
              }).ok());
  absl::StatusOr<User> user_read = GetUser("u1");
  ASSERT_TRUE(user_read.ok()) << user_read.status();
  EXPECT_EQ(user_read->name, texts[1]);
  EXPECT_EQ(user_read->email, texts[2]);
  EXPECT_EQ(user_read->roles, texts);  // Array quoting, both ways.
  EXPECT_EQ(user_read->org_id, id);

  AccessKey key = MakeKey("u1", texts[3]);
  key.description = texts[0];
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Insert(key, KeyHash(1));
              }).ok());
  absl::StatusOr<Credential> credential =
      store_->FindCredential(KeyHash(1), Deadline());
  ASSERT_TRUE(credential.ok()) << credential.status();
  EXPECT_EQ(credential->key.name, texts[3]);
  EXPECT_EQ(credential->key.description, texts[0]);
  EXPECT_EQ(credential->user.roles, texts);
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Delete("u1", {texts[3]});
              }).ok());
  EXPECT_FALSE(store_->FindCredential(KeyHash(1), Deadline()).ok());
}

TEST_F(PgStoreTest, TextWithNulIsInvalid) {
  Org org = MakeOrg("o1");
  org.name = std::string("a\0b", 3);
  absl::StatusOr<Org> result =
      InTransaction([&](Transaction& tx) { return tx.orgs().Insert(org); });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetOrg("o1").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PgStoreTest, PassedDeadlineIsDeadlineExceeded) {
  absl::Status status = store_->RunInTransaction(
      absl::Now() - absl::Milliseconds(1), Access::kReadOnly,
      [](Transaction&) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
}

TEST_F(PgStoreTest, StatementWaitingPastTheDeadlineIsCancelled) {
  SeedOrg("o1");
  absl::Notification locked;
  absl::Notification release;
  std::thread holder([&] {
    ASSERT_TRUE(store_
                    ->RunInTransaction(
                        Deadline(), Access::kReadWrite,
                        [&](Transaction& tx) -> absl::Status {
                          RETURN_IF_ERROR(
                              tx.orgs().Get("o1", Lock::kForUpdate).status());
                          locked.Notify();
                          release.WaitForNotification();
                          return absl::OkStatus();
                        })
                    .ok());
  });
  locked.WaitForNotification();
  const absl::Time start = absl::Now();
  absl::Status status = store_->RunInTransaction(
      start + absl::Milliseconds(300), Access::kReadWrite, [](Transaction& tx) {
        return tx.orgs().Get("o1", Lock::kForUpdate).status();
      });
  const absl::Duration waited = absl::Now() - start;
  release.Notify();
  holder.join();
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_GE(waited, absl::Milliseconds(250));
  EXPECT_LT(waited, absl::Seconds(2));
}

TEST_F(PgStoreTest, WaitingForAConnectionHonoursTheDeadline) {
  std::unique_ptr<PgStore> store = Open(url_, /*pool_size=*/1);
  absl::Notification inside;
  absl::Notification release;
  std::thread holder([&] {
    ASSERT_TRUE(store
                    ->RunInTransaction(Deadline(), Access::kReadOnly,
                                       [&](Transaction&) {
                                         inside.Notify();
                                         release.WaitForNotification();
                                         return absl::OkStatus();
                                       })
                    .ok());
  });
  inside.WaitForNotification();
  absl::Status status = store->RunInTransaction(
      absl::Now() + absl::Milliseconds(100), Access::kReadOnly,
      [](Transaction&) { return absl::OkStatus(); });
  release.Notify();
  holder.join();
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(
      store
          ->RunInTransaction(Deadline(), Access::kReadOnly,
                             [](Transaction&) { return absl::OkStatus(); })
          .ok());
}

// Two transactions lock o1 and o2 in opposite orders; PostgreSQL kills one
// (after deadlock_timeout, a second) and the store runs it again.
class DeadlockTest : public PgStoreTest {
 protected:
  absl::Status LockBoth(PgStore& store, const std::string& first,
                        const std::string& second, absl::Barrier* both_hold,
                        std::atomic<int>* runs) {
    return store.RunInTransaction(
        Deadline(), Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
          const bool first_run = runs->fetch_add(1) < 2;
          RETURN_IF_ERROR(tx.orgs().Get(first, Lock::kForUpdate).status());
          if (first_run && both_hold->Block()) delete both_hold;
          return tx.orgs().Get(second, Lock::kForUpdate).status();
        });
  }

  void Race(PgStore& store, absl::Status* a, absl::Status* b,
            std::atomic<int>* runs) {
    // Deleted by the thread that passes it last, as absl::Barrier asks.
    auto* both_hold = new absl::Barrier(2);
    std::thread other(
        [&] { *b = LockBoth(store, "o2", "o1", both_hold, runs); });
    *a = LockBoth(store, "o1", "o2", both_hold, runs);
    other.join();
  }
};

TEST_F(DeadlockTest, DeadlockVictimIsRunAgain) {
  SeedOrg("o1");
  SeedOrg("o2");
  absl::Status a;
  absl::Status b;
  std::atomic<int> runs{0};
  Race(*store_, &a, &b, &runs);
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_EQ(runs, 3);
}

TEST_F(DeadlockTest, DeadlockIsAbortedWhenAttemptsRunOut) {
  SeedOrg("o1");
  SeedOrg("o2");
  std::unique_ptr<PgStore> store = Open(url_, /*pool_size=*/2,
                                        /*max_attempts=*/1);
  absl::Status a;
  absl::Status b;
  std::atomic<int> runs{0};
  Race(*store, &a, &b, &runs);
  EXPECT_EQ(a.ok() + b.ok(), 1) << a << " / " << b;
  const absl::Status& lost = a.ok() ? b : a;
  EXPECT_EQ(lost.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(lost.message(), "conflict with a concurrent transaction");
  EXPECT_EQ(runs, 2);
}

// ---------------------------------------------------------------- Migrations

TEST(MigrationsTest, ApplyingTwiceChangesNothing) {
  const std::string conninfo =
      ConnectionString(FreshDatabaseUrl(), absl::Seconds(2));
  ASSERT_TRUE(ApplyMigrations(conninfo).ok());
  ASSERT_TRUE(ApplyMigrations(conninfo).ok());
  ASSERT_FALSE(EmbeddedMigrations().empty());
  EXPECT_EQ(EmbeddedMigrations().front().version, 1);
}

TEST(MigrationsTest, ServersStartingTogetherOnAnEmptyDatabaseAllComeUp) {
  const std::string url = FreshDatabaseUrl();
  constexpr int kServers = 4;
  absl::Barrier start(kServers);
  std::vector<absl::Status> results(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      PgStoreOptions options;
      options.database_url = url;
      options.pool_size = 2;
      start.Block();
      results[i] = PgStore::Open(options).status();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& result : results) EXPECT_TRUE(result.ok()) << result;
}

TEST(MigrationsTest, FailingStepIsInternalAndLeavesNoVersionBehind) {
  const std::string conninfo =
      ConnectionString(FreshDatabaseUrl(), absl::Seconds(2));
  std::vector<Migration> migrations = EmbeddedMigrations();
  migrations.push_back({1000, "1000_broken", "CREATE TABLE orgs (id text)"});
  absl::Status status = ApplyMigrations(conninfo, migrations);
  EXPECT_EQ(status, absl::InternalError("schema migration 1000_broken failed"));
  // The good steps stay; the next start tries the broken one again.
  migrations.back().sql = "CREATE TABLE extra (id text)";
  EXPECT_TRUE(ApplyMigrations(conninfo, migrations).ok());
}

TEST(PgStoreOpenTest, UnreachableDatabaseIsUnavailable) {
  PgStoreOptions options;
  // Port 1 on localhost: nothing listens there.
  options.database_url = "postgresql://postgres@127.0.0.1:1/postgres";
  absl::StatusOr<std::unique_ptr<PgStore>> store = PgStore::Open(options);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store.status().message(), "database unavailable");
}

// ---------------------------------------------------------------- Feed

// Records what the feed says, in order, as "user:<id>", "live", "down".
class RecordingSubscriber final : public ChangeSubscriber {
 public:
  void OnUserChanged(std::string_view user_id) override {
    Record(absl::StrCat("user:", std::string(user_id)));
  }
  void OnEverythingChanged(bool live) override {
    Record(live ? "live" : "down");
  }

  // Waits for `event` among the events after those already waited for, and
  // moves past it. False after `timeout`.
  bool WaitFor(const std::string& event,
               absl::Duration timeout = absl::Seconds(5)) {
    absl::MutexLock lock(&mu_);
    auto found = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (size_t i = next_; i < events_.size(); ++i) {
        if (events_[i] == event) return true;
      }
      return false;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&found), timeout)) return false;
    while (events_[next_] != event) ++next_;
    ++next_;
    return true;
  }

  std::vector<std::string> events() {
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  void Record(std::string event) {
    absl::MutexLock lock(&mu_);
    events_.push_back(std::move(event));
  }

  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
  size_t next_ ABSL_GUARDED_BY(mu_) = 0;
};

// A feed that listens, and sends its heartbeats, on `url`.
PgChangeFeed::Options FeedOn(const std::string& url) {
  PgChangeFeed::Options options;
  options.listen_url = url;
  return options;
}

TEST_F(PgStoreTest, ChangeFeedReportsCommittedChanges) {
  SeedHierarchy();
  SeedKey("u1", "k2", 2);
  RecordingSubscriber subscriber;
  std::unique_ptr<PgChangeFeed> feed =
      PgChangeFeed::Start(FeedOn(url_), &subscriber);
  ASSERT_TRUE(subscriber.WaitFor("live"));

  const absl::Time deleted = absl::Now();
  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.access_keys().Delete("u1", {"k1"});
              }).ok());
  ASSERT_TRUE(subscriber.WaitFor("user:u1", absl::Seconds(2)));
  EXPECT_LT(absl::Now() - deleted, absl::Milliseconds(500));

  // Recording a use is not a change; a rolled back one never happened.
  ASSERT_TRUE(
      store_->RecordKeyUses({{KeyHash(2), absl::Now()}}, Deadline()).ok());
  EXPECT_FALSE(store_
                   ->RunInTransaction(Deadline(), Access::kReadWrite,
                                      [](Transaction& tx) -> absl::Status {
                                        RETURN_IF_ERROR(
                                            tx.users().Delete("u1"));
                                        return absl::CancelledError("no");
                                      })
                   .ok());
  SeedUser("marker", "t1", "o1");
  User marker = *GetUser("marker");
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.users().Update(marker);
              }).ok());
  ASSERT_TRUE(subscriber.WaitFor("user:marker"));

  User user = *GetUser("u1");
  user.roles = {"admin-user"};
  ASSERT_TRUE(InTransaction([&](Transaction& tx) {
                return tx.users().Update(user);
              }).ok());
  ASSERT_TRUE(subscriber.WaitFor("user:u1"));

  ASSERT_TRUE(InTransaction([](Transaction& tx) {
                return tx.tenants().Delete("t1", /*force=*/true);
              }).ok());
  ASSERT_TRUE(subscriber.WaitFor("live"));

  std::vector<std::string> events = subscriber.events();
  EXPECT_EQ(std::count(events.begin(), events.end(), "down"), 0);
  // Exactly: live, u1 (key), marker, u1 (roles), then the deletion's users
  // and keys in some order, and "live" for the tenant.
  ASSERT_GE(events.size(), 4u);
  EXPECT_EQ(
      std::vector<std::string>(events.begin(), events.begin() + 4),
      (std::vector<std::string>{"live", "user:u1", "user:marker", "user:u1"}));
}

TEST(ChangeFeedOutageTest, FeedAndStoreRideOutADatabaseRestart) {
  PostgresServer server;
  TestDatabase database(server);
  PgStoreOptions options;
  options.database_url = database.url();
  options.pool_size = 3;
  absl::StatusOr<std::unique_ptr<PgStore>> opened = PgStore::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  PgStore& store = **opened;
  auto insert_org = [&](const std::string& id) {
    return store.RunInTransaction(
        Deadline(), Access::kReadWrite, [&](Transaction& tx) {
          return tx.orgs().Insert(MakeOrg(id)).status();
        });
  };
  ASSERT_TRUE(insert_org("before").ok());

  RecordingSubscriber subscriber;
  std::unique_ptr<PgChangeFeed> feed =
      PgChangeFeed::Start(FeedOn(database.url()), &subscriber);
  ASSERT_TRUE(subscriber.WaitFor("live"));

  server.Stop();
  EXPECT_TRUE(subscriber.WaitFor("down", absl::Seconds(2)));
  absl::Status while_down = insert_org("during");
  EXPECT_EQ(while_down.code(), absl::StatusCode::kUnavailable) << while_down;
  EXPECT_EQ(while_down.message(), "database unavailable");
  EXPECT_EQ(store.FindCredential(KeyHash(1), Deadline()).status().code(),
            absl::StatusCode::kUnavailable);

  server.Start();
  EXPECT_TRUE(subscriber.WaitFor("live", absl::Seconds(5)));
  // The same store, without reopening, and on its first try.
  absl::Status after = insert_org("after");
  EXPECT_TRUE(after.ok()) << after;
  for (int i = 0; i < 5; ++i) {  // Every pooled connection works again.
    EXPECT_TRUE(store
                    .RunInTransaction(
                        Deadline(), Access::kReadOnly,
                        [](Transaction& tx) {
                          return tx.orgs().Get("before", Lock::kNone).status();
                        })
                    .ok());
  }
  EXPECT_EQ(std::vector<std::string>(subscriber.events()),
            (std::vector<std::string>{"live", "down", "live"}));

  // Stopping is prompt, connected or not.
  absl::Time start = absl::Now();
  feed.reset();
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
  server.Stop();
  RecordingSubscriber idle;
  feed = PgChangeFeed::Start(FeedOn(database.url()), &idle);
  absl::SleepFor(absl::Milliseconds(300));
  start = absl::Now();
  feed.reset();
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(100));
  EXPECT_EQ(idle.events(), std::vector<std::string>{});
  server.Start();
}

}  // namespace
}  // namespace identity::postgres
