// What grpc.health.v1 reports. Readiness (the overall "" service and every
// identity.v1 service) is SERVING only while the change feed is live, the
// database answers, and the server is not draining; liveness (the
// "liveness" service) is SERVING while the process runs, so that an
// orchestrator restarts a stuck process but only stops routing to one whose
// database is away. Several health services may be attached (the identity
// port's, and a plaintext health port's): each serves the same states.
//
//   Readiness readiness({"identity.v1.OrgService", ...});
//   readiness.Attach(server->GetHealthCheckService());
//   readiness.SetFeedLive(true);
//   readiness.SetDatabaseHealthy(true);  // now "" is SERVING
//   readiness.StartDraining();           // NOT_SERVING for good
#ifndef IDENTITY_SERVICE_GRPC_READINESS_H_
#define IDENTITY_SERVICE_GRPC_READINESS_H_

#include <grpcpp/health_check_service_interface.h>

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace identity {

class Readiness {
 public:
  // The grpc.health.v1 service name that reports liveness only.
  static constexpr char kLivenessService[] = "liveness";
  // The name that reports readiness alone, for probes that name a service
  // (the Kubernetes manifests' readiness probe).
  static constexpr char kReadinessService[] = "readiness";

  // `services`: the names that report readiness besides "".
  explicit Readiness(std::vector<std::string> services)
      : services_(std::move(services)) {}

  // Publishes the current state to `health`, and every change from now on
  // until Detach(health); `health` must stay valid until then.
  void Attach(grpc::HealthCheckServiceInterface* health);
  void Detach(grpc::HealthCheckServiceInterface* health);

  void SetFeedLive(bool live);
  void SetDatabaseHealthy(bool healthy);
  // From now on not ready, whatever else happens: the server is stopping.
  void StartDraining();

  bool ready() const;

 private:
  bool ReadyLocked() const ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return feed_live_ && database_healthy_ && !draining_;
  }
  void PublishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PublishLocked(grpc::HealthCheckServiceInterface* health)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::vector<std::string> services_;
  mutable absl::Mutex mu_;
  std::vector<grpc::HealthCheckServiceInterface*> healths_ ABSL_GUARDED_BY(mu_);
  bool feed_live_ ABSL_GUARDED_BY(mu_) = false;
  bool database_healthy_ ABSL_GUARDED_BY(mu_) = false;
  bool draining_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_READINESS_H_
