#include "service/grpc/call_metrics.h"

#include "base/metric_definitions.h"
#include "service/grpc/served_methods.h"
#include "service/grpc/status_code_name.h"

namespace identity {

absl::string_view CallMetrics::MethodLabel(absl::string_view method) {
  return ServedMethods().contains(method) ? method : kUnknownMethodLabel;
}

void CallMetrics::OnCallFinished(const FinishedCall& call) {
  const std::string method_label(MethodLabel(call.method));
  MetricCounter* calls = nullptr;
  MetricHistogram* latency = nullptr;
  {
    absl::MutexLock lock(&mu_);
    auto [method, inserted] = methods_.try_emplace(method_label);
    if (inserted) {
      method->second.latency =
          &metrics_->Histogram(kRpcLatency, {{"method", method_label}});
    }
    latency = method->second.latency;
    MetricCounter*& counter =
        method->second.calls_by_code[static_cast<int>(call.code)];
    if (counter == nullptr) {
      counter = &metrics_->Counter(
          kRpcCalls,
          {{"method", method_label}, {"code", StatusCodeName(call.code)}});
    }
    calls = counter;
  }
  calls->Add();
  latency->Observe(absl::ToDoubleSeconds(call.latency));
}

}  // namespace identity
