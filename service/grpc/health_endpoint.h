// grpc.health.v1 alone, in plaintext, on a port of its own: for probes that
// cannot speak TLS (kubelet's native gRPC probes) when the identity port
// requires TLS or mutual TLS. It serves no other service, so it exposes
// nothing but the health states Readiness publishes (the same names and
// states as on the identity port).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<HealthEndpoint> health,
//                    HealthEndpoint::Start("0.0.0.0:50052", &readiness));
//   health->port();  // the port bound, e.g. when asked for port 0
//   health->Shutdown(absl::Seconds(1));
#ifndef IDENTITY_SERVICE_GRPC_HEALTH_ENDPOINT_H_
#define IDENTITY_SERVICE_GRPC_HEALTH_ENDPOINT_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/server.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/grpc/readiness.h"

namespace identity {

class HealthEndpoint {
 public:
  // Serves grpc.health.v1 on `listen_address` (host:port; port 0 picks a
  // free one) and attaches it to `readiness`, which must outlive the
  // endpoint. UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HealthEndpoint>> Start(
      const std::string& listen_address, Readiness* readiness);

  // Detaches from Readiness, then stops serving.
  ~HealthEndpoint();
  void Shutdown(absl::Duration grace);

  int port() const { return port_; }

 private:
  explicit HealthEndpoint(Readiness* readiness) : readiness_(readiness) {}

  Readiness* const readiness_;
  grpc::CallbackGenericService unimplemented_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_HEALTH_ENDPOINT_H_
