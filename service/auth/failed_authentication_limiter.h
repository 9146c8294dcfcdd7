// A token bucket per peer address for failed authentications, so that one
// host guessing or replaying keys cannot make the server look each of them up.
// Keyed by IP address without the port: a client's new connections share one
// bucket. Calls authenticated from memory never touch it.
//
//   FailedAuthenticationLimiter limiter({/*per_second=*/20, /*burst=*/100});
//   if (limiter.Exhausted(peer)) return absl::ResourceExhaustedError(...);
//   ...;  // authentication failed:
//   limiter.Charge(peer);
#ifndef IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_
#define IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_

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
    // Failures a peer may have per second, on average.
    double per_second = 20;
    // Failures a peer may have at once, after a quiet time.
    double burst = 100;
    // Peers tracked at most; past it, every bucket starts full again (a
    // host with that many addresses is not stopped by a per-address limit
    // anyway).
    size_t max_peers = 100'000;
  };

  explicit FailedAuthenticationLimiter(Limits limits) : limits_(limits) {}

  // Whether `peer` (gRPC's form, "ipv4:10.0.0.1:5000") has used up its
  // failures for now.
  bool Exhausted(absl::string_view peer, absl::Time now = absl::Now()) const;
  // Counts one failed authentication of `peer`.
  void Charge(absl::string_view peer, absl::Time now = absl::Now());

  // The address part of gRPC's peer string: "ipv4:10.0.0.1:5000" and
  // "ipv6:[::1]:5000" give "10.0.0.1" and "::1"; anything else is kept whole.
  static absl::string_view HostOf(absl::string_view peer);

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };
  // `bucket` refilled up to `now`.
  Bucket Refilled(Bucket bucket, absl::Time now) const;

  const Limits limits_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_FAILED_AUTHENTICATION_LIMITER_H_
