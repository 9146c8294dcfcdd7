#include "service/grpc/status_conversion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/error_details.h"
#include "base/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace identity {
namespace {

// The google.rpc.Status of the details trailer; fails the test if absent.
google::rpc::Status DetailsOf(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  return details;
}

TEST(ToGrpcStatusTest, OkHasNoDetails) {
  const grpc::Status status = ToGrpcStatus(absl::OkStatus());
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(status.error_details().empty());
}

TEST(ToGrpcStatusTest, EveryErrorCarriesAnErrorInfoWithTheAttachedReason) {
  const grpc::Status status =
      ToGrpcStatus(WithReason(absl::NotFoundError("tenant t1 does not exist"),
                              ErrorReason::kTenantNotFound));

  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "tenant t1 does not exist");
  const google::rpc::Status details = DetailsOf(status);
  EXPECT_EQ(details.code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(details.message(), "tenant t1 does not exist");
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "TENANT_NOT_FOUND");
  EXPECT_EQ(info.domain(), "identity");
}

TEST(ToGrpcStatusTest, WithoutAnAttachedReasonTheCodeGivesIt) {
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(DetailsOf(ToGrpcStatus(absl::UnavailableError("busy")))
                  .details(0)
                  .UnpackTo(&info));
  EXPECT_EQ(info.reason(), "UNAVAILABLE");
}

TEST(ToGrpcStatusTest, InvalidArgumentNamesTheBadFieldsInABadRequest) {
  const grpc::Status status = ToGrpcStatus(
      WithFieldViolation(InvalidFieldError("user.id", "user.id is required"),
                         "user.email", "user.email is too long"));

  const google::rpc::Status details = DetailsOf(status);
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.metadata().at("field"), "user.id");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "user.id");
  EXPECT_EQ(bad_request.field_violations(0).description(),
            "user.id is required");
  EXPECT_EQ(bad_request.field_violations(1).field(), "user.email");
}

TEST(ToGrpcStatusTest, InternalErrorsSayNothingMoreInMessageOrDetails) {
  const grpc::Status status =
      ToGrpcStatus(absl::UnknownError("SELECT * FROM secrets failed"));

  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNKNOWN);
  EXPECT_EQ(status.error_message(), "internal error");
  const google::rpc::Status details = DetailsOf(status);
  EXPECT_EQ(details.message(), "internal error");
  EXPECT_THAT(details.SerializeAsString(),
              ::testing::Not(::testing::HasSubstr("secrets")));
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INTERNAL");
}

}  // namespace
}  // namespace identity
