// A CallObserver that counts calls by method and status code and records
// their latency, in base/metrics.h terms (identity_rpc_calls_total,
// identity_rpc_latency_seconds). Every label value is of a closed set: a
// served method's name (served_methods.h) or kUnknownMethodLabel, and a
// status code's name, so that no caller can add series by the names it
// calls.
//
//   CallMetrics call_metrics(&prometheus_metrics);
//   options.call_observers.push_back(&call_metrics);
#ifndef IDENTITY_SERVICE_GRPC_CALL_METRICS_H_
#define IDENTITY_SERVICE_GRPC_CALL_METRICS_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "base/metrics.h"
#include "service/grpc/call_observer.h"

namespace identity {

// The method label of every call to a method the server does not serve
// (any name under /identity.v1.): one series for all of them.
inline constexpr char kUnknownMethodLabel[] = "unknown";

class CallMetrics : public CallObserver {
 public:
  // `metrics` must outlive this.
  explicit CallMetrics(Metrics* metrics) : metrics_(metrics) {}

  // The method label of a call to `method`: the name itself if it is
  // served, else kUnknownMethodLabel.
  static absl::string_view MethodLabel(absl::string_view method);

  // CallObserver:
  void OnCallFinished(const FinishedCall& call) override;

 private:
  struct MethodHandles {
    MetricHistogram* latency;
    absl::flat_hash_map<int, MetricCounter*> calls_by_code;
  };

  Metrics* const metrics_;
  absl::Mutex mu_;
  // By method label, looked up once per label and code: the handles are
  // stable.
  absl::flat_hash_map<std::string, MethodHandles> methods_ ABSL_GUARDED_BY(mu_);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_CALL_METRICS_H_
