#include "service/api/field_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/quoted_input.h"
#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

// INVALID_ARGUMENT whose message and BadRequest details name `field`.
auto InvalidNaming(const std::string& field) {
  return ::testing::AllOf(
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)),
      ErrorReasonIs("INVALID_FIELD"), HasFieldViolation(field));
}

TEST(FieldValidationTest, TextCountsCharactersAndRejectsBadUtf8) {
  EXPECT_THAT(ValidateText("name", std::string(3, 'x'), 3), IsOk());
  EXPECT_THAT(ValidateText("name", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3),
              IsOk());
  EXPECT_THAT(ValidateText("name", "abcd", 3), InvalidNaming("name"));
  EXPECT_THAT(ValidateText("name", "\xC3", 3),
              InvalidNaming("name"));  // cut short
  EXPECT_THAT(ValidateText("name", "\xC0\xAF", 3),
              InvalidNaming("name"));  // overlong
  EXPECT_THAT(ValidateText("name", "\xED\xA0\x80", 3),
              InvalidNaming("name"));  // surrogate
  EXPECT_THAT(ValidateText("name", std::string("a\0b", 3), 3),
              InvalidNaming("name"));
  EXPECT_THAT(ValidateText("key", "", 3, /*required=*/true),
              InvalidNaming("key"));
}

TEST(FieldValidationTest, Roles) {
  EXPECT_THAT(ValidateRoles("roles", {"user", "api-user"}), IsOk());
  EXPECT_THAT(ValidateRoles("user.roles", {"user", "god"}),
              InvalidNaming("user.roles"));
}

TEST(FieldValidationTest, RolesAreBoundedInNumber) {
  EXPECT_THAT(
      ValidateRoles("roles", std::vector<std::string>(kMaxRoles, "user")),
      IsOk());
  EXPECT_THAT(
      ValidateRoles("roles", std::vector<std::string>(kMaxRoles + 1, "user")),
      InvalidNaming("roles"));
}

TEST(FieldValidationTest, AnUnknownRoleIsQuotedBounded) {
  const std::string huge(100000, 'r');
  absl::Status status = ValidateRoles("roles", {huge});
  EXPECT_THAT(status, InvalidNaming("roles"));
  EXPECT_LT(status.message().size(), 200u);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr(std::string(kMaxQuotedInputBytes, 'r') + "…"));
}

}  // namespace
}  // namespace identity
