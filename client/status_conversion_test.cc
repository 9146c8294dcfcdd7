#include "client/status_conversion.h"

#include <gtest/gtest.h>

namespace identity {
namespace {

TEST(FromGrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
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

  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace identity
