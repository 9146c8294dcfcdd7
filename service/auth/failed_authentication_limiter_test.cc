#include "service/auth/failed_authentication_limiter.h"

#include <gtest/gtest.h>

namespace identity {
namespace {

constexpr char kPeer[] = "ipv4:10.0.0.1:5000";

TEST(FailedAuthenticationLimiterTest, AllowsTheBurstThenRefuses) {
  FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
  const absl::Time now = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(limiter.Exhausted(kPeer, now)) << i;
    limiter.Charge(kPeer, now);
  }
  EXPECT_TRUE(limiter.Exhausted(kPeer, now));
}

TEST(FailedAuthenticationLimiterTest, RefillsAtTheRate) {
  FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
  const absl::Time now = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 100; ++i) limiter.Charge(kPeer, now);
  EXPECT_TRUE(limiter.Exhausted(kPeer, now + absl::Milliseconds(40)));
  EXPECT_FALSE(limiter.Exhausted(kPeer, now + absl::Milliseconds(50)));
}

TEST(FailedAuthenticationLimiterTest, SharesOneBucketAcrossPortsOnly) {
  FailedAuthenticationLimiter limiter({/*per_second=*/1, /*burst=*/1});
  const absl::Time now = absl::FromUnixSeconds(1000);
  limiter.Charge("ipv4:10.0.0.1:5000", now);
  EXPECT_TRUE(limiter.Exhausted("ipv4:10.0.0.1:6000", now));
  EXPECT_FALSE(limiter.Exhausted("ipv4:10.0.0.2:5000", now));
}

TEST(FailedAuthenticationLimiterTest, ReadsTheHostOfEachPeerForm) {
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv4:10.0.0.1:5000"),
            "10.0.0.1");
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv6:[::1]:5000"), "::1");
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("unix:/tmp/s"), "unix:/tmp/s");
}

}  // namespace
}  // namespace identity
