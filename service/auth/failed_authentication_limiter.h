// Token buckets of failed authentications per address, so that one host
// guessing or replaying keys cannot make the server look each of them up.
// Two kinds of address, each with buckets of its own:
// * kPeer, where a call came from (gRPC's peer), keyed by IP without the
//   port: a client's new connections share one bucket;
// * kClaimed, the client an authorizer says it asks about (an Envoy Check's
//   source address): a claim can neither drain nor refill a real caller's
//   bucket, whatever address it names.
// Calls authenticated from memory never touch it.
//
// Memory is bounded by max_addresses buckets of each kind. A bucket that
// refilled to full holds nothing a new one would not, so the least recently
// charged bucket gives way to a new address once it is full again; while it
// is not, new addresses share one overflow bucket. Flooding with new
// addresses therefore never resets an exhausted bucket: it drains the
// overflow.
//
//   FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
//   using Kind = FailedAuthenticationLimiter::AddressKind;
//   if (limiter.Exhausted(Kind::kPeer, peer)) return TooManyFailures();
//   ...;  // authentication failed:
//   limiter.Charge(Kind::kPeer, peer);
#ifndef IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_
#define IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_

#include <list>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace identity {

class FailedAuthenticationLimiter {
 public:
  struct Limits {
    // Failures an address may have per second, on average.
    double per_second = 20;
    // Failures an address may have at once, after a quiet time.
    double burst = 100;
    // Buckets of each kind at most.
    size_t max_addresses = 100'000;
  };

  enum class AddressKind {
    // gRPC's peer string of a call, "ipv4:10.0.0.1:5000".
    kPeer,
    // An address a request claims for someone else: a bounded string, such
    // as IpAddress::ToString's.
    kClaimed,
  };

  explicit FailedAuthenticationLimiter(Limits limits)
      : limits_(limits), peers_(limits_), claimed_(limits_) {}

  // Whether `address` has used up its failures for now.
  bool Exhausted(AddressKind kind, absl::string_view address,
                 absl::Time now = absl::Now()) const;
  // Counts one failed authentication of `address`.
  void Charge(AddressKind kind, absl::string_view address,
              absl::Time now = absl::Now());
  // Addresses of `kind` that have a bucket of their own: what the limiter
  // holds in memory.
  size_t TrackedAddresses(AddressKind kind) const;

  // The address part of gRPC's peer string, in canonical form:
  // "ipv4:10.0.0.1:5000" and "ipv6:%5B::1%5D:5000" give "10.0.0.1" and
  // "::1"; anything else (a Unix socket, a claimed address) is kept whole.
  static std::string HostOf(absl::string_view peer);

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };

  // The buckets of one kind of address, least recently charged first.
  class BucketTable {
   public:
    explicit BucketTable(const Limits& limits)
        : limits_(limits), overflow_{limits.burst, absl::InfinitePast()} {}

    bool Exhausted(absl::string_view address, absl::Time now) const;
    void Charge(absl::string_view address, absl::Time now);
    size_t size() const;

   private:
    struct Entry {
      std::string address;
      Bucket bucket;
    };
    using Entries = std::list<Entry>;

    // `bucket` refilled up to `now`.
    Bucket Refilled(Bucket bucket, absl::Time now) const;
    // Whether a new address would get a bucket of its own now.
    bool HasRoom(absl::Time now) const ABSL_SHARED_LOCKS_REQUIRED(mu_);

    const Limits& limits_;
    mutable absl::Mutex mu_;
    Entries entries_ ABSL_GUARDED_BY(mu_);
    absl::flat_hash_map<std::string, Entries::iterator> index_
        ABSL_GUARDED_BY(mu_);
    // Shared by the addresses that found no room.
    Bucket overflow_ ABSL_GUARDED_BY(mu_);
  };

  const BucketTable& TableOf(AddressKind kind) const {
    return kind == AddressKind::kPeer ? peers_ : claimed_;
  }
  BucketTable& TableOf(AddressKind kind) {
    return kind == AddressKind::kPeer ? peers_ : claimed_;
  }

  const Limits limits_;
  BucketTable peers_;
  BucketTable claimed_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_
