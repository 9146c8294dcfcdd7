// Metrics that any layer may record without linking a metrics library:
// counters, gauges and histograms by definition and labels, behind an
// interface that the composition root implements (metrics/, Prometheus) and
// that tests and unwired code leave as NoMetrics().
//
//   MetricCounter& misses = metrics->Counter(kAuthCacheLookups,
//                                            {{"result", "miss"}});
//   misses.Add();  // cheap: look a handle up once, keep it
#ifndef IDENTITY_BASE_METRICS_H_
#define IDENTITY_BASE_METRICS_H_

#include <string>
#include <utility>
#include <vector>

namespace identity {

enum class MetricKind { kCounter, kGauge, kHistogram };

// What a metric is; the constants are in base/metric_definitions.h.
struct MetricDefinition {
  const char* name;  // Prometheus style: snake_case, unit suffix.
  const char* help;
  MetricKind kind;
};

// Label names and values, e.g. {{"method", "/identity.v1.OrgService/GetOrg"}}.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class MetricCounter {
 public:
  virtual ~MetricCounter() = default;
  virtual void Add(double value = 1) = 0;
};

class MetricGauge {
 public:
  virtual ~MetricGauge() = default;
  virtual void Set(double value) = 0;
};

class MetricHistogram {
 public:
  virtual ~MetricHistogram() = default;
  // Seconds for latencies; the buckets suit calls from 100 µs to 10 s.
  virtual void Observe(double value) = 0;
};

// Hands out one handle per definition and label set; handles live as long
// as the Metrics, and every method is thread-safe.
class Metrics {
 public:
  virtual ~Metrics() = default;
  virtual MetricCounter& Counter(const MetricDefinition& definition,
                                 const MetricLabels& labels = {}) = 0;
  virtual MetricGauge& Gauge(const MetricDefinition& definition,
                             const MetricLabels& labels = {}) = 0;
  virtual MetricHistogram& Histogram(const MetricDefinition& definition,
                                     const MetricLabels& labels = {}) = 0;
};

// Metrics that go nowhere: the default wherever none are wired in.
inline Metrics* NoMetrics() {
  class Discard final : public Metrics,
                        MetricCounter,
                        MetricGauge,
                        MetricHistogram {
   public:
    MetricCounter& Counter(const MetricDefinition&,
                           const MetricLabels&) override {
      return *this;
    }
    MetricGauge& Gauge(const MetricDefinition&, const MetricLabels&) override {
      return *this;
    }
    MetricHistogram& Histogram(const MetricDefinition&,
                               const MetricLabels&) override {
      return *this;
    }
    void Add(double) override {}
    void Set(double) override {}
    void Observe(double) override {}
  };
  static Discard* const discard = new Discard;
  return discard;
}

}  // namespace identity

#endif  // IDENTITY_BASE_METRICS_H_
