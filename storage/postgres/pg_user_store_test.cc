// The user store against a real PostgreSQL, configs included: every
// method's success path, each documented status code, keyset paging under
// concurrent inserts and racing inserts of one id.
#include "storage/postgres/pg_user_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/barrier.h"
#include "absl/synchronization/notification.h"
#include "base/status_macros.h"
#include "base/status_matchers.h"
#include "storage/postgres/pg_store_fixture.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;
using ::identity::storage::AuditEvent;
using ::identity::storage::PageRequest;
using ::identity::storage::Transaction;
using ::identity::storage::User;
using ::identity::storage::UserFilter;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class PgUserStoreTest : public PgStoreFixture {};

TEST_F(PgUserStoreTest, UserInsertNeedsATenantOfItsOrg) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedTenant("t1", "o1");
  absl::StatusOr<User> wrong_org = InTransaction([](Transaction& tx) {
    return tx.users().Insert(MakeUser("u1", "t1", "o2"));
  });
  EXPECT_THAT(wrong_org,
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::Eq("tenant t1 does not exist in org o2")));
  absl::StatusOr<User> no_tenant = InTransaction([](Transaction& tx) {
    return tx.users().Insert(MakeUser("u1", "nope", "o1"));
  });
  EXPECT_THAT(no_tenant, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgUserStoreTest, InsertWithAuditEventWritesBothAndTakesTheTenantsOrg) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  // No org named: the tenant's.
  absl::StatusOr<User> inserted = InTransaction([](Transaction& tx) {
    return tx.users().Insert(MakeUser("u1", "t1", ""), MakeCreateEvent("user"));
  });
  ASSERT_THAT(inserted, IsOk());
  EXPECT_EQ(inserted->org_id, "o1");
  EXPECT_EQ(inserted->version, 1);
  EXPECT_THAT(GetUser("u1"), IsOk());

  absl::StatusOr<std::vector<AuditEvent>> events = AuditEvents("o1");
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 1);
  const AuditEvent& event = events->front();
  EXPECT_EQ(event.actor_id, "admin");
  EXPECT_EQ(event.impersonated_user_id, "olga");
  EXPECT_EQ(event.org_id, "o1");
  EXPECT_EQ(event.method, "/identity.v1.Service/Create");
  EXPECT_EQ(event.resource_type, "user");
  EXPECT_EQ(event.resource_id, "u1");
  EXPECT_EQ(event.peer, "ipv4:127.0.0.1:1234");
  EXPECT_EQ(event.summary_json, R"({"name": "N"})");
  EXPECT_EQ(event.outcome, "OK");
}

TEST_F(PgUserStoreTest, FailedInsertWritesNoAuditEvent) {
  SeedOrg("o1");
  SeedOrg("o2");
  SeedTenant("t1", "o1");
  SeedUser("taken", "t1", "o1");

  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.users().Insert(MakeUser("u1", "t1", "o2"),
                                         MakeCreateEvent("user"));
              }),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::Eq("tenant t1 does not exist in org o2")));
  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.users().Insert(MakeUser("u1", "nope", ""),
                                         MakeCreateEvent("user"));
              }),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::Eq("tenant nope does not exist")));
  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.users().Insert(MakeUser("taken", "t1", "o1"),
                                         MakeCreateEvent("user"));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));

  EXPECT_THAT(GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(AuditEvents(), IsOkAndHolds(::testing::IsEmpty()));
}

TEST_F(PgUserStoreTest, NoTenantMatchedLeavesTheTransactionUsable) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  absl::StatusOr<storage::Tenant> tenant =
      InTransaction([](Transaction& tx) -> absl::StatusOr<storage::Tenant> {
        absl::StatusOr<User> inserted = tx.users().Insert(
            MakeUser("u1", "t1", "o2"), MakeCreateEvent("user"));
        if (!absl::IsFailedPrecondition(inserted.status())) {
          return absl::InternalError("expected FAILED_PRECONDITION");
        }
        return tx.tenants().Get("t1", storage::Lock::kNone);
      });
  ASSERT_THAT(tenant, IsOk());
  EXPECT_EQ(tenant->org_id, "o1");
}

TEST_F(PgUserStoreTest, UserInsertGetUpdateDelete) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  User user = MakeUser("jack@myco.com", "t1", "o1", {"user", "api-user"});
  user.variables_json = R"({"k": [1, 2]})";
  absl::StatusOr<User> inserted =
      InTransaction([&](Transaction& tx) { return tx.users().Insert(user); });
  ASSERT_THAT(inserted, IsOk());
  EXPECT_EQ(inserted->id, "jack@myco.com");
  EXPECT_EQ(inserted->email, "jack@myco.com@example.com");
  EXPECT_EQ(inserted->roles, (std::vector<std::string>{"user", "api-user"}));
  EXPECT_EQ(inserted->variables_json, R"({"k": [1, 2]})");
  EXPECT_EQ(inserted->version, 1);

  absl::StatusOr<User> duplicate =
      InTransaction([&](Transaction& tx) { return tx.users().Insert(user); });
  EXPECT_THAT(duplicate,
              StatusIs(absl::StatusCode::kAlreadyExists,
                       ::testing::Eq("user jack@myco.com already exists")));

  User changed = *inserted;
  changed.roles = {};
  changed.name = "Jack";
  changed.email = "jack@other.com";
  absl::StatusOr<User> updated = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->version, 2);
  EXPECT_TRUE(updated->roles.empty());
  EXPECT_EQ(GetUser("jack@myco.com")->email, "jack@other.com");

  absl::StatusOr<User> stale = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted));

  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.users().Delete("jack@myco.com");
              }),
              IsOk());
  EXPECT_THAT(GetUser("jack@myco.com"), StatusIs(absl::StatusCode::kNotFound));
  absl::Status again = InTransaction(
      [](Transaction& tx) { return tx.users().Delete("jack@myco.com"); });
  EXPECT_THAT(again,
              StatusIs(absl::StatusCode::kNotFound,
                       ::testing::Eq("user jack@myco.com does not exist")));
  absl::StatusOr<User> gone = InTransaction(
      [&](Transaction& tx) { return tx.users().Update(changed); });
  EXPECT_THAT(gone, StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgUserStoreTest, UserDeleteTakesItsConfigAndKeys) {
  SeedHierarchy();
  ASSERT_THAT(
      InTransaction([](Transaction& tx) { return tx.users().Delete("u1"); }),
      IsOk());
  EXPECT_THAT(GetConfig("u1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->FindCredential(KeyHash(1), Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
  // The user can come back with nothing of the old one.
  SeedUser("u1", "t1", "o1");
  EXPECT_EQ(*GetConfig("u1"), "{}");
}

TEST_F(PgUserStoreTest, UserListFilters) {
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

TEST_F(PgUserStoreTest, KeysetPagingSeesEveryEarlierRowOnceDespiteInserts) {
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
    ASSERT_THAT(page, IsOk());
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

TEST_F(PgUserStoreTest, ConcurrentInsertsOfOneUserIdLetExactlyOneWin) {
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
  EXPECT_THAT(GetUser("same"), IsOk());
}

TEST_F(PgUserStoreTest, UpdateConfigMergesDeletesAndReturnsTheWhole) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  auto update = [&](std::string updated, std::vector<std::string> deleted) {
    return InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("u1", updated, deleted, kLimits);
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

TEST_F(PgUserStoreTest, UpdateConfigErrors) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  for (const char* updated : {R"({"a": 1})", ""}) {
    absl::StatusOr<std::string> missing = InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("nope", updated, {}, kLimits);
    });
    EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound,
                                  ::testing::Eq("user nope does not exist")));
  }
  for (const char* updated : {"[1]", "{", "7"}) {
    absl::StatusOr<std::string> invalid = InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("u1", updated, {}, kLimits);
    });
    EXPECT_THAT(invalid, StatusIs(absl::StatusCode::kInvalidArgument))
        << updated;
  }
  EXPECT_EQ(*GetConfig("u1"), "{}");
}

TEST_F(PgUserStoreTest, UpdateConfigPastTheLimitsWritesNothing) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  const storage::ConfigLimits small = {40, 2};
  auto update = [&](std::string updated, std::vector<std::string> deleted) {
    return InTransaction([&](Transaction& tx) {
      return tx.users().UpdateConfig("u1", updated, deleted, small);
    });
  };
  // First write (an insert), then merges (updates), each path checked.
  EXPECT_THAT(
      update(R"({"a": "0123456789012345678901234567890123"})", {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("updated")));
  EXPECT_EQ(*GetConfig("u1"), "{}");
  EXPECT_THAT(update(R"({"a": 1, "b": 2})", {}), IsOk());
  EXPECT_THAT(update(R"({"c": 3})", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(update(R"({"a": "01234567890123456789012345678"})", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(*GetConfig("u1"), R"({"a": 1, "b": 2})");
  // Replacing and deleting within the limits works.
  EXPECT_THAT(update(R"({"c": 3})", {"a"}),
              IsOkAndHolds(R"({"b": 2, "c": 3})"));
}

TEST_F(PgUserStoreTest, UsersListedForUpdateStayLockedUntilCommit) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  SeedUser("u2", "t1", "o1");
  absl::Notification locked;
  absl::Notification release;
  std::thread holder([&] {
    EXPECT_THAT(store_->RunInTransaction(Deadline(), Access::kReadWrite,
                                         [&](Transaction& tx) -> absl::Status {
                                           ASSIGN_OR_RETURN(
                                               std::vector<User> users,
                                               tx.users().ListOfTenantForUpdate(
                                                   PageRequest{"", 10}, "t1"));
                                           EXPECT_EQ(users.size(), 2u);
                                           locked.Notify();
                                           release.WaitForNotification();
                                           return absl::OkStatus();
                                         }),
                IsOk());
  });
  locked.WaitForNotification();
  // A promotion of a listed user waits for the lister's commit.
  absl::Status promotion = store_->RunInTransaction(
      absl::Now() + absl::Milliseconds(300), Access::kReadWrite,
      [](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(User user, tx.users().Get("u2", storage::Lock::kNone));
        user.roles = {"super-admin-user"};
        return tx.users().Update(user).status();
      });
  release.Notify();
  holder.join();
  EXPECT_THAT(promotion, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_THAT(GetUser("u2")->roles, ElementsAre("user"));
}

}  // namespace
}  // namespace identity::postgres
