#include "storage/postgres/pg_change_feed.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <exception>
#include <utility>

#include "absl/time/clock.h"
#include "base/metric_definitions.h"
#include "pqxx/pqxx"
#include "storage/postgres/connection_string.h"

namespace identity::postgres {
namespace {

constexpr absl::Duration kConnectTimeout = absl::Seconds(2);
// How long the feed stays quiet before it asks the database whether the
// connection still works: a connection that died silently (a network
// partition, a failover) is noticed within about this long.
constexpr absl::Duration kHeartbeatInterval = absl::Seconds(2);

class ChangeReceiver final : public pqxx::notification_receiver {
 public:
  // Sends LISTEN, unless the connection is broken.
  ChangeReceiver(pqxx::connection& connection,
                 storage::ChangeSubscriber* subscriber)
      : notification_receiver(connection, PgChangeFeed::kChannel),
        subscriber_(subscriber) {}

  void operator()(const std::string& payload, int /*backend_pid*/) override {
    if (payload == PgChangeFeed::kEverything) {
      subscriber_->OnEverythingChanged(true);
    } else {
      subscriber_->OnUserChanged(payload);
    }
  }

 private:
  storage::ChangeSubscriber* const subscriber_;
};

}  // namespace

std::unique_ptr<PgChangeFeed> PgChangeFeed::Start(
    std::string database_url, storage::ChangeSubscriber* subscriber,
    absl::Duration reconnect_interval, Metrics* metrics) {
  std::unique_ptr<PgChangeFeed> feed(
      new PgChangeFeed(ConnectionString(database_url, kConnectTimeout),
                       subscriber, reconnect_interval, metrics));
  feed->thread_ = std::thread([feed = feed.get()] { feed->Run(); });
  return feed;
}

PgChangeFeed::PgChangeFeed(std::string conninfo,
                           storage::ChangeSubscriber* subscriber,
                           absl::Duration reconnect_interval, Metrics* metrics)
    : conninfo_(std::move(conninfo)),
      subscriber_(subscriber),
      reconnect_interval_(reconnect_interval),
      heartbeat_(metrics->Gauge(kChangeFeedHeartbeat)),
      live_(metrics->Gauge(kChangeFeedLive)),
      reconnects_(metrics->Counter(kChangeFeedReconnects)),
      stop_fd_(eventfd(0, EFD_CLOEXEC)) {}

PgChangeFeed::~PgChangeFeed() {
  stopping_ = true;
  if (stop_fd_ >= 0) {
    const uint64_t one = 1;
    // Writing one to an eventfd cannot fail short of overflow.
    [[maybe_unused]] ssize_t written = write(stop_fd_, &one, sizeof(one));
  }
  thread_.join();
  if (stop_fd_ >= 0) close(stop_fd_);
}

void PgChangeFeed::Run() {
  while (!stopping_) {
    if (ListenOnce()) {
      live_.Set(0);
      subscriber_->OnEverythingChanged(false);
      if (!stopping_) reconnects_.Add();
    }
    if (!stopping_) Pause(reconnect_interval_);
  }
}

bool PgChangeFeed::ListenOnce() {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(conninfo_);
  } catch (const std::exception&) {
    return false;
  }
  bool listening = false;
  std::unique_ptr<ChangeReceiver> receiver;
  try {
    receiver = std::make_unique<ChangeReceiver>(*connection, subscriber_);
    if (connection->is_open()) {
      listening = true;
      Heartbeat();
      live_.Set(1);
      subscriber_->OnEverythingChanged(true);
      DeliverUntilLostOrStopped(*connection);
    }
  } catch (const std::exception&) {
    // The connection broke: the caller reports it and reconnects.
  }
  // Closing first keeps the receiver's destructor from reconnecting only to
  // send UNLISTEN.
  connection->disconnect();
  return listening;
}

void PgChangeFeed::DeliverUntilLostOrStopped(pqxx::connection& connection) {
  while (!stopping_) {
    // Reads what arrived and hands each notification to the receiver; throws
    // broken_connection when the server has gone.
    connection.get_notifs();
    if (!connection.is_open()) return;
    pollfd events[] = {{connection.sock(), POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (events[0].fd < 0) return;
    // Without an eventfd (out of descriptors), look at stopping_ now and then.
    const int timeout_ms =
        stop_fd_ >= 0
            ? static_cast<int>(absl::ToInt64Milliseconds(kHeartbeatInterval))
            : 100;
    const int ready = poll(events, 2, timeout_ms);
    if (ready < 0 && errno != EINTR) return;
    if (ready == 0) {
      // Quiet for a while: prove the connection still works (throws
      // broken_connection if not).
      pqxx::nontransaction(connection).exec("SELECT 1");
    }
    Heartbeat();
  }
}

void PgChangeFeed::Heartbeat() {
  heartbeat_.Set(absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()));
}

void PgChangeFeed::Pause(absl::Duration duration) {
  pollfd stop{stop_fd_, POLLIN, 0};
  poll(&stop, 1, static_cast<int>(absl::ToInt64Milliseconds(duration)));
}

}  // namespace identity::postgres
