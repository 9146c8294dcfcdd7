#include "service/auth/ip_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;

std::string Canonical(absl::string_view text) {
  absl::StatusOr<IpAddress> address = IpAddress::Parse("address", text);
  return address.ok() ? address->ToString() : address.status().ToString();
}

TEST(IpAddressTest, ParsesEachFamilyToOneCanonicalForm) {
  EXPECT_EQ(Canonical("10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(Canonical("::1"), "::1");
  EXPECT_EQ(Canonical("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(Canonical("2001:DB8::1"), "2001:db8::1");
  EXPECT_EQ(Canonical("::ffff:10.1.2.3"), "10.1.2.3");
  const std::string longest = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
  ASSERT_EQ(longest.size(), kMaxIpAddressLength);
  EXPECT_EQ(Canonical(longest), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

TEST(IpAddressTest, RefusesAnythingButOneAddressNamingTheField) {
  for (const std::string& text :
       {std::string(), std::string("10.1.2"), std::string("10.1.2.3:80"),
        std::string("[::1]"), std::string("fe80::1%eth0"),
        std::string("host.example.com"), std::string("10.1.2.3\0", 9),
        std::string(" 10.1.2.3"), std::string(3 << 20, '1')}) {
    EXPECT_THAT(IpAddress::Parse("source.address", text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("source.address")))
        << text.substr(0, 64);
  }
}

TEST(IpAddressTest, ReadsTheAddressOfGrpcPeers) {
  EXPECT_EQ(IpAddress::OfGrpcPeer("ipv4:10.0.0.1:5000")->ToString(),
            "10.0.0.1");
  EXPECT_EQ(IpAddress::OfGrpcPeer("ipv6:[::1]:5000")->ToString(), "::1");
  EXPECT_EQ(IpAddress::OfGrpcPeer("ipv6:%5B::1%5D:5000")->ToString(), "::1");
  EXPECT_EQ(IpAddress::OfGrpcPeer("ipv6:%5bfd00::2%5d:5000")->ToString(),
            "fd00::2");
  EXPECT_FALSE(IpAddress::OfGrpcPeer("ipv6:%5B::1:5000").has_value());
  EXPECT_EQ(IpAddress::OfGrpcPeer("ipv6:[::ffff:127.0.0.1]:5000")->ToString(),
            "127.0.0.1");
  EXPECT_FALSE(IpAddress::OfGrpcPeer("unix:/tmp/socket").has_value());
  EXPECT_FALSE(IpAddress::OfGrpcPeer("10.0.0.1").has_value());
}

bool InRange(absl::string_view range, absl::string_view address) {
  return IpRange::Parse("range", range)
      ->Contains(*IpAddress::Parse("address", address));
}

TEST(IpRangeTest, MatchesItsPrefixWithinOneFamily) {
  EXPECT_TRUE(InRange("10.0.0.0/8", "10.255.0.1"));
  EXPECT_FALSE(InRange("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(InRange("192.168.1.128/25", "192.168.1.200"));
  EXPECT_FALSE(InRange("192.168.1.128/25", "192.168.1.100"));
  EXPECT_TRUE(InRange("127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(InRange("127.0.0.1", "127.0.0.6"));
  EXPECT_TRUE(InRange("fd00::/8", "fd12::7"));
  EXPECT_TRUE(InRange("::1", "::1"));
  EXPECT_TRUE(InRange("0.0.0.0/0", "203.0.113.9"));
  EXPECT_FALSE(InRange("0.0.0.0/0", "::1"));
  EXPECT_TRUE(InRange("127.0.0.0/8", "::ffff:127.0.0.1"));
}

TEST(IpRangeTest, RefusesMalformedRangesNamingTheField) {
  for (const char* text : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                           "10.0.0/8", "*", ""}) {
    EXPECT_THAT(IpRange::Parse("--ext_authz_allowed_peers", text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("--ext_authz_allowed_peers")))
        << text;
  }
}

}  // namespace
}  // namespace identity
