// A storage::ChangeSubscriber in front of another: passes every change on,
// and tells Readiness whether the change feed is live, since a server whose
// cache cannot learn of revocations must not be routed to.
//
//   FeedLivenessRelay relay(&identity_cache, &readiness);
//   feed = postgres::PgChangeFeed::Start({url}, &relay);
#ifndef IDENTITY_SERVICE_GRPC_FEED_LIVENESS_RELAY_H_
#define IDENTITY_SERVICE_GRPC_FEED_LIVENESS_RELAY_H_

#include <string_view>

#include "service/grpc/readiness.h"
#include "storage/change_feed.h"

namespace identity {

class FeedLivenessRelay : public storage::ChangeSubscriber {
 public:
  // Both must outlive the relay.
  FeedLivenessRelay(storage::ChangeSubscriber* next, Readiness* readiness)
      : next_(next), readiness_(readiness) {}

  // storage::ChangeSubscriber:
  void OnUserChanged(std::string_view user_id) override {
    next_->OnUserChanged(user_id);
  }
  void OnEverythingChanged(bool live) override {
    next_->OnEverythingChanged(live);
    readiness_->SetFeedLive(live);
  }

 private:
  storage::ChangeSubscriber* const next_;
  Readiness* const readiness_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_FEED_LIVENESS_RELAY_H_
