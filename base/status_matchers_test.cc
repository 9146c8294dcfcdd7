#include "base/status_matchers.h"

#include <gtest/gtest.h>

#include <string>

namespace identity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(StatusMatchersTest, IsOkTellsOkFromError) {
  EXPECT_THAT(absl::OkStatus(), IsOk());
  EXPECT_THAT(absl::NotFoundError("gone"), Not(IsOk()));
  EXPECT_THAT(absl::StatusOr<int>(7), IsOk());
  EXPECT_THAT(absl::StatusOr<int>(absl::AbortedError("x")), Not(IsOk()));
}

TEST(StatusMatchersTest, StatusIsComparesTheCode) {
  EXPECT_THAT(absl::NotFoundError("gone"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(absl::NotFoundError("gone"),
              Not(StatusIs(absl::StatusCode::kAborted)));
  EXPECT_THAT(absl::StatusOr<int>(absl::AbortedError("x")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(absl::StatusOr<int>(1), StatusIs(absl::StatusCode::kOk));
}

TEST(StatusMatchersTest, StatusIsComparesCodeAndMessage) {
  const absl::Status status = absl::InvalidArgumentError("org.id is required");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("org.id")));
  EXPECT_THAT(status, Not(StatusIs(absl::StatusCode::kInvalidArgument,
                                   HasSubstr("org.name"))));
  EXPECT_THAT(status,
              Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("org.id"))));
}

TEST(StatusMatchersTest, IsOkAndHoldsMatchesTheValue) {
  EXPECT_THAT(absl::StatusOr<std::string>("o1"), IsOkAndHolds("o1"));
  EXPECT_THAT(absl::StatusOr<std::string>("o1"), Not(IsOkAndHolds("o2")));
  EXPECT_THAT(absl::StatusOr<std::string>(absl::NotFoundError("o1")),
              Not(IsOkAndHolds("o1")));
}

}  // namespace
}  // namespace identity
