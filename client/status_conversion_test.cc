#include "client/status_conversion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::Eq;
using ::testing::IsEmpty;

TEST(FromGrpcStatusTest, OkStaysOk) {
  EXPECT_THAT(FromGrpcStatus(grpc::Status::OK), IsOk());
}

TEST(FromGrpcStatusTest, KeepsEveryCanonicalCodeAndTheMessage) {
  for (int code = grpc::StatusCode::CANCELLED;
       code <= grpc::StatusCode::UNAUTHENTICATED; ++code) {
    const grpc::Status rpc_status(static_cast<grpc::StatusCode>(code),
                                  "what went wrong");

    const absl::Status status = FromGrpcStatus(rpc_status);

    EXPECT_EQ(static_cast<int>(status.code()), code);
    EXPECT_EQ(status.message(), "what went wrong");
  }
}

TEST(FromGrpcStatusTest, NamesMatchTheGrpcCodes) {
  const absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "x"));

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(FromGrpcStatusTest, KeepsTheReasonAndTheBadFieldsOfTheDetails) {
  google::rpc::Status details;
  details.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_FIELD");
  info.set_domain("identity");
  details.add_details()->PackFrom(info);
  google::rpc::BadRequest bad_request;
  google::rpc::BadRequest::FieldViolation* violation =
      bad_request.add_field_violations();
  violation->set_field("user.email");
  violation->set_description("user.email is too long");
  details.add_details()->PackFrom(bad_request);

  const absl::Status status = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "user.email is too long",
                   details.SerializeAsString()));

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               Eq("user.email is too long")));
  EXPECT_EQ(ErrorReasonOf(status), "INVALID_FIELD");
  EXPECT_THAT(
      FieldViolationsOf(status),
      ElementsAre(FieldViolation{"user.email", "user.email is too long"}));
}

TEST(FromGrpcStatusTest, WithoutDetailsTheReasonIsTheCodesDefault) {
  const absl::Status status =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "x", "garbage"));

  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(ErrorReasonOf(status), "NOT_FOUND");
  EXPECT_THAT(FieldViolationsOf(status), IsEmpty());
}

}  // namespace
}  // namespace identity
