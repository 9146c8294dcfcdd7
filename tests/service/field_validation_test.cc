#include "service/field_validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/json_struct.h"
#include "service/page_token.h"
#include "service/update_mask.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

void ExpectInvalid(const absl::Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(field));
}

TEST(FieldValidationTest, Ids) {
  EXPECT_TRUE(ValidateId("id", "jack@myco.com").ok());
  EXPECT_TRUE(ValidateId("id", "a.b_c+d-e").ok());
  EXPECT_TRUE(ValidateId("id", std::string(128, 'a')).ok());
  ExpectInvalid(ValidateId("user.id", ""), "user.id");
  ExpectInvalid(ValidateId("user.id", std::string(129, 'a')), "user.id");
  ExpectInvalid(ValidateId("user.id", "a b"), "user.id");
  ExpectInvalid(ValidateId("user.id", "a\xC3\xA9"), "user.id");
}

TEST(FieldValidationTest, TextCountsCharactersAndRejectsBadUtf8) {
  EXPECT_TRUE(ValidateText("name", std::string(3, 'x'), 3).ok());
  EXPECT_TRUE(
      ValidateText("name", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3).ok());
  ExpectInvalid(ValidateText("name", "abcd", 3), "name");
  ExpectInvalid(ValidateText("name", "\xC3", 3), "name");          // cut short
  ExpectInvalid(ValidateText("name", "\xC0\xAF", 3), "name");      // overlong
  ExpectInvalid(ValidateText("name", "\xED\xA0\x80", 3), "name");  // surrogate
  ExpectInvalid(ValidateText("name", std::string("a\0b", 3), 3), "name");
  ExpectInvalid(ValidateText("key", "", 3, /*required=*/true), "key");
}

TEST(FieldValidationTest, Roles) {
  EXPECT_TRUE(ValidateRoles("roles", {"user", "api-user"}).ok());
  ExpectInvalid(ValidateRoles("user.roles", {"user", "god"}), "user.roles");
}

TEST(JsonStructTest, RoundTripsAndEnforcesTheLimit) {
  google::protobuf::Struct value;
  (*value.mutable_fields())["k"].set_string_value("\xE2\x9C\x93 'q' \"d\"");
  absl::StatusOr<std::string> json = StructToJson("variables", value);
  ASSERT_TRUE(json.ok());
  absl::StatusOr<google::protobuf::Struct> back = JsonToStruct(*json);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->fields().at("k").string_value(), "\xE2\x9C\x93 'q' \"d\"");

  (*value.mutable_fields())["big"].set_string_value(std::string(70000, 'x'));
  ExpectInvalid(StructToJson("org.variables", value).status(), "org.variables");
  google::protobuf::Value not_finite;
  not_finite.set_number_value(std::numeric_limits<double>::infinity());
  ExpectInvalid(ValueToJson("updated.k", not_finite).status(), "updated.k");
}

TEST(PageTokenTest, SizesAndTokens) {
  absl::StatusOr<PageCursor> page = DecodePage(0, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->size, 100);
  EXPECT_EQ(DecodePage(5000, "")->size, 1000);
  ExpectInvalid(DecodePage(-1, "").status(), "page_size");
  ExpectInvalid(DecodePage(10, "garbage!").status(), "page_token");
  absl::StatusOr<PageCursor> next = DecodePage(10, EncodePageToken("u42"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->after, "u42");
}

TEST(UpdateMaskTest, MaskOrTheFieldsThatAreSet) {
  google::protobuf::FieldMask none;
  absl::StatusOr<UpdatedFields> fields =
      ResolveUpdateMask(none, {"name", "variables"}, {"name"});
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(*fields, UpdatedFields({"name"}));
  google::protobuf::FieldMask mask;
  mask.add_paths("variables");
  EXPECT_EQ(*ResolveUpdateMask(mask, {"name", "variables"}, {"name"}),
            UpdatedFields({"variables"}));
  mask.add_paths("id");
  ExpectInvalid(ResolveUpdateMask(mask, {"name", "variables"}, {}).status(),
                "update_mask");
  ExpectInvalid(ResolveUpdateMask(none, {"name"}, {}).status(), "update_mask");
}

}  // namespace
}  // namespace identity
