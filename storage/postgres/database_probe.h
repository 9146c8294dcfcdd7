// Whether this server's database is usable right now: reachable, and with
// every migration this binary embeds applied. Drives readiness, and lets a
// server started with migrations off wait for the migration job.
//
//   DatabaseProbe probe(url, absl::Seconds(2));
//   absl::Status usable = probe.Check();  // OK, UNAVAILABLE or
//                                         // FAILED_PRECONDITION
#ifndef IDENTITY_STORAGE_POSTGRES_DATABASE_PROBE_H_
#define IDENTITY_STORAGE_POSTGRES_DATABASE_PROBE_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "pqxx/pqxx"

namespace identity::postgres {

class DatabaseProbe {
 public:
  // Checks `database_url` over a connection of the probe's own (so a busy
  // pool does not make the database look away), each check bounded by
  // `timeout`.
  DatabaseProbe(const std::string& database_url, absl::Duration timeout);
  ~DatabaseProbe();

  // OK when the database answers and its schema is current. UNAVAILABLE
  // when it cannot be reached or does not answer within the timeout;
  // FAILED_PRECONDITION when migrations this binary needs are not applied
  // yet (the message says which version the schema is at).
  absl::Status Check();

 private:
  const std::string conninfo_;
  const absl::Duration timeout_;
  absl::Mutex mu_;
  std::unique_ptr<pqxx::connection> connection_ ABSL_GUARDED_BY(mu_);
};

}  // namespace identity::postgres

#endif  // IDENTITY_STORAGE_POSTGRES_DATABASE_PROBE_H_
