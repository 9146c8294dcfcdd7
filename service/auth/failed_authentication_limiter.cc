#include "service/auth/failed_authentication_limiter.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace identity {

absl::string_view FailedAuthenticationLimiter::HostOf(absl::string_view peer) {
  absl::string_view host = peer;
  if (absl::ConsumePrefix(&host, "ipv6:[")) {
    const size_t end = host.find(']');
    return end == absl::string_view::npos ? peer : host.substr(0, end);
  }
  if (absl::ConsumePrefix(&host, "ipv4:")) {
    const size_t colon = host.rfind(':');
    return colon == absl::string_view::npos ? host : host.substr(0, colon);
  }
  return peer;
}

FailedAuthenticationLimiter::Bucket FailedAuthenticationLimiter::Refilled(
    Bucket bucket, absl::Time now) const {
  const double elapsed = absl::ToDoubleSeconds(
      std::max(now - bucket.updated, absl::ZeroDuration()));
  bucket.tokens =
      std::min(limits_.burst, bucket.tokens + elapsed * limits_.per_second);
  bucket.updated = std::max(bucket.updated, now);
  return bucket;
}

bool FailedAuthenticationLimiter::Exhausted(absl::string_view peer,
                                            absl::Time now) const {
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(HostOf(peer));
  if (it == buckets_.end()) return false;
  return Refilled(it->second, now).tokens < 1;
}

void FailedAuthenticationLimiter::Charge(absl::string_view peer,
                                         absl::Time now) {
  absl::MutexLock lock(&mu_);
  const absl::string_view host = HostOf(peer);
  auto it = buckets_.find(host);
  if (it == buckets_.end()) {
    if (buckets_.size() >= limits_.max_peers) buckets_.clear();
    it = buckets_.emplace(host, Bucket{limits_.burst, now}).first;
  }
  Bucket bucket = Refilled(it->second, now);
  bucket.tokens = std::max(0.0, bucket.tokens - 1);
  it->second = bucket;
}

}  // namespace identity
