#include "service/auth/resource_id.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

TEST(ResourceIdTest, AcceptsIdsOfTheAllowedCharacters) {
  EXPECT_THAT(ValidateId("id", "jack@myco.com"), IsOk());
  EXPECT_THAT(ValidateId("id", "a.b_c+d-e"), IsOk());
  EXPECT_THAT(ValidateId("id", std::string(128, 'a')), IsOk());
}

TEST(ResourceIdTest, RefusesEmptyLongAndForeignIdsNamingTheField) {
  const auto invalid_user_id =
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("user.id"));
  EXPECT_THAT(ValidateId("user.id", ""), invalid_user_id);
  EXPECT_THAT(ValidateId("user.id", std::string(129, 'a')), invalid_user_id);
  EXPECT_THAT(ValidateId("user.id", "a b"), invalid_user_id);
  EXPECT_THAT(ValidateId("user.id", "a\xC3\xA9"), invalid_user_id);
}

}  // namespace
}  // namespace identity
