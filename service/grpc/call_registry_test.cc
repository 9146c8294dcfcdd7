#include "service/grpc/call_registry.h"

#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace identity {
namespace {

CallRegistry::Decision Refused(const char* why) {
  return std::make_shared<const absl::StatusOr<CallContext>>(
      absl::PermissionDeniedError(why));
}

TEST(CallRegistryTest, ALateWithdrawLeavesANewerCallsDecision) {
  CallRegistry registry;
  int call = 0, first_owner = 0, second_owner = 0;
  registry.Publish(&call, &first_owner, Refused("first"));
  registry.Publish(&call, &second_owner, Refused("second"));
  registry.Withdraw(&call, &first_owner);
  ASSERT_NE(registry.Find(&call), nullptr);
  EXPECT_EQ(registry.Find(&call)->status().message(), "second");
  registry.Withdraw(&call, &second_owner);
  EXPECT_EQ(registry.Find(&call), nullptr);
}

// Under ThreadSanitizer (.ci/run's tsan lane) this is the registry's race
// test: threads publish, find and withdraw their own calls at once, as the
// interceptor and the handlers of concurrent calls do, and each finds only
// its own decision.
TEST(CallRegistryTest, ConcurrentCallsEachFindTheirOwnDecision) {
  constexpr int kThreads = 8;
  constexpr int kCallsEach = 2000;
  CallRegistry registry;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<int> calls(16);  // addresses reused, as contexts are
      for (int i = 0; i < kCallsEach; ++i) {
        const void* call = &calls[i % calls.size()];
        const std::string why = std::to_string(t) + "/" + std::to_string(i);
        registry.Publish(call, &wrong[t], Refused(why.c_str()));
        CallRegistry::Decision found = registry.Find(call);
        if (found == nullptr || found->status().message() != why) ++wrong[t];
        registry.Withdraw(call, &wrong[t]);
        if (registry.Find(call) != nullptr) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace identity
