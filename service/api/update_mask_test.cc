#include "service/api/update_mask.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

TEST(UpdateMaskTest, WithoutAMaskTheFieldsThatAreSet) {
  google::protobuf::FieldMask none;
  EXPECT_THAT(ResolveUpdateMask(none, {"name", "variables"}, {"name"}),
              IsOkAndHolds(UpdatedFields({"name"})));
  EXPECT_THAT(
      ResolveUpdateMask(none, {"name"}, {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("update_mask")));
}

TEST(UpdateMaskTest, TheMaskNamesMutableFieldsOnly) {
  google::protobuf::FieldMask mask;
  mask.add_paths("variables");
  EXPECT_THAT(ResolveUpdateMask(mask, {"name", "variables"}, {"name"}),
              IsOkAndHolds(UpdatedFields({"variables"})));
  mask.add_paths("id");
  EXPECT_THAT(
      ResolveUpdateMask(mask, {"name", "variables"}, {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("update_mask")));
}

}  // namespace
}  // namespace identity
