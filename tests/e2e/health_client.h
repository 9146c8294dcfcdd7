// Asks a server's grpc.health.v1 service, as a load balancer or a kubelet
// would.
//
//   HealthClient health(channel);
//   EXPECT_TRUE(health.AwaitStatus("", ServingStatus::kServing,
//                                  absl::Seconds(10)));
#ifndef IDENTITY_TESTS_E2E_HEALTH_CLIENT_H_
#define IDENTITY_TESTS_E2E_HEALTH_CLIENT_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace identity::testing {

using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

class HealthClient {
 public:
  explicit HealthClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(grpc::health::v1::Health::NewStub(std::move(channel))) {}

  // The status of `service` ("" for the whole server); the call's error
  // (e.g. UNAVAILABLE when nothing listens, NOT_FOUND for an unknown
  // service) otherwise.
  absl::StatusOr<ServingStatus> Check(const std::string& service) const;

  // Polls Check until it returns `want`; false if `timeout` passes first.
  bool AwaitStatus(const std::string& service, ServingStatus want,
                   absl::Duration timeout) const;

 private:
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_HEALTH_CLIENT_H_
