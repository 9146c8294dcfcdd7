#include "service/auth/failed_authentication_limiter.h"

#include <algorithm>
#include <optional>

#include "service/auth/ip_address.h"

namespace identity {

std::string FailedAuthenticationLimiter::HostOf(absl::string_view peer) {
  std::optional<IpAddress> address = IpAddress::OfGrpcPeer(peer);
  return address ? address->ToString() : std::string(peer);
}

bool FailedAuthenticationLimiter::Exhausted(AddressKind kind,
                                            absl::string_view address,
                                            absl::Time now) const {
  return TableOf(kind).Exhausted(HostOf(address), now);
}

void FailedAuthenticationLimiter::Charge(AddressKind kind,
                                         absl::string_view address,
                                         absl::Time now) {
  TableOf(kind).Charge(HostOf(address), now);
}

size_t FailedAuthenticationLimiter::TrackedAddresses(AddressKind kind) const {
  return TableOf(kind).size();
}

FailedAuthenticationLimiter::Bucket
FailedAuthenticationLimiter::BucketTable::Refilled(Bucket bucket,
                                                   absl::Time now) const {
  const double elapsed = absl::ToDoubleSeconds(
      std::max(now - bucket.updated, absl::ZeroDuration()));
  bucket.tokens =
      std::min(limits_.burst, bucket.tokens + elapsed * limits_.per_second);
  bucket.updated = std::max(bucket.updated, now);
  return bucket;
}

bool FailedAuthenticationLimiter::BucketTable::HasRoom(absl::Time now) const {
  return entries_.size() < limits_.max_addresses ||
         (!entries_.empty() &&
          Refilled(entries_.front().bucket, now).tokens >= limits_.burst);
}

bool FailedAuthenticationLimiter::BucketTable::Exhausted(
    absl::string_view address, absl::Time now) const {
  absl::MutexLock lock(&mu_);
  if (auto it = index_.find(address); it != index_.end()) {
    return Refilled(it->second->bucket, now).tokens < 1;
  }
  // A new address starts full when it gets a bucket of its own, and shares
  // the overflow's when it cannot.
  if (HasRoom(now)) return false;
  return Refilled(overflow_, now).tokens < 1;
}

void FailedAuthenticationLimiter::BucketTable::Charge(absl::string_view address,
                                                      absl::Time now) {
  absl::MutexLock lock(&mu_);
  auto it = index_.find(address);
  Bucket* bucket;
  if (it != index_.end()) {
    entries_.splice(entries_.end(), entries_, it->second);
    bucket = &it->second->bucket;
  } else if (HasRoom(now)) {
    if (entries_.size() >= limits_.max_addresses) {
      index_.erase(entries_.front().address);
      entries_.pop_front();
    }
    entries_.push_back(Entry{std::string(address), Bucket{limits_.burst, now}});
    index_.emplace(entries_.back().address, std::prev(entries_.end()));
    bucket = &entries_.back().bucket;
  } else {
    bucket = &overflow_;
  }
  *bucket = Refilled(*bucket, now);
  bucket->tokens = std::max(0.0, bucket->tokens - 1);
}

size_t FailedAuthenticationLimiter::BucketTable::size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace identity
