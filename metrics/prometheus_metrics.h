// base/metrics.h on prometheus-cpp: every handle is a Prometheus counter,
// gauge or histogram of one registry, which a MetricsEndpoint serves.
//
//   PrometheusMetrics metrics;
//   metrics.Counter(kRpcCalls, {{"method", m}, {"code", "OK"}}).Add();
//   ASSIGN_OR_RETURN(auto endpoint,
//                    MetricsEndpoint::Start("0.0.0.0:9090", &metrics));
#ifndef IDENTITY_METRICS_PROMETHEUS_METRICS_H_
#define IDENTITY_METRICS_PROMETHEUS_METRICS_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "base/metrics.h"
#include "prometheus/registry.h"

namespace identity {

class PrometheusMetrics final : public Metrics {
 public:
  PrometheusMetrics();
  ~PrometheusMetrics() override;

  const std::shared_ptr<prometheus::Registry>& registry() const {
    return registry_;
  }

  // Metrics:
  // (The defaults repeat the interface's, for calls on this type.)
  MetricCounter& Counter(const MetricDefinition& definition,
                         const MetricLabels& labels = {}) override;
  MetricGauge& Gauge(const MetricDefinition& definition,
                     const MetricLabels& labels = {}) override;
  MetricHistogram& Histogram(const MetricDefinition& definition,
                             const MetricLabels& labels = {}) override;

 private:
  class Handle;
  Handle& HandleFor(const MetricDefinition& definition,
                    const MetricLabels& labels);

  const std::shared_ptr<prometheus::Registry> registry_;
  absl::Mutex mu_;
  // By name and labels; each handle is made once and lives as long as this.
  absl::flat_hash_map<std::string, std::unique_ptr<Handle>> handles_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace identity

#endif  // IDENTITY_METRICS_PROMETHEUS_METRICS_H_
