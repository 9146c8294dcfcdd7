#include "service/grpc/call_metrics.h"

#include "base/metric_definitions.h"
#include "service/grpc/status_code_name.h"

namespace identity {

void CallMetrics::OnCallFinished(const FinishedCall& call) {
  MetricCounter* calls = nullptr;
  MetricHistogram* latency = nullptr;
  {
    absl::MutexLock lock(&mu_);
    auto [method, inserted] = methods_.try_emplace(call.method);
    if (inserted) {
      method->second.latency =
          &metrics_->Histogram(kRpcLatency, {{"method", call.method}});
    }
    latency = method->second.latency;
    MetricCounter*& counter =
        method->second.calls_by_code[static_cast<int>(call.code)];
    if (counter == nullptr) {
      counter = &metrics_->Counter(
          kRpcCalls,
          {{"method", call.method}, {"code", StatusCodeName(call.code)}});
    }
    calls = counter;
  }
  calls->Add();
  latency->Observe(absl::ToDoubleSeconds(call.latency));
}

}  // namespace identity
