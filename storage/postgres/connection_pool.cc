#include "storage/postgres/connection_pool.h"

#include <poll.h>

#include <exception>
#include <utility>

#include "base/metric_definitions.h"
#include "storage/postgres/sql_errors.h"

namespace identity::postgres {
namespace {

// An idle connection has nothing to read; if its socket is readable, the
// server has sent a goodbye (shutdown, terminated backend) or hung up.
bool LooksAlive(const pqxx::connection& connection) {
  if (!connection.is_open()) return false;
  pollfd socket{connection.sock(), POLLIN, 0};
  if (socket.fd < 0) return false;
  return poll(&socket, 1, /*timeout=*/0) == 0;
}

}  // namespace

ConnectionPool::Lease::Lease(ConnectionPool* pool,
                             std::unique_ptr<pqxx::connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      discard_(other.discard_) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ == nullptr) return;
  if (discard_) connection_.reset();
  pool_->Return(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::string conninfo, int size, Setup setup,
                               Metrics* metrics)
    : conninfo_(std::move(conninfo)),
      size_(static_cast<size_t>(size)),
      setup_(std::move(setup)),
      in_use_(metrics->Gauge(kPoolConnectionsInUse)),
      waits_(metrics->Counter(kPoolWaits)) {}

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(
    std::string conninfo, int size, Setup setup, Metrics* metrics) {
  std::unique_ptr<ConnectionPool> pool(
      new ConnectionPool(std::move(conninfo), size, std::move(setup), metrics));
  for (int i = 0; i < size; ++i) {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> connection =
        pool->Connect(absl::InfiniteFuture());
    if (!connection.ok()) return connection.status();
    absl::MutexLock lock(&pool->mu_);
    pool->idle_.push_back(*std::move(connection));
  }
  absl::MutexLock lock(&pool->mu_);
  pool->ReportInUseLocked();
  return pool;
}

void ConnectionPool::ReportInUseLocked() {
  in_use_.Set(static_cast<double>(size_ - idle_.size()));
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(
    absl::Time deadline) {
  std::unique_ptr<pqxx::connection> connection;
  {
    absl::MutexLock lock(&mu_);
    if (!HasIdleSlot()) waits_.Add();
    if (!mu_.AwaitWithDeadline(
            absl::Condition(this, &ConnectionPool::HasIdleSlot), deadline)) {
      return absl::DeadlineExceededError(
          "deadline exceeded waiting for a database connection");
    }
    connection = std::move(idle_.back());
    idle_.pop_back();
    ReportInUseLocked();
  }
  if (connection != nullptr && !LooksAlive(*connection)) connection.reset();
  if (connection == nullptr) {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> fresh = Connect(deadline);
    if (!fresh.ok()) {
      Return(nullptr);
      return fresh.status();
    }
    connection = *std::move(fresh);
  }
  return Lease(this, std::move(connection));
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Connect(
    absl::Time deadline) {
  try {
    auto connection = std::make_unique<pqxx::connection>(conninfo_);
    setup_(*connection);
    return connection;
  } catch (const std::exception& e) {
    return FromDriverError(e, {}, deadline).status;
  }
}

void ConnectionPool::Return(std::unique_ptr<pqxx::connection> connection) {
  absl::MutexLock lock(&mu_);
  if (connection == nullptr) {
    idle_.push_front(nullptr);
  } else {
    idle_.push_back(std::move(connection));
  }
  ReportInUseLocked();
}

}  // namespace identity::postgres
