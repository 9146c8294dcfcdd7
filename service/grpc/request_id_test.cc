#include "service/grpc/request_id.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace identity {
namespace {

TEST(RequestIdTest, AcceptsShortTokensOfHarmlessCharacters) {
  EXPECT_TRUE(IsAcceptableRequestId("trace-42"));
  EXPECT_TRUE(IsAcceptableRequestId("9b6c6f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
  EXPECT_TRUE(IsAcceptableRequestId("span_1.2:3"));
  EXPECT_TRUE(IsAcceptableRequestId(std::string(128, 'a')));
}

TEST(RequestIdTest, RefusesEmptyLongAndAnythingThatCouldForgeALogLine) {
  EXPECT_FALSE(IsAcceptableRequestId(""));
  EXPECT_FALSE(IsAcceptableRequestId(std::string(129, 'a')));
  EXPECT_FALSE(IsAcceptableRequestId("a\"b"));
  EXPECT_FALSE(IsAcceptableRequestId("a\nb"));
  EXPECT_FALSE(IsAcceptableRequestId("a b"));
  EXPECT_FALSE(IsAcceptableRequestId("a\\b"));
}

TEST(RequestIdTest, GeneratedIdsAre32HexDigitsAndDiffer) {
  const std::string first = GenerateRequestId();
  EXPECT_THAT(first, ::testing::MatchesRegex("[0-9a-f]{32}"));
  EXPECT_TRUE(IsAcceptableRequestId(first));
  EXPECT_NE(GenerateRequestId(), first);
}

}  // namespace
}  // namespace identity
