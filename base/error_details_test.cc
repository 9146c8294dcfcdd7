#include "base/error_details.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

TEST(ErrorReasonTest, NamesAreUniqueUpperSnakeCase) {
  std::set<std::string> names;
  for (ErrorReason reason : kAllErrorReasons) {
    const std::string name(ErrorReasonName(reason));
    EXPECT_THAT(name, MatchesRegex("[A-Z]+(_[A-Z]+)*"));
    EXPECT_TRUE(names.insert(name).second) << name << " twice";
  }
}

TEST(ErrorDetailsTest, WithoutAReasonTheCodeGivesIt) {
  EXPECT_EQ(ErrorReasonOf(absl::NotFoundError("x")), "NOT_FOUND");
  EXPECT_EQ(ErrorReasonOf(absl::UnknownError("x")), "INTERNAL");
  EXPECT_EQ(ErrorReasonOf(absl::OkStatus()), "");
}

TEST(ErrorDetailsTest, AnAttachedReasonWinsAndTheLastOneCounts) {
  const absl::Status status =
      WithReason(WithReason(absl::NotFoundError("tenant t1 does not exist"),
                            ErrorReason::kOrgNotFound),
                 ErrorReason::kTenantNotFound);

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound,
                               Eq("tenant t1 does not exist")));
  EXPECT_EQ(ErrorReasonOf(status), "TENANT_NOT_FOUND");
}

TEST(ErrorDetailsTest, OkStaysOkWithoutPayloads) {
  const absl::Status status = WithFieldViolation(
      WithReason(absl::OkStatus(), ErrorReason::kInternal), "a", "b");

  EXPECT_THAT(status, IsOk());
  EXPECT_THAT(FieldViolationsOf(status), IsEmpty());
}

TEST(ErrorDetailsTest, InvalidFieldNamesTheFieldAndKeepsTheOrder) {
  const absl::Status status = WithFieldViolation(
      InvalidFieldError("user.roles", "unknown role\t'x'\nin user.roles"),
      "user.email", "too long");

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD");
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(FieldViolation{"user.roles",
                                         "unknown role\t'x'\nin user.roles"},
                          FieldViolation{"user.email", "too long"}));
}

TEST(ErrorDetailsTest, AReasonByNameIsKeptAsSent) {
  EXPECT_EQ(ErrorReasonOf(WithReasonName(absl::AbortedError("x"), "NEWER")),
            "NEWER");
}

}  // namespace
}  // namespace identity
