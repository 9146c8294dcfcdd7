// Tells the in-memory caches what changed in the database, whichever server
// changed it (PostgreSQL LISTEN/NOTIFY behind the interface).
#ifndef IDENTITY_STORAGE_CHANGE_FEED_H_
#define IDENTITY_STORAGE_CHANGE_FEED_H_

#include <string_view>

namespace identity::storage {

// Receives changes; called from the feed's own thread.
class ChangeSubscriber {
 public:
  virtual ~ChangeSubscriber() = default;

  // The user, its roles, or one of its access keys changed or went away.
  virtual void OnUserChanged(std::string_view user_id) = 0;

  // Anything may have changed (a tenant or org went away, or the feed was
  // cut off and notifications may have been missed). `live` says whether the
  // feed is connected now; while it is not, nothing may be served from cache.
  virtual void OnEverythingChanged(bool live) = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_CHANGE_FEED_H_
