#include "service/grpc/call_registry.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/status_matchers.h"

namespace identity {
namespace {

// What the interceptor publishes when only the store can decide.
CallRegistry::Admission Undecided() {
  auto admission = std::make_shared<CallAdmission>();
  admission->credentials.authorization = {"Bearer idk_unknown"};
  admission->credentials.peer = "ipv4:127.0.0.1:5000";
  return admission;
}

// What the interceptor publishes when memory alone refused the call.
CallRegistry::Admission Refused(const std::string& why) {
  auto admission = std::make_shared<CallAdmission>();
  admission->decided = absl::PermissionDeniedError(why);
  return admission;
}

CallContext CallOf(const std::string& user_id) {
  auto user = std::make_shared<UserPrincipal>();
  user->id = user_id;
  auto holder = std::make_shared<KeyPrincipal>();
  holder->owner = std::move(user);
  CallContext call;
  call.key_holder = std::move(holder);
  return call;
}

TEST(CallRegistryTest, SettleRecordsTheStoresDecisionForLaterLookups) {
  CallRegistry registry;
  int call = 0;
  int owner = 0;
  registry.Publish(&call, &owner, Undecided());
  ASSERT_FALSE(registry.Find(&call)->decided.has_value());

  registry.Settle(&call, CallOf("jack"));

  CallRegistry::Admission found = registry.Find(&call);
  ASSERT_NE(found, nullptr);
  ASSERT_TRUE(found->decided.has_value());
  ASSERT_THAT(*found->decided, IsOk());
  EXPECT_EQ((*found->decided)->user().id, "jack");
  EXPECT_EQ(found->credentials.peer, "ipv4:127.0.0.1:5000");
  // Still the publisher's entry: its Withdraw removes it.
  registry.Withdraw(&call, &owner);
  EXPECT_EQ(registry.Find(&call), nullptr);
}

TEST(CallRegistryTest, SettleOfAnUnpublishedCallPublishesNothing) {
  CallRegistry registry;
  int call = 0;
  registry.Settle(&call, absl::UnauthenticatedError("invalid access key"));
  EXPECT_EQ(registry.Find(&call), nullptr);
}

TEST(CallRegistryTest, ALateWithdrawLeavesANewerCallsDecision) {
  CallRegistry registry;
  int call = 0, first_owner = 0, second_owner = 0;
  registry.Publish(&call, &first_owner, Refused("first"));
  registry.Publish(&call, &second_owner, Refused("second"));
  registry.Withdraw(&call, &first_owner);
  ASSERT_NE(registry.Find(&call), nullptr);
  EXPECT_EQ(registry.Find(&call)->decided->status().message(), "second");
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
        registry.Publish(call, &wrong[t], Refused(why));
        CallRegistry::Admission found = registry.Find(call);
        if (found == nullptr || found->decided->status().message() != why) {
          ++wrong[t];
        }
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
