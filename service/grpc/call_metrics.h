// A CallObserver that counts calls by method and status code and records
// their latency, in base/metrics.h terms (identity_rpc_calls_total,
// identity_rpc_latency_seconds).
//
//   CallMetrics call_metrics(&prometheus_metrics);
//   options.call_observers.push_back(&call_metrics);
#ifndef IDENTITY_SERVICE_GRPC_CALL_METRICS_H_
#define IDENTITY_SERVICE_GRPC_CALL_METRICS_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "base/metrics.h"
#include "service/grpc/call_observer.h"

namespace identity {

class CallMetrics : public CallObserver {
 public:
  // `metrics` must outlive this.
  explicit CallMetrics(Metrics* metrics) : metrics_(metrics) {}

  // CallObserver:
  void OnCallFinished(const FinishedCall& call) override;

 private:
  struct MethodHandles {
    MetricHistogram* latency;
    absl::flat_hash_map<int, MetricCounter*> calls_by_code;
  };

  Metrics* const metrics_;
  absl::Mutex mu_;
  // Looked up once per method and code: the handles are stable.
  absl::flat_hash_map<std::string, MethodHandles> methods_ ABSL_GUARDED_BY(mu_);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_METRICS_H_
