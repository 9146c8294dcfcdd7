#include "tests/e2e/health_client.h"

#include <grpcpp/client_context.h>

#include "absl/time/clock.h"

namespace identity::testing {

absl::StatusOr<ServingStatus> HealthClient::Check(
    const std::string& service) const {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub_->Check(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return response.status();
}

bool HealthClient::AwaitStatus(const std::string& service, ServingStatus want,
                               absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    absl::StatusOr<ServingStatus> status = Check(service);
    if (status.ok() && *status == want) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return false;
}

}  // namespace identity::testing
