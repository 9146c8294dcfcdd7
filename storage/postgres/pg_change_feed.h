// A storage::ChangeSubscriber fed from PostgreSQL: LISTEN on the channel that
// the triggers of migrations/0002_change_feed.sql NOTIFY, on a connection and
// thread of the feed's own. The feed proves it is alive: a second thread
// sends a heartbeat NOTIFY of this feed's own every `heartbeat_interval`, and
// a listener that hears none for `silence_limit` (a partition, a proxy that
// dropped the LISTEN, a frozen connection) counts as cut off at once rather
// than when TCP gives up.
//
//   PgChangeFeed::Options options;
//   options.listen_url = "postgresql://db.internal/identity";
//   std::unique_ptr<PgChangeFeed> feed = PgChangeFeed::Start(options, &cache);
//   // cache.OnEverythingChanged(true) once listening, OnUserChanged(id) for
//   // every committed change, OnEverythingChanged(false) when cut off.
#ifndef IDENTITY_STORAGE_POSTGRES_PG_CHANGE_FEED_H_
#define IDENTITY_STORAGE_POSTGRES_PG_CHANGE_FEED_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "base/metrics.h"
#include "pqxx/pqxx"
#include "storage/change_feed.h"

namespace identity::postgres {

class PgChangeFeed {
 public:
  // The NOTIFY channel, and the payload that means "anything may have
  // changed". A payload starting with kHeartbeatPrefix (never part of a
  // valid id) is some feed's heartbeat; any other payload is a user id.
  static constexpr char kChannel[] = "identity_changes";
  static constexpr char kEverything[] = "*";
  static constexpr char kHeartbeatPrefix[] = "~heartbeat ";

  struct Options {
    // Where to LISTEN.
    std::string listen_url;
    // Where to send heartbeats from; empty: listen_url. The same database,
    // and best not the same connection path, so that a frozen listener
    // cannot hold the heartbeats up.
    std::string heartbeat_url;
    absl::Duration heartbeat_interval = absl::Milliseconds(50);
    // Silence after which the listener counts as cut off.
    absl::Duration silence_limit = absl::Milliseconds(250);
    absl::Duration reconnect_interval = absl::Milliseconds(200);
    // Where the feed reports whether it is live, when it last heard its
    // heartbeat, and its reconnects; must outlive the feed.
    Metrics* metrics = NoMetrics();
  };

  // Starts the feed's threads, which connect, listen and call `subscriber`
  // (which must outlive the feed) from then on: OnEverythingChanged(true)
  // each time it is listening and has heard its own first heartbeat,
  // OnUserChanged or OnEverythingChanged(true) as soon as a notification
  // arrives, and OnEverythingChanged(false) at once when the connection is
  // lost or silent past `silence_limit` (then it connects again every
  // `reconnect_interval`) or the feed stops. Until the first
  // OnEverythingChanged(true) the subscriber should assume it is not live.
  static std::unique_ptr<PgChangeFeed> Start(
      Options options, storage::ChangeSubscriber* subscriber);

  PgChangeFeed(const PgChangeFeed&) = delete;
  PgChangeFeed& operator=(const PgChangeFeed&) = delete;

  // Stops the threads: at once, unless one is in the middle of connecting.
  ~PgChangeFeed();

 private:
  PgChangeFeed(Options options, storage::ChangeSubscriber* subscriber);

  void Run();
  // Connects and delivers notifications until the connection is lost or
  // silent, or the feed stops. Returns whether it was live at some point.
  bool ListenOnce();
  // Waits up to `limit` for this feed's own heartbeat.
  bool HeardHeartbeatWithin(pqxx::connection& connection, absl::Duration limit);
  void DeliverUntilLostOrStopped(pqxx::connection& connection);
  // Reads what arrived and waits until more does, `timeout` passes or the
  // feed stops. False when the connection is gone.
  bool ReadAndWait(pqxx::connection& connection, absl::Duration timeout);
  void SendHeartbeats();
  // Sleeps for `duration` unless the feed is stopped first.
  void Pause(absl::Duration duration);

  const Options options_;
  const std::string listen_conninfo_;
  const std::string heartbeat_conninfo_;
  // This feed's heartbeat payload: the prefix and a random token.
  const std::string heartbeat_payload_;
  storage::ChangeSubscriber* const subscriber_;
  MetricGauge& heartbeat_;
  MetricGauge& live_;
  MetricCounter& reconnects_;
  // An eventfd, readable once the feed is stopping: wakes the threads from
  // poll(). -1 if none could be made.
  const int stop_fd_;
  std::atomic<bool> stopping_{false};
  // When the listener last heard this feed's heartbeat; the listener
  // thread's alone.
  absl::Time last_heartbeat_ = absl::InfinitePast();
  std::thread listener_;
  std::thread heartbeat_sender_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_CHANGE_FEED_H_
