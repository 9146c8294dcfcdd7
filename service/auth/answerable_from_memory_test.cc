#include "service/auth/answerable_from_memory.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "service/auth/access_key_secret.h"

namespace identity {
namespace {

class AnswerableFromMemoryTest : public ::testing::Test {
 protected:
  AnswerableFromMemoryTest() { cache_.OnEverythingChanged(/*live=*/true); }

  void Cache(const AccessKeySecret& secret) {
    auto key = std::make_shared<CachedKey>();
    key->key_hash = HashAccessKey(secret.value());
    key->owner = std::make_shared<Principal>();
    cache_.PutKey(cache_.generation(), key);
  }

  // Credentials of `authorization` header values.
  bool Answerable(std::vector<std::string> values,
                  std::vector<absl::string_view> impersonate = {}) {
    headers_ = std::move(values);
    CallCredentials credentials;
    for (const std::string& value : headers_) {
      credentials.authorization.push_back(value);
    }
    credentials.impersonate = std::move(impersonate);
    return AnswerableFromMemory(cache_, credentials);
  }

  IdentityCache cache_;
  std::vector<std::string> headers_;
};

TEST_F(AnswerableFromMemoryTest, ACachedKeyIsAnsweredFromMemory) {
  const AccessKeySecret secret = AccessKeySecret::Generate();
  EXPECT_FALSE(Answerable({absl::StrCat("Bearer ", secret.value())}));
  Cache(secret);
  EXPECT_TRUE(Answerable({absl::StrCat("Bearer ", secret.value())}));
}

TEST_F(AnswerableFromMemoryTest, ImpersonationAlwaysNeedsTheStore) {
  const AccessKeySecret secret = AccessKeySecret::Generate();
  Cache(secret);
  EXPECT_FALSE(Answerable({absl::StrCat("Bearer ", secret.value())}, {"u2"}));
}

TEST_F(AnswerableFromMemoryTest, MissingOrMalformedKeysAreRefusedFromMemory) {
  EXPECT_TRUE(Answerable({}));
  EXPECT_TRUE(Answerable({"Bearer a", "Bearer b"}));
  EXPECT_TRUE(Answerable({"Basic dXNlcjpwYXNz"}));
  EXPECT_TRUE(Answerable({"Bearer not-a-key"}));
}

}  // namespace
}  // namespace identity
