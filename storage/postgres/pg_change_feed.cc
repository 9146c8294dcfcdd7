#include "storage/postgres/pg_change_feed.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <utility>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/metric_definitions.h"
#include "pqxx/pqxx"
#include "storage/postgres/connection_string.h"

namespace identity::postgres {
namespace {

constexpr absl::Duration kConnectTimeout = absl::Seconds(2);

class ChangeReceiver final : public pqxx::notification_receiver {
 public:
  // Sends LISTEN, unless the connection is broken. `heartbeat` is this
  // feed's heartbeat payload; hearing it sets `*last_heartbeat`.
  ChangeReceiver(pqxx::connection& connection,
                 storage::ChangeSubscriber* subscriber,
                 const std::string& heartbeat, absl::Time* last_heartbeat)
      : notification_receiver(connection, PgChangeFeed::kChannel),
        subscriber_(subscriber),
        heartbeat_(heartbeat),
        last_heartbeat_(last_heartbeat) {}

  void operator()(const std::string& payload, int /*backend_pid*/) override {
    if (payload == heartbeat_) {
      *last_heartbeat_ = absl::Now();
    } else if (absl::StartsWith(payload, PgChangeFeed::kHeartbeatPrefix)) {
      // Another replica's heartbeat.
    } else if (payload == PgChangeFeed::kEverything) {
      subscriber_->OnEverythingChanged(true);
    } else {
      subscriber_->OnUserChanged(payload);
    }
  }

 private:
  storage::ChangeSubscriber* const subscriber_;
  const std::string& heartbeat_;
  absl::Time* const last_heartbeat_;
};

std::string RandomToken() {
  absl::BitGen random;
  return absl::StrCat(absl::Hex(absl::Uniform<uint64_t>(random)),
                      absl::Hex(absl::Uniform<uint64_t>(random)));
}

}  // namespace

std::unique_ptr<PgChangeFeed> PgChangeFeed::Start(
    Options options, storage::ChangeSubscriber* subscriber) {
  std::unique_ptr<PgChangeFeed> feed(
      new PgChangeFeed(std::move(options), subscriber));
  feed->listener_ = std::thread([feed = feed.get()] { feed->Run(); });
  feed->heartbeat_sender_ =
      std::thread([feed = feed.get()] { feed->SendHeartbeats(); });
  return feed;
}

PgChangeFeed::PgChangeFeed(Options options,
                           storage::ChangeSubscriber* subscriber)
    : options_(std::move(options)),
      listen_conninfo_(ConnectionString(options_.listen_url, kConnectTimeout)),
      heartbeat_conninfo_(ConnectionString(options_.heartbeat_url.empty()
                                               ? options_.listen_url
                                               : options_.heartbeat_url,
                                           kConnectTimeout)),
      heartbeat_payload_(absl::StrCat(kHeartbeatPrefix, RandomToken())),
      subscriber_(subscriber),
      heartbeat_(options_.metrics->Gauge(kChangeFeedHeartbeat)),
      live_(options_.metrics->Gauge(kChangeFeedLive)),
      reconnects_(options_.metrics->Counter(kChangeFeedReconnects)),
      stop_fd_(eventfd(0, EFD_CLOEXEC)) {}

PgChangeFeed::~PgChangeFeed() {
  stopping_ = true;
  if (stop_fd_ >= 0) {
    const uint64_t one = 1;
    // Writing one to an eventfd cannot fail short of overflow.
    [[maybe_unused]] ssize_t written = write(stop_fd_, &one, sizeof(one));
  }
  listener_.join();
  heartbeat_sender_.join();
  if (stop_fd_ >= 0) close(stop_fd_);
}

void PgChangeFeed::Run() {
  while (!stopping_) {
    if (ListenOnce()) {
      live_.Set(0);
      subscriber_->OnEverythingChanged(false);
      if (!stopping_) reconnects_.Add();
    }
    if (!stopping_) Pause(options_.reconnect_interval);
  }
}

bool PgChangeFeed::ListenOnce() {
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = std::make_unique<pqxx::connection>(listen_conninfo_);
  } catch (const std::exception&) {
    return false;
  }
  bool live = false;
  std::unique_ptr<ChangeReceiver> receiver;
  try {
    receiver = std::make_unique<ChangeReceiver>(
        *connection, subscriber_, heartbeat_payload_, &last_heartbeat_);
    // Live only once a heartbeat has made the whole trip, so that a LISTEN
    // a proxy swallowed never counts.
    if (connection->is_open() &&
        HeardHeartbeatWithin(*connection, options_.silence_limit)) {
      live = true;
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
  return live;
}

bool PgChangeFeed::HeardHeartbeatWithin(pqxx::connection& connection,
                                        absl::Duration limit) {
  const absl::Time listening = absl::Now();
  const absl::Time give_up = listening + limit;
  while (!stopping_) {
    const absl::Time now = absl::Now();
    if (last_heartbeat_ >= listening) return true;
    if (now >= give_up) return false;
    if (!ReadAndWait(connection, give_up - now)) return false;
  }
  return false;
}

void PgChangeFeed::DeliverUntilLostOrStopped(pqxx::connection& connection) {
  while (!stopping_) {
    heartbeat_.Set(absl::ToDoubleSeconds(last_heartbeat_ - absl::UnixEpoch()));
    const absl::Duration silent = absl::Now() - last_heartbeat_;
    if (silent >= options_.silence_limit) return;
    if (!ReadAndWait(connection, options_.silence_limit - silent)) return;
  }
}

bool PgChangeFeed::ReadAndWait(pqxx::connection& connection,
                               absl::Duration timeout) {
  // Reads what arrived and hands each notification to the receiver; throws
  // broken_connection when the server has gone.
  connection.get_notifs();
  if (!connection.is_open()) return false;
  pollfd events[] = {{connection.sock(), POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  if (events[0].fd < 0) return false;
  // Without an eventfd (out of descriptors), stopping_ is seen within the
  // timeout anyway.
  const int timeout_ms = static_cast<int>(std::max<int64_t>(
      1,
      absl::ToInt64Milliseconds(absl::Ceil(timeout, absl::Milliseconds(1)))));
  if (poll(events, 2, timeout_ms) < 0 && errno != EINTR) return false;
  return true;
}

void PgChangeFeed::SendHeartbeats() {
  std::unique_ptr<pqxx::connection> connection;
  while (!stopping_) {
    try {
      if (connection == nullptr) {
        connection = std::make_unique<pqxx::connection>(heartbeat_conninfo_);
      }
      pqxx::nontransaction notify(*connection);
      notify.exec_params("SELECT pg_notify($1, $2)", kChannel,
                         heartbeat_payload_);
    } catch (const std::exception&) {
      // Silence is the message: the listener notices and reconnects; this
      // thread connects again on its next beat.
      connection.reset();
    }
    Pause(options_.heartbeat_interval);
  }
}

void PgChangeFeed::Pause(absl::Duration duration) {
  pollfd stop{stop_fd_, POLLIN, 0};
  poll(&stop, 1, static_cast<int>(absl::ToInt64Milliseconds(duration)));
}

}  // namespace identity::postgres
