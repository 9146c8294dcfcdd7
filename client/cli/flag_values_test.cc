#include "client/cli/flag_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"

namespace identity::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParseJsonObjectTest, ParsesAnObject) {
  absl::StatusOr<google::protobuf::Struct> object =
      ParseJsonObject("variables", R"({"tier": "gold", "seats": 5})");

  ASSERT_THAT(object, IsOk());
  EXPECT_EQ(object->fields().at("tier").string_value(), "gold");
  EXPECT_EQ(object->fields().at("seats").number_value(), 5);
}

TEST(ParseJsonObjectTest, RejectsAnythingButAnObjectNamingTheFlag) {
  for (const char* text : {"[1]", "5", "tier=gold", ""}) {
    absl::StatusOr<google::protobuf::Struct> object =
        ParseJsonObject("variables", text);

    EXPECT_THAT(object, StatusIs(absl::StatusCode::kInvalidArgument)) << text;
    EXPECT_THAT(object.status().message(), HasSubstr("--variables"));
  }
}

TEST(ParseJsonOrStringTest, ValidJsonKeepsItsType) {
  EXPECT_EQ(ParseJsonOrString("5").number_value(), 5);
  EXPECT_EQ(ParseJsonOrString("true").bool_value(), true);
  EXPECT_EQ(ParseJsonOrString(R"("5")").string_value(), "5");
  EXPECT_EQ(ParseJsonOrString("null").kind_case(),
            google::protobuf::Value::kNullValue);
  EXPECT_EQ(ParseJsonOrString(R"({"a": [1]})")
                .struct_value()
                .fields()
                .at("a")
                .list_value()
                .values_size(),
            1);
}

TEST(ParseJsonOrStringTest, AnythingElseIsAString) {
  EXPECT_EQ(ParseJsonOrString("dark").string_value(), "dark");
  EXPECT_EQ(ParseJsonOrString("").string_value(), "");
  EXPECT_EQ(ParseJsonOrString("{broken").string_value(), "{broken");
}

TEST(ParseTimestampTest, ParsesRfc3339) {
  absl::StatusOr<google::protobuf::Timestamp> time =
      ParseTimestamp("expires", "2030-01-01T00:00:01Z");

  ASSERT_THAT(time, IsOk());
  EXPECT_EQ(time->seconds(), 1893456001);
}

TEST(ParseTimestampTest, RejectsOtherFormatsNamingTheFlag) {
  absl::StatusOr<google::protobuf::Timestamp> time =
      ParseTimestamp("since", "yesterday");

  EXPECT_THAT(
      time, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--since")));
}

TEST(ParseDurationTest, ParsesSecondsAndOtherUnits) {
  absl::StatusOr<google::protobuf::Duration> hour =
      ParseDuration("grace", "3600s");
  ASSERT_TRUE(hour.ok()) << hour.status();
  EXPECT_EQ(hour->seconds(), 3600);
  EXPECT_EQ(hour->nanos(), 0);

  absl::StatusOr<google::protobuf::Duration> mixed =
      ParseDuration("grace", "1m1.5s");
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  EXPECT_EQ(mixed->seconds(), 61);
  EXPECT_EQ(mixed->nanos(), 500'000'000);

  EXPECT_EQ(ParseDuration("grace", "0s").value().seconds(), 0);
}

// A grace period is at most 30 days: "30d" is how one would write it.
TEST(ParseDurationTest, ParsesDaysAloneOrBeforeOtherUnits) {
  EXPECT_EQ(ParseDuration("grace", "30d").value().seconds(), 30 * 86400);
  EXPECT_EQ(ParseDuration("grace", "1d12h").value().seconds(), 129600);
  EXPECT_EQ(ParseDuration("grace", "0d").value().seconds(), 0);
  for (const char* text : {"d", "1.5d", "xd", "1d12", "1dd"}) {
    EXPECT_THAT(ParseDuration("grace", text),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << text;
  }
}

TEST(ParseDurationTest, RejectsTextAndInfinityNamingTheFlag) {
  for (const char* text : {"soon", "3600", "inf"}) {
    absl::StatusOr<google::protobuf::Duration> duration =
        ParseDuration("grace", text);
    EXPECT_EQ(duration.status().code(), absl::StatusCode::kInvalidArgument)
        << text;
    EXPECT_THAT(duration.status().message(), HasSubstr("--grace"));
  }
}

TEST(ParseInt32Test, ParsesAndPassesNegativesOn) {
  EXPECT_EQ(ParseInt32("page-size", "50").value(), 50);
  EXPECT_EQ(ParseInt32("page-size", "-1").value(), -1);
  EXPECT_THAT(ParseInt32("page-size", "ten"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseInt32("page-size", "4294967296"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ParseListTest, SplitsOnCommasDroppingEmptyItems) {
  EXPECT_THAT(ParseList("user,api-user"), ElementsAre("user", "api-user"));
  EXPECT_THAT(ParseList("user,,"), ElementsAre("user"));
  EXPECT_THAT(ParseList(""), ElementsAre());
}

}  // namespace
}  // namespace identity::cli
