#include "service/auth/identity_cache.h"

#include "base/metric_definitions.h"

namespace identity {

IdentityCache::IdentityCache(size_t max_entries, Metrics* metrics,
                             absl::Duration unknown_key_ttl)
    : max_entries_(max_entries),
      key_hits_(metrics->Counter(kAuthCacheLookups,
                                 {{"kind", "key"}, {"result", "hit"}})),
      key_misses_(metrics->Counter(kAuthCacheLookups,
                                   {{"kind", "key"}, {"result", "miss"}})),
      user_hits_(metrics->Counter(kAuthCacheLookups,
                                  {{"kind", "user"}, {"result", "hit"}})),
      user_misses_(metrics->Counter(kAuthCacheLookups,
                                    {{"kind", "user"}, {"result", "miss"}})),
      unknown_key_ttl_(unknown_key_ttl) {}

std::shared_ptr<const CachedKey> IdentityCache::FindKey(
    absl::string_view key_hash) const {
  std::shared_ptr<const CachedKey> found;
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = live_ ? keys_.find(key_hash) : keys_.end();
    if (it != keys_.end()) found = it->second;
  }
  (found != nullptr ? key_hits_ : key_misses_).Add();
  return found;
}

std::shared_ptr<const UserPrincipal> IdentityCache::FindUser(
    absl::string_view user_id) const {
  std::shared_ptr<const UserPrincipal> found;
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = live_ ? users_.find(user_id) : users_.end();
    if (it != users_.end()) found = it->second;
  }
  (found != nullptr ? user_hits_ : user_misses_).Add();
  return found;
}

bool IdentityCache::IsUnknownKey(absl::string_view key_hash) const {
  absl::ReaderMutexLock lock(&mu_);
  if (!live_) return false;
  auto it = unknown_keys_.find(key_hash);
  return it != unknown_keys_.end() && absl::Now() < it->second;
}

uint64_t IdentityCache::generation() const {
  absl::ReaderMutexLock lock(&mu_);
  return generation_;
}

void IdentityCache::PutKey(uint64_t generation,
                           std::shared_ptr<const CachedKey> entry) {
  absl::MutexLock lock(&mu_);
  if (!live_ || generation != generation_) return;
  if (keys_.size() + users_.size() >= max_entries_) ClearLocked();
  const std::shared_ptr<const UserPrincipal>& owner = entry->holder->owner;
  users_[owner->id] = owner;
  keys_by_user_[owner->id].push_back(entry->key_hash);
  keys_[entry->key_hash] = std::move(entry);
}

void IdentityCache::PutUser(uint64_t generation,
                            std::shared_ptr<const UserPrincipal> user) {
  absl::MutexLock lock(&mu_);
  if (!live_ || generation != generation_) return;
  if (keys_.size() + users_.size() >= max_entries_) ClearLocked();
  users_[user->id] = std::move(user);
}

void IdentityCache::PutUnknownKey(uint64_t generation,
                                  absl::string_view key_hash) {
  absl::MutexLock lock(&mu_);
  if (!live_ || generation != generation_) return;
  if (unknown_keys_.size() >= max_entries_) unknown_keys_.clear();
  unknown_keys_[key_hash] = absl::Now() + unknown_key_ttl_;
}

void IdentityCache::OnUserChanged(std::string_view changed) {
  const absl::string_view user_id(changed.data(), changed.size());
  absl::MutexLock lock(&mu_);
  ++generation_;
  unknown_keys_.clear();
  users_.erase(user_id);
  auto it = keys_by_user_.find(user_id);
  if (it == keys_by_user_.end()) return;
  for (const std::string& key_hash : it->second) keys_.erase(key_hash);
  keys_by_user_.erase(it);
}

void IdentityCache::Forget() {
  absl::MutexLock lock(&mu_);
  ClearLocked();
}

void IdentityCache::OnEverythingChanged(bool live) {
  absl::MutexLock lock(&mu_);
  live_ = live;
  ClearLocked();
}

void IdentityCache::ClearLocked() {
  ++generation_;
  keys_.clear();
  users_.clear();
  keys_by_user_.clear();
  unknown_keys_.clear();
}

}  // namespace identity
