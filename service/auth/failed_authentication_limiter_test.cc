#include "service/auth/failed_authentication_limiter.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace identity {
namespace {

using AddressKind = FailedAuthenticationLimiter::AddressKind;

constexpr AddressKind kPeer = AddressKind::kPeer;
constexpr AddressKind kClaimed = AddressKind::kClaimed;
constexpr char kPeerAddress[] = "ipv4:10.0.0.1:5000";

TEST(FailedAuthenticationLimiterTest, AllowsTheBurstThenRefuses) {
  FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
  const absl::Time now = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(limiter.Exhausted(kPeer, kPeerAddress, now)) << i;
    limiter.Charge(kPeer, kPeerAddress, now);
  }
  EXPECT_TRUE(limiter.Exhausted(kPeer, kPeerAddress, now));
}

TEST(FailedAuthenticationLimiterTest, RefillsAtTheRate) {
  FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
  const absl::Time now = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 100; ++i) limiter.Charge(kPeer, kPeerAddress, now);
  EXPECT_TRUE(
      limiter.Exhausted(kPeer, kPeerAddress, now + absl::Milliseconds(40)));
  EXPECT_FALSE(
      limiter.Exhausted(kPeer, kPeerAddress, now + absl::Milliseconds(50)));
}

TEST(FailedAuthenticationLimiterTest, SharesOneBucketAcrossPortsOnly) {
  FailedAuthenticationLimiter limiter({/*per_second=*/1, /*burst=*/1});
  const absl::Time now = absl::FromUnixSeconds(1000);
  limiter.Charge(kPeer, "ipv4:10.0.0.1:5000", now);
  EXPECT_TRUE(limiter.Exhausted(kPeer, "ipv4:10.0.0.1:6000", now));
  EXPECT_FALSE(limiter.Exhausted(kPeer, "ipv4:10.0.0.2:5000", now));
}

// An address claimed for someone else, even a real caller's, counts in
// buckets of its own: claims cannot lock a caller out.
TEST(FailedAuthenticationLimiterTest, ClaimedAddressesNeverTouchPeers) {
  FailedAuthenticationLimiter limiter({/*per_second=*/1, /*burst=*/1});
  const absl::Time now = absl::FromUnixSeconds(1000);
  limiter.Charge(kClaimed, "10.0.0.1", now);
  EXPECT_TRUE(limiter.Exhausted(kClaimed, "10.0.0.1", now));
  EXPECT_FALSE(limiter.Exhausted(kPeer, kPeerAddress, now));

  limiter.Charge(kPeer, "ipv4:10.0.0.2:5000", now);
  EXPECT_FALSE(limiter.Exhausted(kClaimed, "10.0.0.2", now));
}

// Before, past max_peers every bucket started full again: 100,000 new
// addresses reset an exhausted one.
TEST(FailedAuthenticationLimiterTest, NewAddressesCannotResetAnExhaustedOne) {
  FailedAuthenticationLimiter limiter(
      {/*per_second=*/20, /*burst=*/100, /*max_addresses=*/1000});
  const absl::Time now = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 100; ++i) limiter.Charge(kPeer, kPeerAddress, now);
  ASSERT_TRUE(limiter.Exhausted(kPeer, kPeerAddress, now));

  for (int i = 0; i < 100'000; ++i) {
    limiter.Charge(
        kPeer,
        absl::StrCat("ipv4:10.1.", i / 256 % 256, ".", i % 256, ":", i / 65536),
        now);
  }

  EXPECT_TRUE(limiter.Exhausted(kPeer, kPeerAddress, now));
  EXPECT_EQ(limiter.TrackedAddresses(kPeer), 1000u);
}

TEST(FailedAuthenticationLimiterTest, NewAddressesShareAnOverflowWhenFull) {
  FailedAuthenticationLimiter limiter(
      {/*per_second=*/20, /*burst=*/100, /*max_addresses=*/2});
  const absl::Time now = absl::FromUnixSeconds(1000);
  limiter.Charge(kClaimed, "10.0.0.1", now);
  limiter.Charge(kClaimed, "10.0.0.2", now);

  // Neither has refilled: a hundred new addresses drain one shared bucket.
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(limiter.Exhausted(kClaimed, absl::StrCat("10.9.0.", i), now));
    limiter.Charge(kClaimed, absl::StrCat("10.9.0.", i), now);
  }
  EXPECT_TRUE(limiter.Exhausted(kClaimed, "10.9.1.1", now));
  EXPECT_EQ(limiter.TrackedAddresses(kClaimed), 2u);
  // The peers' table is apart, with room.
  EXPECT_FALSE(limiter.Exhausted(kPeer, "ipv4:10.9.1.1:5000", now));
}

TEST(FailedAuthenticationLimiterTest, ARefilledBucketMakesRoom) {
  FailedAuthenticationLimiter limiter(
      {/*per_second=*/20, /*burst=*/100, /*max_addresses=*/2});
  const absl::Time now = absl::FromUnixSeconds(1000);
  limiter.Charge(kPeer, "ipv4:10.0.0.1:1", now);
  for (int i = 0; i < 100; ++i) limiter.Charge(kPeer, "ipv4:10.0.0.2:1", now);

  // 10.0.0.1 is full again 50 ms later and gives way; 10.0.0.2 stays.
  const absl::Time later = now + absl::Milliseconds(50);
  limiter.Charge(kPeer, "ipv4:10.0.0.3:1", later);

  EXPECT_EQ(limiter.TrackedAddresses(kPeer), 2u);
  // It earned one token back, no more: it kept its bucket.
  limiter.Charge(kPeer, "ipv4:10.0.0.2:1", later);
  EXPECT_TRUE(limiter.Exhausted(kPeer, "ipv4:10.0.0.2:1", later));
  // The newcomer has a bucket of its own, not the overflow's.
  for (int i = 0; i < 99; ++i) limiter.Charge(kPeer, "ipv4:10.0.0.3:1", later);
  EXPECT_TRUE(limiter.Exhausted(kPeer, "ipv4:10.0.0.3:1", later));
  EXPECT_FALSE(limiter.Exhausted(kPeer, "ipv4:10.0.0.4:1", later));
}

TEST(FailedAuthenticationLimiterTest, ReadsTheHostOfEachPeerForm) {
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv4:10.0.0.1:5000"),
            "10.0.0.1");
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv6:[::1]:5000"), "::1");
  // gRPC 1.51's form. Before, it was kept whole, port and all, so that each
  // new connection of an IPv6 client had a bucket of its own.
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv6:%5B::1%5D:5000"), "::1");
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("ipv6:%5B0:0::1%5D:6000"),
            "::1");
  EXPECT_EQ(FailedAuthenticationLimiter::HostOf("unix:/tmp/s"), "unix:/tmp/s");
}

}  // namespace
}  // namespace identity
