// The standard Prometheus process metrics, which prometheus-cpp does not
// export, read from /proc at each scrape: process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds and process_start_time_seconds.
//
//   auto process = std::make_shared<ProcessMetrics>();
//   exposer.RegisterCollectable(process);
#ifndef IDENTITY_METRICS_PROCESS_METRICS_H_
#define IDENTITY_METRICS_PROCESS_METRICS_H_

#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace identity {

class ProcessMetrics final : public prometheus::Collectable {
 public:
  // prometheus::Collectable: the metrics now, or none if /proc is missing.
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace identity

#endif  // IDENTITY_METRICS_PROCESS_METRICS_H_
