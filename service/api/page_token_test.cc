#include "service/api/page_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::Field;
using ::testing::HasSubstr;

TEST(PageTokenTest, SizesDefaultAndAreLowered) {
  EXPECT_THAT(DecodePage(0, ""), IsOkAndHolds(Field(&PageCursor::size, 100)));
  EXPECT_THAT(DecodePage(5000, ""),
              IsOkAndHolds(Field(&PageCursor::size, 1000)));
  EXPECT_THAT(DecodePage(-1, ""), StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr("page_size")));
}

TEST(PageTokenTest, TokensRoundTripAndForeignOnesAreRefused) {
  EXPECT_THAT(DecodePage(10, EncodePageToken("u42")),
              IsOkAndHolds(Field(&PageCursor::after, "u42")));
  EXPECT_THAT(
      DecodePage(10, "garbage!"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
}

}  // namespace
}  // namespace identity
