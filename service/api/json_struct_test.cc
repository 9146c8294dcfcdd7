#include "service/api/json_struct.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

TEST(JsonStructTest, RoundTripsText) {
  google::protobuf::Struct value;
  (*value.mutable_fields())["k"].set_string_value("\xE2\x9C\x93 'q' \"d\"");
  absl::StatusOr<std::string> json = StructToJson("variables", value);
  ASSERT_THAT(json, IsOk());
  absl::StatusOr<google::protobuf::Struct> back = JsonToStruct(*json);
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->fields().at("k").string_value(), "\xE2\x9C\x93 'q' \"d\"");
}

TEST(JsonStructTest, EnforcesTheSizeLimitAndFiniteNumbers) {
  google::protobuf::Struct value;
  (*value.mutable_fields())["big"].set_string_value(std::string(70000, 'x'));
  EXPECT_THAT(
      StructToJson("org.variables", value),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("org.variables")));
  google::protobuf::Value not_finite;
  not_finite.set_number_value(std::numeric_limits<double>::infinity());
  EXPECT_THAT(
      ValueToJson("updated.k", not_finite),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("updated.k")));
}

TEST(JsonStructTest, StoredTextThatIsNoObjectIsInternal) {
  EXPECT_THAT(JsonToStruct("[1, 2]"), StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace identity
