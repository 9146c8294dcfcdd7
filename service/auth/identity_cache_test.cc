#include "service/auth/identity_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"

namespace identity {
namespace {

std::shared_ptr<const CachedKey> KeyOf(
    const std::string& user_id, const std::string& hash,
    const std::vector<std::string>& roles = {},
    std::optional<PermissionSet> ceiling = std::nullopt) {
  storage::User user;
  user.id = user_id;
  user.roles = roles;
  auto holder = std::make_shared<KeyPrincipal>();
  holder->owner =
      std::make_shared<const UserPrincipal>(UserPrincipal::FromUser(user));
  holder->ceiling = ceiling;
  holder->permissions =
      ceiling ? holder->owner->role_permissions.Intersect(*ceiling)
              : holder->owner->role_permissions;
  auto key = std::make_shared<CachedKey>();
  key->key_hash = hash;
  key->holder = std::move(holder);
  return key;
}

// The defect behind impersonating a super admin through its capped key: the
// cache kept the key's reach as the owner's own permissions.
TEST(IdentityCacheTest, AUserCachedThroughACappedKeyKeepsItsOwnPermissions) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  cache.PutKey(cache.generation(),
               KeyOf("svc", "h1", {"super-admin-user"},
                     PermissionSet{Permission::kReadDatabases}));
  std::shared_ptr<const UserPrincipal> svc = cache.FindUser("svc");
  ASSERT_NE(svc, nullptr);
  EXPECT_EQ(svc->role_permissions,
            RoleCatalog::PermissionsOf({"super-admin-user"}));
  EXPECT_EQ(cache.FindKey("h1")->holder->permissions,
            PermissionSet{Permission::kReadDatabases});
}

TEST(IdentityCacheTest, ServesNothingUntilTheFeedIsLive) {
  IdentityCache cache;
  cache.PutKey(cache.generation(), KeyOf("u1", "h1"));
  EXPECT_EQ(cache.FindKey("h1"), nullptr);
  cache.OnEverythingChanged(/*live=*/true);
  cache.PutKey(cache.generation(), KeyOf("u1", "h1"));
  ASSERT_NE(cache.FindKey("h1"), nullptr);
  EXPECT_NE(cache.FindUser("u1"), nullptr);
  cache.OnEverythingChanged(/*live=*/false);
  EXPECT_EQ(cache.FindKey("h1"), nullptr);
}

TEST(IdentityCacheTest, AUserChangeEvictsItsKeysOnly) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  cache.PutKey(cache.generation(), KeyOf("u1", "h1"));
  cache.PutKey(cache.generation(), KeyOf("u1", "h2"));
  cache.PutKey(cache.generation(), KeyOf("u2", "h3"));
  cache.OnUserChanged("u1");
  EXPECT_EQ(cache.FindKey("h1"), nullptr);
  EXPECT_EQ(cache.FindKey("h2"), nullptr);
  EXPECT_EQ(cache.FindUser("u1"), nullptr);
  EXPECT_NE(cache.FindKey("h3"), nullptr);
}

TEST(IdentityCacheTest, ALoadThatRacedAnInvalidationIsDropped) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  const uint64_t before_load = cache.generation();
  cache.OnUserChanged("u1");  // the key was deleted while we read it
  cache.PutKey(before_load, KeyOf("u1", "h1"));
  EXPECT_EQ(cache.FindKey("h1"), nullptr);
}

TEST(IdentityCacheTest, StartsOverInsteadOfGrowingPastItsBound) {
  IdentityCache cache(/*max_entries=*/4);
  cache.OnEverythingChanged(true);
  for (int i = 0; i < 10; ++i) {
    cache.PutKey(cache.generation(),
                 KeyOf("u" + std::to_string(i), "h" + std::to_string(i)));
  }
  EXPECT_NE(cache.FindKey("h9"), nullptr);
  EXPECT_EQ(cache.FindKey("h0"), nullptr);
}

// Under ThreadSanitizer (.ci/run's tsan lane) this is the cache's race test:
// calls on many threads read and fill it while the change feed evicts users,
// forgets everything and goes down and up again. A hit is always the entry
// that was put for that key, and once the feed has evicted every user and
// nothing loads any more, nothing is served.
TEST(IdentityCacheTest, ConcurrentCallsAndFeedEventsKeepItConsistent) {
  constexpr int kReaders = 6;
  constexpr int kRounds = 3000;
  constexpr int kUsers = 20;
  IdentityCache cache(/*max_entries=*/64);
  cache.OnEverythingChanged(true);
  std::atomic<bool> feed_done{false};
  std::vector<int> inconsistent(kReaders, 0);
  std::vector<std::thread> threads;
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string user = "u" + std::to_string((i + r) % kUsers);
        const std::string hash = "h" + user + "-" + std::to_string(i % 3);
        if (std::shared_ptr<const CachedKey> hit = cache.FindKey(hash)) {
          if (hit->key_hash != hash || hit->holder->owner->id != user) {
            ++inconsistent[r];
          }
        } else {
          const uint64_t generation = cache.generation();
          cache.PutKey(generation, KeyOf(user, hash));
        }
        if (std::shared_ptr<const UserPrincipal> owner = cache.FindUser(user)) {
          if (owner->id != user) ++inconsistent[r];
        }
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; !feed_done; ++i) {
      cache.OnUserChanged("u" + std::to_string(i % kUsers));
      if (i % 50 == 0) cache.Forget();
      if (i % 200 == 0) {
        cache.OnEverythingChanged(false);
        cache.OnEverythingChanged(true);
      }
      std::this_thread::yield();
    }
  });
  for (int r = 0; r < kReaders; ++r) threads[r].join();
  feed_done = true;
  threads.back().join();
  for (int r = 0; r < kReaders; ++r) EXPECT_EQ(inconsistent[r], 0);

  for (int u = 0; u < kUsers; ++u) cache.OnUserChanged("u" + std::to_string(u));
  for (int u = 0; u < kUsers; ++u) {
    const std::string user = "u" + std::to_string(u);
    EXPECT_EQ(cache.FindUser(user), nullptr) << user;
    for (int k = 0; k < 3; ++k) {
      EXPECT_EQ(cache.FindKey("h" + user + "-" + std::to_string(k)), nullptr);
    }
  }
}

TEST(IdentityCacheTest, RemembersUnknownKeysUntilAnyKeyChanges) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  cache.PutUnknownKey(cache.generation(), "h1");
  EXPECT_TRUE(cache.IsUnknownKey("h1"));
  EXPECT_FALSE(cache.IsUnknownKey("h2"));
  // The new key's owner is not the one who tried it: any change forgets.
  cache.OnUserChanged("someone-else");
  EXPECT_FALSE(cache.IsUnknownKey("h1"));
}

TEST(IdentityCacheTest, ForgetsUnknownKeysAfterTheirTtl) {
  IdentityCache cache(/*max_entries=*/100, NoMetrics(),
                      /*unknown_key_ttl=*/absl::Milliseconds(1));
  cache.OnEverythingChanged(true);
  cache.PutUnknownKey(cache.generation(), "h1");
  absl::SleepFor(absl::Milliseconds(5));
  EXPECT_FALSE(cache.IsUnknownKey("h1"));
}

TEST(IdentityCacheTest, DropsAnUnknownKeyLoadedBeforeAChange) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  const uint64_t generation = cache.generation();
  cache.OnUserChanged("u1");  // e.g. the key was created meanwhile
  cache.PutUnknownKey(generation, "h1");
  EXPECT_FALSE(cache.IsUnknownKey("h1"));
}

TEST(IdentityCacheTest, TrustsNoUnknownKeyWhileTheFeedIsDown) {
  IdentityCache cache;
  cache.OnEverythingChanged(true);
  cache.PutUnknownKey(cache.generation(), "h1");
  cache.OnEverythingChanged(false);
  EXPECT_FALSE(cache.IsUnknownKey("h1"));
}

}  // namespace
}  // namespace identity
