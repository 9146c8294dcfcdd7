#include "service/auth/access_key_secret.h"

#include <gtest/gtest.h>

#include "absl/container/flat_hash_set.h"

namespace identity {
namespace {

TEST(AccessKeySecretTest, KeysAreRecognizableAndUnique) {
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    AccessKeySecret secret = AccessKeySecret::Generate();
    EXPECT_TRUE(AccessKeySecret::IsWellFormed(secret.value()));
    EXPECT_EQ(secret.value().size(), 4u + 43u);  // 256 random bits
    EXPECT_EQ(secret.value().substr(0, 12), secret.prefix());
    EXPECT_TRUE(seen.insert(secret.value()).second);
  }
}

TEST(AccessKeySecretTest, MalformedKeysAreRecognized) {
  EXPECT_FALSE(AccessKeySecret::IsWellFormed(""));
  EXPECT_FALSE(AccessKeySecret::IsWellFormed("idk_short"));
  EXPECT_FALSE(AccessKeySecret::IsWellFormed("xyz_" + std::string(43, 'a')));
  EXPECT_FALSE(
      AccessKeySecret::IsWellFormed("idk_" + std::string(42, 'a') + "!"));
  EXPECT_TRUE(AccessKeySecret::IsWellFormed("idk_" + std::string(43, 'a')));
}

TEST(AccessKeySecretTest, HashIsSha256Hex) {
  EXPECT_EQ(HashAccessKey("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(HashesEqual(HashAccessKey("abc"), HashAccessKey("abc")));
  EXPECT_FALSE(HashesEqual(HashAccessKey("abc"), HashAccessKey("abd")));
  EXPECT_FALSE(HashesEqual("ab", "abc"));
}

}  // namespace
}  // namespace identity
