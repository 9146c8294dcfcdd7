// Every error carries machine-readable details (AIP-193): a
// google.rpc.ErrorInfo with a stable reason in domain "identity", and for
// INVALID_ARGUMENT a google.rpc.BadRequest naming the bad fields. One
// representative error per status code, read through the C++ client (which
// keeps the details, client/status_conversion.h), and the raw trailer itself.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <string>

#include "base/error_details.h"
#include "base/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "identity/v1/org_service.grpc.pb.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Property;
using ::testing::SizeIs;

class StatusDetailsTest : public ::testing::Test {
 protected:
  StatusDetailsTest() : admin_(server_.AdminClient()) {
    server_.CreateOrgAndTenant("o1", "t1");
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(StatusDetailsTest, InvalidArgumentNamesEachBadField) {
  const absl::Status bad_id = admin_.CreateOrg(OrgProto("has space")).status();
  EXPECT_THAT(bad_id, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(bad_id, ErrorReasonIs("INVALID_FIELD"));
  EXPECT_THAT(FieldViolationsOf(bad_id), SizeIs(1));
  EXPECT_THAT(bad_id, HasFieldViolation("org.id"));

  const absl::Status bad_role =
      admin_.CreateUser(UserProto("jack", "t1", "o1", {"pope"})).status();
  EXPECT_THAT(bad_role, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(bad_role, ErrorReasonIs("INVALID_FIELD"));
  EXPECT_THAT(bad_role, HasFieldViolation("user.roles"));
  EXPECT_THAT(admin_.GetUser("jack"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(StatusDetailsTest, NotFoundSaysWhatIsMissing) {
  EXPECT_THAT(admin_.GetOrg("nope"), ErrorReasonIs("ORG_NOT_FOUND"));
  EXPECT_THAT(admin_.GetTenant("nope"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(admin_.GetTenant("nope"), ErrorReasonIs("TENANT_NOT_FOUND"));
  EXPECT_THAT(admin_.GetUser("nope"), ErrorReasonIs("USER_NOT_FOUND"));
}

TEST_F(StatusDetailsTest, AlreadyExists) {
  const absl::Status again = admin_.CreateOrg(OrgProto("o1", "again")).status();
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(again, ErrorReasonIs("ALREADY_EXISTS"));
  EXPECT_THAT(FieldViolationsOf(again), ::testing::IsEmpty());
}

TEST_F(StatusDetailsTest,
       FailedPreconditionSaysWhichParentOrThatChildrenRemain) {
  const absl::Status no_org =
      admin_.CreateTenant(TenantProto("t9", "o9")).status();
  EXPECT_THAT(no_org, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(no_org, ErrorReasonIs("ORG_NOT_FOUND"));

  const absl::Status no_tenant =
      admin_.CreateUser(UserProto("jack", "t9", "", {"user"})).status();
  EXPECT_THAT(no_tenant, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(no_tenant, ErrorReasonIs("TENANT_NOT_FOUND"));

  const absl::Status has_tenants = admin_.DeleteOrg("o1");
  EXPECT_THAT(has_tenants, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(has_tenants, ErrorReasonIs("HAS_CHILDREN"));
  EXPECT_THAT(admin_.GetTenant("t1"), IsOk());
}

TEST_F(StatusDetailsTest, PermissionDeniedAndRefusedImpersonation) {
  const Client jack = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "jack", {"user"}));
  const absl::Status list = jack.ListUsers().status();
  EXPECT_THAT(list, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(list, ErrorReasonIs("PERMISSION_DENIED"));

  const Client olga = server_.ClientFor(
      server_.CreateUserWithKey("o1", "t1", "olga", {"org-admin-user"}));
  for (const char* target : {"admin", "nobody"}) {
    const absl::Status as_target = olga.AsUser(target).GetUserInfo().status();
    EXPECT_THAT(as_target, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(as_target, ErrorReasonIs("IMPERSONATION_REFUSED"));
  }
}

TEST_F(StatusDetailsTest, UnauthenticatedDoesNotTellWhetherAKeyExists) {
  const absl::Status no_key = server_.ClientFor("").GetUserInfo().status();
  EXPECT_THAT(no_key, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(no_key, ErrorReasonIs("MISSING_CREDENTIALS"));

  const std::string key =
      server_.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  ASSERT_THAT(admin_.DeleteUser("jack"), IsOk());
  const absl::Status deleted = server_.ClientFor(key).GetUserInfo().status();
  std::string never_issued = key;
  never_issued.back() = never_issued.back() == 'A' ? 'B' : 'A';
  const absl::Status unknown =
      server_.ClientFor(never_issued).GetUserInfo().status();
  for (const absl::Status& status : {deleted, unknown}) {
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnauthenticated));
    EXPECT_THAT(status, ErrorReasonIs("INVALID_ACCESS_KEY"));
  }
}

TEST_F(StatusDetailsTest, AbortedOnAStaleEtag) {
  absl::StatusOr<v1::Org> before = admin_.GetOrg("o1");
  ASSERT_THAT(before, IsOk());
  v1::Org stale = OrgProto("o1", "Lost");
  stale.set_etag("999");
  const absl::Status status = admin_.UpdateOrg(stale).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(status, ErrorReasonIs("ETAG_MISMATCH"));
  EXPECT_THAT(admin_.GetOrg("o1"),
              IsOkAndHolds(Property(&v1::Org::name, before->name())));
}

// The trailer as any gRPC client sees it: a google.rpc.Status with the same
// code and message, an ErrorInfo of domain "identity", and a BadRequest.
TEST_F(StatusDetailsTest, TheTrailerIsAStandardGoogleRpcStatus) {
  std::unique_ptr<v1::OrgService::Stub> stub =
      v1::OrgService::NewStub(server_.NewChannel());
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      std::string("Bearer ") + server_.admin_key());
  v1::CreateOrgRequest request;
  request.mutable_org()->set_id("");
  v1::Org response;
  const grpc::Status status = stub->CreateOrg(&context, request, &response);

  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(details.message(), status.error_message());
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.domain(), "identity");
  EXPECT_EQ(info.metadata().at("field"), "org.id");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "org.id");
  EXPECT_THAT(bad_request.field_violations(0).description(),
              HasSubstr("org.id is required"));
}

}  // namespace
}  // namespace identity::testing
