// The access key store against a real PostgreSQL: insert, list and delete
// with their documented status codes and the state after them.
#include "storage/postgres/pg_access_key_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "storage/postgres/pg_store_fixture.h"

namespace identity::postgres {
namespace {

using ::identity::storage::AccessKey;
using ::identity::storage::PageRequest;
using ::identity::storage::Transaction;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

class PgAccessKeyStoreTest : public PgStoreFixture {};

TEST_F(PgAccessKeyStoreTest, AccessKeyInsertListDelete) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  SeedUser("u2", "t1", "o1");
  AccessKey key = MakeKey("u1", "ci");
  key.expire_time = absl::FromUnixSeconds(2000000000);
  absl::StatusOr<AccessKey> inserted = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(key, KeyHash(10));
  });
  ASSERT_THAT(inserted, IsOk());
  EXPECT_EQ(inserted->name, "ci");
  EXPECT_EQ(inserted->description, "key ci");
  EXPECT_EQ(inserted->key_prefix, "idk_ci");
  EXPECT_EQ(inserted->expire_time, absl::FromUnixSeconds(2000000000));
  EXPECT_EQ(inserted->last_used_time, std::nullopt);
  EXPECT_LE(inserted->create_time, absl::Now() + absl::Seconds(1));

  absl::StatusOr<AccessKey> same_name = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("u1", "ci"), KeyHash(11));
  });
  EXPECT_THAT(
      same_name,
      StatusIs(absl::StatusCode::kAlreadyExists,
               ::testing::Eq("access key ci of user u1 already exists")));
  absl::StatusOr<AccessKey> no_user = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("nope", "x"), KeyHash(12));
  });
  EXPECT_THAT(no_user, StatusIs(absl::StatusCode::kFailedPrecondition,
                                ::testing::Eq("user nope does not exist")));
  absl::StatusOr<AccessKey> bad_hash = InTransaction([&](Transaction& tx) {
    return tx.access_keys().Insert(MakeKey("u1", "x"), "NOT-A-HASH");
  });
  EXPECT_THAT(bad_hash, StatusIs(absl::StatusCode::kInvalidArgument));

  SeedKey("u1", "b", 13);
  SeedKey("u1", "a", 14);
  SeedKey("u2", "ci", 15);  // Names are per user.
  auto names = [&](std::string user, std::string after, int limit) {
    // Held in a variable: a range-for over `*InTransaction(...)` would
    // iterate a StatusOr destroyed before the loop starts (found by ASan).
    absl::StatusOr<std::vector<AccessKey>> keys =
        InTransaction([&](Transaction& tx) {
          PageRequest page;
          page.after = after;
          page.limit = limit;
          return tx.access_keys().List(page, user);
        });
    std::vector<std::string> names;
    if (!keys.ok()) return std::vector<std::string>{keys.status().ToString()};
    for (const AccessKey& key : *keys) names.push_back(key.name);
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
  EXPECT_THAT(
      partly,
      StatusIs(absl::StatusCode::kNotFound,
               ::testing::Eq("access key zz of user u1 does not exist")));
  EXPECT_EQ(names("u1", "", 100), (Want{"a", "b", "ci"}));

  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.access_keys().Delete("u1", {"a", "ci"});
              }),
              IsOk());
  EXPECT_EQ(names("u1", "", 100), (Want{"b"}));
  EXPECT_EQ(names("u2", "", 100), (Want{"ci"}));
  EXPECT_THAT(store_->FindCredential(KeyHash(10), Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgAccessKeyStoreTest, KeysKeepTheirCeilingAndIssuerAndAreCounted) {
  SeedOrg("o1");
  SeedTenant("t1", "o1");
  SeedUser("u1", "t1", "o1");
  AccessKey capped = MakeKey("u1", "capped");
  capped.permission_ceiling = std::vector<std::string>{"read:org", "usage:api"};
  capped.issuer_id = "boss";
  AccessKey empty_cap = MakeKey("u1", "empty");
  empty_cap.permission_ceiling = std::vector<std::string>{};
  ASSERT_THAT(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Insert(capped, KeyHash(21));
              }),
              IsOk());
  ASSERT_THAT(InTransaction([&](Transaction& tx) {
                return tx.access_keys().Insert(empty_cap, KeyHash(22));
              }),
              IsOk());
  SeedKey("u1", "unbounded", 23);
  absl::StatusOr<std::vector<AccessKey>> keys =
      InTransaction([&](Transaction& tx) {
        return tx.access_keys().List(PageRequest{"", 10}, "u1");
      });
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->size(), 3u);
  EXPECT_THAT((*keys)[0].permission_ceiling,
              Optional(ElementsAre("read:org", "usage:api")));
  EXPECT_EQ((*keys)[0].issuer_id, "boss");
  EXPECT_THAT((*keys)[1].permission_ceiling, Optional(IsEmpty()));
  EXPECT_EQ((*keys)[2].permission_ceiling, std::nullopt);
  EXPECT_THAT(InTransaction([&](Transaction& tx) {
                return tx.access_keys().CountOfUser("u1");
              }),
              IsOkAndHolds(3));
  absl::StatusOr<storage::Credential> credential =
      store_->FindCredential(KeyHash(21), absl::InfiniteFuture());
  ASSERT_THAT(credential, IsOk());
  EXPECT_THAT(credential->key.permission_ceiling,
              Optional(ElementsAre("read:org", "usage:api")));
  EXPECT_EQ(credential->user.id, "u1");
}

}  // namespace
}  // namespace identity::postgres
