// In-memory answers to "whose key is this?" (or "nobody's", for a while) and
// "who is user X?", kept correct by the change feed: a deleted key, user,
// tenant or org, or changed roles, evict entries before the next call on every
// server, and any change to any user's keys forgets every unknown key.
//
//   const uint64_t generation = cache.generation();
//   auto entry = std::make_shared<CachedKey>(...);  // read from the store
//   cache.PutKey(generation, entry);  // dropped if anything changed since
//   std::shared_ptr<const CachedKey> hit = cache.FindKey(key_hash);
//   cache.PutUnknownKey(generation, key_hash);  // the store had no such key
//   bool known_bad = cache.IsUnknownKey(key_hash);
#ifndef IDENTITY_SERVICE_AUTH_IDENTITY_CACHE_H_
#define IDENTITY_SERVICE_AUTH_IDENTITY_CACHE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/metrics.h"
#include "service/auth/key_principal.h"
#include "service/auth/user_principal.h"
#include "storage/change_feed.h"

namespace identity {

// What a key hash resolves to.
struct CachedKey {
  std::string key_hash;
  std::optional<absl::Time> expire_time;
  // The key's owner as the key lets it act (key_ceiling.h). Its owner, with
  // the owner's own permissions, is cached as that user too.
  std::shared_ptr<const KeyPrincipal> holder;
};

class IdentityCache : public storage::ChangeSubscriber {
 public:
  // Past this many entries the cache starts over rather than grow. Hits and
  // misses are counted in `metrics`, which must outlive the cache. Unknown
  // keys are remembered for `unknown_key_ttl`, and at most `max_entries` of
  // them too.
  explicit IdentityCache(size_t max_entries = 200'000,
                         Metrics* metrics = NoMetrics(),
                         absl::Duration unknown_key_ttl = absl::Seconds(30));

  // Null when absent, or while the change feed is down (a miss either way).
  std::shared_ptr<const CachedKey> FindKey(absl::string_view key_hash) const;
  std::shared_ptr<const UserPrincipal> FindUser(
      absl::string_view user_id) const;

  // Read before loading from the store; a Put with an older generation is
  // dropped, so that a load racing with an invalidation cannot resurrect
  // what was just evicted.
  uint64_t generation() const;

  // Whether the store recently had no key with `key_hash`. False while the
  // change feed is down.
  bool IsUnknownKey(absl::string_view key_hash) const;

  void PutKey(uint64_t generation, std::shared_ptr<const CachedKey> entry);
  void PutUser(uint64_t generation, std::shared_ptr<const UserPrincipal> user);
  // Remembers that the store has no key with `key_hash`. A new key reaches
  // the feed as a change of its owner, which does not name the key's hash:
  // so every change forgets every unknown key (changes are rare next to
  // calls, and a forgotten unknown key costs one more lookup).
  void PutUnknownKey(uint64_t generation, absl::string_view key_hash);

  // Called by this server after its own commits, and by the change feed for
  // everyone's.
  void OnUserChanged(std::string_view user_id) override;
  // Drops every entry, for a commit that may have removed many users.
  void Forget();
  void OnEverythingChanged(bool live) override;

 private:
  void ClearLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_entries_;
  MetricCounter& key_hits_;
  MetricCounter& key_misses_;
  MetricCounter& user_hits_;
  MetricCounter& user_misses_;
  const absl::Duration unknown_key_ttl_;
  mutable absl::Mutex mu_;
  bool live_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const CachedKey>> keys_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<const UserPrincipal>> users_
      ABSL_GUARDED_BY(mu_);
  // Hashes the store had no key for, with when to stop believing it.
  absl::flat_hash_map<std::string, absl::Time> unknown_keys_
      ABSL_GUARDED_BY(mu_);
  // The cached key hashes of each user, so that evicting a user is cheap.
  absl::flat_hash_map<std::string, std::vector<std::string>> keys_by_user_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_IDENTITY_CACHE_H_
