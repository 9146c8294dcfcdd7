#include "service/api/etag.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(EtagTest, NoEtagOrTheCurrentOnePasses) {
  EXPECT_THAT(CheckEtag("org", "o1", "", 7), IsOk());
  EXPECT_THAT(CheckEtag("org", "o1", EtagOf(7), 7), IsOk());
}

TEST(EtagTest, AStaleEtagIsAborted) {
  const absl::Status stale = CheckEtag("org", "o1", EtagOf(6), 7);
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted, HasSubstr("org o1")));
  EXPECT_THAT(stale, ErrorReasonIs("ETAG_MISMATCH"));
}

TEST(EtagTest, TheErrorQuotesABoundedPartOfTheEtag) {
  const std::string huge(10000, 'e');
  absl::Status status = CheckEtag("user", "u1", huge, 1);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr(huge)));
  EXPECT_LT(status.message().size(), 100u);
}

}  // namespace
}  // namespace identity
