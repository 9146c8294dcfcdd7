// Serves PrometheusMetrics and the process metrics over HTTP, on a port of
// their own (GET /metrics), apart from the gRPC port.
//
//   PrometheusMetrics metrics;
//   ASSIGN_OR_RETURN(std::unique_ptr<MetricsEndpoint> endpoint,
//                    MetricsEndpoint::Start("0.0.0.0:9090", &metrics));
//   // curl http://host:9090/metrics
#ifndef IDENTITY_METRICS_METRICS_ENDPOINT_H_
#define IDENTITY_METRICS_METRICS_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "metrics/process_metrics.h"
#include "metrics/prometheus_metrics.h"
#include "prometheus/exposer.h"

namespace identity {

class MetricsEndpoint {
 public:
  // Listens on `address` (host:port; port 0 picks one) and serves `metrics`,
  // which must outlive the endpoint. UNAVAILABLE when the address cannot be
  // bound.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& address, PrometheusMetrics* metrics);

  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;

  std::shared_ptr<ProcessMetrics> process_ = std::make_shared<ProcessMetrics>();
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace identity

#endif  // IDENTITY_METRICS_METRICS_ENDPOINT_H_
