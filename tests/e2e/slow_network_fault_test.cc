// The network to the database turning slow, then half-open (a TcpRelay that
// stops forwarding without closing, so neither end hears anything): calls
// end at their deadline with DEADLINE_EXCEEDED or UNAVAILABLE instead of
// hanging, and the server works again by itself once the network heals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/database_url.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/tcp_relay.h"
#include "tests/harness/time_scale.h"

namespace identity::testing {
namespace {

using ::testing::AnyOf;

constexpr absl::Duration kCallDeadline = absl::Seconds(1);
// How late after its deadline a call may end: scheduling on a busy machine.
const absl::Duration kLateness = Scaled(absl::Milliseconds(750));
// Each transaction makes several round trips, each slower than this twice.
constexpr std::chrono::milliseconds kLatency(400);
const absl::Duration kHealBound = Scaled(absl::Seconds(10));
// One per connection of the server's pool, so that every one is stuck.
constexpr int kFrozenCalls = 4;

auto EndsAtDeadline() {
  return AnyOf(StatusIs(absl::StatusCode::kDeadlineExceeded),
               StatusIs(absl::StatusCode::kUnavailable));
}

// How long until CreateOrg(`id`) succeeds, polling; kHealBound when never.
absl::Duration TimeUntilCreated(const Client& admin, const std::string& id) {
  const absl::Time start = absl::Now();
  while (!admin.CreateOrg(OrgProto(id)).ok()) {
    if (absl::Now() - start > kHealBound) return absl::InfiniteDuration();
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::Now() - start;
}

class SlowNetworkFaultTest : public ::testing::Test {
 protected:
  const std::string direct_url_ = FreshDatabaseUrl();
  TcpRelay relay_{PortOfUrl(direct_url_)};
  ServerUnderTest server_{WithPort(direct_url_, relay_.port())};
  Client admin_{server_.NewChannel(), server_.admin_key(), kCallDeadline};
};

TEST_F(SlowNetworkFaultTest, LatencyEndsCallsAtDeadlineAndHeals) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("before")), IsOk());

  relay_.SetLatency(kLatency);
  const absl::Time start = absl::Now();
  EXPECT_THAT(admin_.CreateOrg(OrgProto("slow")), EndsAtDeadline());
  const absl::Duration took = absl::Now() - start;
  EXPECT_LE(took, kCallDeadline + kLateness);

  relay_.Heal();
  const absl::Duration healed = TimeUntilCreated(admin_, "after-latency");
  std::cout << "slow network: the slow call ended after " << took
            << "; healed after " << healed << std::endl;
  EXPECT_LE(healed, kHealBound);
}

TEST_F(SlowNetworkFaultTest, FrozenConnectionEndsCallsAtDeadlineAndHeals) {
  ASSERT_THAT(admin_.CreateOrg(OrgProto("before")), IsOk());

  relay_.Freeze();
  std::vector<absl::Status> outcomes(kFrozenCalls);
  std::vector<absl::Duration> durations(kFrozenCalls);
  std::vector<std::thread> callers;
  for (int i = 0; i < kFrozenCalls; ++i) {
    callers.emplace_back([&, i] {
      const absl::Time start = absl::Now();
      outcomes[i] =
          admin_.CreateOrg(OrgProto(absl::StrCat("frozen-", i))).status();
      durations[i] = absl::Now() - start;
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < kFrozenCalls; ++i) {
    EXPECT_THAT(outcomes[i], EndsAtDeadline()) << "call " << i;
    EXPECT_LE(durations[i], kCallDeadline + kLateness) << "call " << i;
  }

  relay_.Heal();
  const absl::Duration healed = TimeUntilCreated(admin_, "after-freeze");
  std::cout << "half-open network: " << kFrozenCalls
            << " calls ended at their deadline; healed after " << healed
            << std::endl;
  EXPECT_LE(healed, kHealBound);
  EXPECT_THAT(admin_.GetOrg("after-freeze"), IsOk());
}

}  // namespace
}  // namespace identity::testing
