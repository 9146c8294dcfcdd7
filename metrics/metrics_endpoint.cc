#include "metrics/metrics_endpoint.h"

#include <exception>

#include "absl/strings/str_cat.h"

namespace identity {

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& address, PrometheusMetrics* metrics) {
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint);
  try {
    endpoint->exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception&) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", address));
  }
  endpoint->exposer_->RegisterCollectable(metrics->registry());
  endpoint->exposer_->RegisterCollectable(endpoint->process_);
  const std::vector<int> ports = endpoint->exposer_->GetListeningPorts();
  endpoint->port_ = ports.empty() ? 0 : ports.front();
  return endpoint;
}

}  // namespace identity
