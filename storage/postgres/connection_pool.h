// A fixed set of database connections, each used by one thread at a time
// (a pqxx::connection is not thread-safe), handed out as RAII leases.
//
//   ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool->Acquire(deadline));
//   pqxx::work tx(lease.connection());
//   ...  // on a lost connection: lease.Discard();
#ifndef IDENTITY_STORAGE_POSTGRES_CONNECTION_POOL_H_
#define IDENTITY_STORAGE_POSTGRES_CONNECTION_POOL_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/metrics.h"
#include "pqxx/pqxx"

namespace identity::postgres {

class ConnectionPool {
 public:
  // Runs on every connection the pool makes, e.g. to prepare statements.
  using Setup = std::function<void(pqxx::connection&)>;

  // Exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    pqxx::connection& connection() { return *connection_; }

    // The connection broke or is in an unknown state: close it rather than
    // return it; the pool reconnects that slot on a later Acquire.
    void Discard() { discard_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> connection);

    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool discard_ = false;
  };

  // Makes `size` connections with `conninfo`. UNAVAILABLE when the database
  // cannot be reached. Reports connections in use and waits for one to
  // `metrics`, which must outlive the pool.
  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Open(
      std::string conninfo, int size, Setup setup,
      Metrics* metrics = NoMetrics());

  // Waits for a free connection and leases it, first reconnecting it if it
  // was discarded or its server has hung up. DEADLINE_EXCEEDED when
  // `deadline` passes while waiting; UNAVAILABLE when reconnecting fails.
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

 private:
  ConnectionPool(std::string conninfo, int size, Setup setup, Metrics* metrics);

  absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect(
      absl::Time deadline);
  // Takes back a leased connection, or the empty slot of a discarded one.
  void Return(std::unique_ptr<pqxx::connection> connection);
  bool HasIdleSlot() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty();
  }

  // Publishes how many slots are leased out.
  void ReportInUseLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string conninfo_;
  const size_t size_;
  const Setup setup_;
  MetricGauge& in_use_;
  MetricCounter& waits_;
  absl::Mutex mu_;
  // Free slots: connected ones at the back, where Acquire takes from, and
  // empty ones (nullptr) at the front.
  std::deque<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_CONNECTION_POOL_H_
