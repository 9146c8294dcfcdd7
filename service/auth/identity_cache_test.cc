#include "service/auth/identity_cache.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"

namespace identity {
namespace {

std::shared_ptr<const CachedKey> KeyOf(const std::string& user_id,
                                       const std::string& hash) {
  auto owner = std::make_shared<Principal>();
  owner->id = user_id;
  auto key = std::make_shared<CachedKey>();
  key->key_hash = hash;
  key->owner = owner;
  return key;
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
