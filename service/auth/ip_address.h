// IPv4 and IPv6 addresses and ranges, parsed strictly: what an authorizer
// claims for the client of a request it asks about, and which peers may ask
// (CIDR allow-lists). An IPv4-mapped IPv6 address is its IPv4 address, so
// that a dual-stack listener's "::ffff:10.0.0.1" matches "10.0.0.0/8".
//
//   ASSIGN_OR_RETURN(IpAddress address, IpAddress::Parse("field", "::1"));
//   address.ToString();  // "::1", the canonical form: at most 45 characters
//   ASSIGN_OR_RETURN(IpRange loopback, IpRange::Parse("field", "127.0.0.0/8"));
//   loopback.Contains(address);  // false
#ifndef IDENTITY_SERVICE_AUTH_IP_ADDRESS_H_
#define IDENTITY_SERVICE_AUTH_IP_ADDRESS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace identity {

// The longest text form of an IPv6 address (an IPv4 tail included), as
// INET6_ADDRSTRLEN without its NUL.
inline constexpr size_t kMaxIpAddressLength = 45;

class IpAddress {
 public:
  // `text` as an address: an IPv4 dotted quad or an IPv6 address of at most
  // kMaxIpAddressLength characters, without port, brackets or zone.
  // INVALID_ARGUMENT naming `field` otherwise.
  static absl::StatusOr<IpAddress> Parse(absl::string_view field,
                                         absl::string_view text);
  // The address of gRPC's peer string ("ipv4:10.0.0.1:5000",
  // "ipv6:%5B::1%5D:5000", or "ipv6:[::1]:5000" as gRPC once wrote it);
  // nullopt for any other peer (a Unix socket).
  static std::optional<IpAddress> OfGrpcPeer(absl::string_view peer);

  // The canonical text form ("::1", never "0:0:0:0:0:0:0:1"): one address,
  // one string.
  std::string ToString() const;

  bool is_v4() const { return is_v4_; }
  // Network byte order; an IPv4 address in the first 4 bytes.
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }

 private:
  IpAddress() = default;

  bool is_v4_ = false;
  std::array<uint8_t, 16> bytes_{};
};

class IpRange {
 public:
  // "10.0.0.0/8", "fd00::/8", or one address ("10.1.2.3", "::1").
  // INVALID_ARGUMENT naming `field` for anything else, or a prefix length
  // beyond the address's bits.
  static absl::StatusOr<IpRange> Parse(absl::string_view field,
                                       absl::string_view text);

  // Whether `address` is of this range (never across IPv4 and IPv6).
  bool Contains(const IpAddress& address) const;

 private:
  explicit IpRange(IpAddress network, int prefix_bits)
      : network_(network), prefix_bits_(prefix_bits) {}

  IpAddress network_;
  int prefix_bits_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_IP_ADDRESS_H_
