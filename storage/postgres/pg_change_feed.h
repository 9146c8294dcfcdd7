// A storage::ChangeSubscriber fed from PostgreSQL: LISTEN on the channel that
// the triggers of migrations/0002_change_feed.sql NOTIFY, on a connection and
// thread of the feed's own.
//
//   std::unique_ptr<PgChangeFeed> feed = PgChangeFeed::Start(url, &cache);
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
  // changed" (any other payload is a user id).
  static constexpr char kChannel[] = "identity_changes";
  static constexpr char kEverything[] = "*";

  // Starts the feed's thread, which connects to `database_url`, listens and
  // calls `subscriber` (which must outlive the feed) from then on:
  // OnEverythingChanged(true) each time it starts listening, OnUserChanged or
  // OnEverythingChanged(true) as soon as a notification arrives, and
  // OnEverythingChanged(false) at once when the connection is lost (then it
  // tries again every `reconnect_interval`) or the feed stops. Until the
  // first OnEverythingChanged(true) the subscriber should assume it is not
  // live.
  // Reports to `metrics` (which must outlive the feed) whether it is live,
  // when it last heard from the database, and its reconnects.
  static std::unique_ptr<PgChangeFeed> Start(
      std::string database_url, storage::ChangeSubscriber* subscriber,
      absl::Duration reconnect_interval = absl::Milliseconds(200),
      Metrics* metrics = NoMetrics());

  PgChangeFeed(const PgChangeFeed&) = delete;
  PgChangeFeed& operator=(const PgChangeFeed&) = delete;

  // Stops the thread: at once, unless it is in the middle of connecting.
  ~PgChangeFeed();

 private:
  PgChangeFeed(std::string conninfo, storage::ChangeSubscriber* subscriber,
               absl::Duration reconnect_interval, Metrics* metrics);

  void Run();
  // Connects and delivers notifications until the connection is lost or the
  // feed stops. Returns whether it was listening at some point.
  bool ListenOnce();
  void DeliverUntilLostOrStopped(pqxx::connection& connection);
  // Records that the database was heard from just now.
  void Heartbeat();
  // Sleeps for `duration` unless the feed is stopped first.
  void Pause(absl::Duration duration);

  const std::string conninfo_;
  storage::ChangeSubscriber* const subscriber_;
  const absl::Duration reconnect_interval_;
  MetricGauge& heartbeat_;
  MetricGauge& live_;
  MetricCounter& reconnects_;
  // An eventfd, readable once the feed is stopping: wakes the thread from
  // poll(). -1 if none could be made.
  const int stop_fd_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_PG_CHANGE_FEED_H_
