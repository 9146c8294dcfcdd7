#include "client/cli/response_output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/error_details.h"
#include "base/status_matchers.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/tenant_service.pb.h"

namespace identity::cli {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;

TEST(FormatResponseTest, EmptyIsCompact) {
  EXPECT_EQ(FormatResponse(google::protobuf::Empty()).value(), "{}\n");
}

TEST(FormatResponseTest, PrettyJsonWithProtoFieldNames) {
  v1::ListTenantsResponse response;
  v1::Tenant& tenant = *response.add_tenants();
  tenant.set_id("eu");
  tenant.set_org_id("acme");
  response.set_next_page_token("abc");

  absl::StatusOr<std::string> json = FormatResponse(response);

  ASSERT_THAT(json, IsOk());
  EXPECT_THAT(*json, HasSubstr("\"org_id\": \"acme\""));
  EXPECT_THAT(*json, HasSubstr("\"next_page_token\": \"abc\""));
  EXPECT_THAT(*json, HasSubstr("\n"));
  EXPECT_THAT(*json, EndsWith("}\n"));
}

TEST(FormatErrorTest, CodeNameThenMessage) {
  EXPECT_EQ(FormatError(absl::NotFoundError("org acme not found")),
            "error: NOT_FOUND: org acme not found");
  EXPECT_EQ(FormatError(absl::FailedPreconditionError("has tenants")),
            "error: FAILED_PRECONDITION: has tenants");
}

TEST(FormatErrorTest, ShowsTheServersReasonAndBadFields) {
  EXPECT_EQ(FormatError(WithReason(absl::NotFoundError("tenant t1 is absent"),
                                   ErrorReason::kTenantNotFound)),
            "error: NOT_FOUND (TENANT_NOT_FOUND): tenant t1 is absent");
  EXPECT_EQ(FormatError(WithFieldViolation(
                InvalidFieldError("org.id", "bad ids"), "org.name", "bad")),
            "error: INVALID_ARGUMENT (INVALID_FIELD): bad ids (fields: "
            "org.id, org.name)");
}

}  // namespace
}  // namespace identity::cli
