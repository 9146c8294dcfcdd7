#include "service/grpc/call_registry.h"

#include <gtest/gtest.h>

#include <memory>

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

CallContext CallOf(const std::string& user_id) {
  auto user = std::make_shared<Principal>();
  user->id = user_id;
  CallContext call;
  call.effective_user = std::move(user);
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

}  // namespace
}  // namespace identity
