#include "service/auth/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/error_details.h"

namespace identity {
namespace {

// ::ffff:0:0/96, the IPv4-mapped addresses.
constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0,    0,
                                       0, 0, 0, 0, 0xff, 0xff};

absl::Status NotAnAddress(absl::string_view field) {
  return InvalidFieldError(
      field, absl::StrCat(field, " must be an IPv4 or IPv6 address"));
}

}  // namespace

absl::StatusOr<IpAddress> IpAddress::Parse(absl::string_view field,
                                           absl::string_view text) {
  if (text.empty() || text.size() > kMaxIpAddressLength) {
    return NotAnAddress(field);
  }
  // inet_pton reads up to a NUL, so an embedded one must not cut it short.
  if (text.find('\0') != absl::string_view::npos) return NotAnAddress(field);
  const std::string terminated(text);
  IpAddress address;
  if (inet_pton(AF_INET, terminated.c_str(), address.bytes_.data()) == 1) {
    address.is_v4_ = true;
    return address;
  }
  if (inet_pton(AF_INET6, terminated.c_str(), address.bytes_.data()) != 1) {
    return NotAnAddress(field);
  }
  if (std::memcmp(address.bytes_.data(), kMappedPrefix,
                  sizeof(kMappedPrefix)) == 0) {
    std::memmove(address.bytes_.data(), address.bytes_.data() + 12, 4);
    std::memset(address.bytes_.data() + 4, 0, 12);
    address.is_v4_ = true;
  }
  return address;
}

std::optional<IpAddress> IpAddress::OfGrpcPeer(absl::string_view peer) {
  absl::string_view host = peer;
  if (absl::ConsumePrefix(&host, "ipv6:")) {
    // gRPC writes the peer as a URI, its brackets percent-encoded:
    // "ipv6:%5B::1%5D:5000"; older versions wrote them plain.
    const bool encoded = absl::StartsWithIgnoreCase(host, "%5B");
    if (!encoded && !absl::ConsumePrefix(&host, "[")) return std::nullopt;
    if (encoded) host.remove_prefix(3);
    const size_t end =
        encoded ? absl::AsciiStrToUpper(host).find("%5D") : host.find(']');
    if (end == absl::string_view::npos) return std::nullopt;
    host = host.substr(0, end);
  } else if (absl::ConsumePrefix(&host, "ipv4:")) {
    host = host.substr(0, host.rfind(':'));
  } else {
    return std::nullopt;
  }
  absl::StatusOr<IpAddress> address = Parse("peer", host);
  if (!address.ok()) return std::nullopt;
  return *address;
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN];
  inet_ntop(is_v4_ ? AF_INET : AF_INET6, bytes_.data(), text, sizeof(text));
  return text;
}

absl::StatusOr<IpRange> IpRange::Parse(absl::string_view field,
                                       absl::string_view text) {
  const size_t slash = text.find('/');
  absl::StatusOr<IpAddress> network =
      IpAddress::Parse(field, text.substr(0, slash));
  if (!network.ok()) {
    return InvalidFieldError(
        field, absl::StrCat(field, " must be an IP address or CIDR range (",
                            "10.0.0.0/8, fd00::/8), not \"", text, "\""));
  }
  const int bits = network->is_v4() ? 32 : 128;
  if (slash == absl::string_view::npos) return IpRange(*network, bits);
  int prefix_bits = -1;
  if (!absl::SimpleAtoi(text.substr(slash + 1), &prefix_bits) ||
      prefix_bits < 0 || prefix_bits > bits) {
    return InvalidFieldError(
        field, absl::StrCat(field, ": the prefix length of \"", text,
                            "\" must be 0 to ", bits));
  }
  return IpRange(*network, prefix_bits);
}

bool IpRange::Contains(const IpAddress& address) const {
  if (address.is_v4() != network_.is_v4()) return false;
  const auto& ours = network_.bytes();
  const auto& theirs = address.bytes();
  int bits = prefix_bits_;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask =
        bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((ours[i] & mask) != (theirs[i] & mask)) return false;
  }
  return true;
}

}  // namespace identity
