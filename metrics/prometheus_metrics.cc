#include "metrics/prometheus_metrics.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"

namespace identity {
namespace {

// From 100 µs to 10 s, about three buckets per decade: a cache hit and a
// slow transaction both land in a bucket of their own.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return *buckets;
}

}  // namespace

// One Prometheus metric, whichever kind its definition says.
class PrometheusMetrics::Handle final : public MetricCounter,
                                        public MetricGauge,
                                        public MetricHistogram {
 public:
  explicit Handle(prometheus::Counter* counter) : counter_(counter) {}
  explicit Handle(prometheus::Gauge* gauge) : gauge_(gauge) {}
  explicit Handle(prometheus::Histogram* histogram) : histogram_(histogram) {}

  void Add(double value) override {
    if (counter_ != nullptr) counter_->Increment(value);
  }
  void Set(double value) override {
    if (gauge_ != nullptr) gauge_->Set(value);
  }
  void Observe(double value) override {
    if (histogram_ != nullptr) histogram_->Observe(value);
  }

 private:
  prometheus::Counter* counter_ = nullptr;
  prometheus::Gauge* gauge_ = nullptr;
  prometheus::Histogram* histogram_ = nullptr;
};

PrometheusMetrics::PrometheusMetrics()
    : registry_(std::make_shared<prometheus::Registry>()) {}

PrometheusMetrics::~PrometheusMetrics() = default;

MetricCounter& PrometheusMetrics::Counter(const MetricDefinition& definition,
                                          const MetricLabels& labels) {
  return HandleFor(definition, labels);
}

MetricGauge& PrometheusMetrics::Gauge(const MetricDefinition& definition,
                                      const MetricLabels& labels) {
  return HandleFor(definition, labels);
}

MetricHistogram& PrometheusMetrics::Histogram(
    const MetricDefinition& definition, const MetricLabels& labels) {
  return HandleFor(definition, labels);
}

PrometheusMetrics::Handle& PrometheusMetrics::HandleFor(
    const MetricDefinition& definition, const MetricLabels& labels) {
  std::string key = definition.name;
  for (const auto& [name, value] : labels) {
    absl::StrAppend(&key, "\x1f", name, "\x1e", value);
  }
  absl::MutexLock lock(&mu_);
  std::unique_ptr<Handle>& handle = handles_[key];
  if (handle != nullptr) return *handle;
  const std::map<std::string, std::string> label_map(labels.begin(),
                                                     labels.end());
  // The registry hands back the family already registered under a name, so
  // asking again for another label set is fine.
  switch (definition.kind) {
    case MetricKind::kCounter:
      handle = std::make_unique<Handle>(&prometheus::BuildCounter()
                                             .Name(definition.name)
                                             .Help(definition.help)
                                             .Register(*registry_)
                                             .Add(label_map));
      break;
    case MetricKind::kGauge:
      handle = std::make_unique<Handle>(&prometheus::BuildGauge()
                                             .Name(definition.name)
                                             .Help(definition.help)
                                             .Register(*registry_)
                                             .Add(label_map));
      break;
    case MetricKind::kHistogram:
      handle = std::make_unique<Handle>(&prometheus::BuildHistogram()
                                             .Name(definition.name)
                                             .Help(definition.help)
                                             .Register(*registry_)
                                             .Add(label_map, LatencyBuckets()));
      break;
  }
  return *handle;
}

}  // namespace identity
