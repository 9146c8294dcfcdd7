#include "service/grpc/call_activity.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"

namespace identity {
namespace {

TEST(CallActivityTest, RemembersWhenTheLastCallFinished) {
  CallActivity activity;
  EXPECT_EQ(activity.last_call(), absl::InfinitePast());

  const absl::Time before = absl::Now();
  activity.OnCallFinished(FinishedCall{});
  const absl::Time after = absl::Now();

  EXPECT_GE(activity.last_call(), before);
  EXPECT_LE(activity.last_call(), after);
}

}  // namespace
}  // namespace identity
