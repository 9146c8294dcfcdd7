#include "metrics/metrics_endpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/metric_definitions.h"
#include "base/status_matchers.h"
#include "tests/harness/http_get.h"

namespace identity {
namespace {

using ::testing::HasSubstr;
using testing::HttpGet;
using testing::RunWithInput;

TEST(MetricsEndpointTest, ServesValidExpositionWithProcessMetrics) {
  PrometheusMetrics metrics;
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> endpoint =
      MetricsEndpoint::Start("127.0.0.1:0", &metrics);
  ASSERT_THAT(endpoint.status(), IsOk());
  metrics
      .Counter(kRpcCalls,
               {{"method", "/identity.v1.OrgService/GetOrg"}, {"code", "OK"}})
      .Add(2);
  metrics.Histogram(kRpcLatency, {{"method", "/identity.v1.OrgService/GetOrg"}})
      .Observe(0.003);
  metrics.Gauge(kExecutorQueueDepth).Set(7);

  std::optional<std::string> body = HttpGet((*endpoint)->port(), "/metrics");
  ASSERT_TRUE(body.has_value());
  EXPECT_THAT(*body, HasSubstr("identity_rpc_calls_total{code=\"OK\",method="
                               "\"/identity.v1.OrgService/GetOrg\"} 2"));
  EXPECT_THAT(*body, HasSubstr("identity_rpc_latency_seconds_bucket"));
  EXPECT_THAT(*body, HasSubstr("identity_executor_queue_depth 7"));
  for (const char* name :
       {"process_cpu_seconds_total", "process_resident_memory_bytes",
        "process_open_fds", "process_start_time_seconds"}) {
    EXPECT_THAT(*body, HasSubstr(std::string("\n") + name + " ")) << name;
  }
  testing::CommandResult check = RunWithInput("promtool check metrics", *body);
  EXPECT_EQ(check.exit_status, 0) << check.output;
}

TEST(MetricsEndpointTest, SameDefinitionAndLabelsGiveTheSameHandle) {
  PrometheusMetrics metrics;
  MetricCounter& first = metrics.Counter(kPoolWaits);
  MetricCounter& second = metrics.Counter(kPoolWaits);
  EXPECT_EQ(&first, &second);
  EXPECT_NE(&metrics.Counter(kRpcCalls, {{"code", "OK"}}),
            &metrics.Counter(kRpcCalls, {{"code", "NOT_FOUND"}}));
}

TEST(MetricsEndpointTest, UnbindableAddressIsUnavailable) {
  PrometheusMetrics metrics;
  EXPECT_THAT(MetricsEndpoint::Start("203.0.113.1:1", &metrics).status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace identity
