// Runs a check on a thread of its own every interval and reports whether it
// passed, e.g. a database ping that drives Readiness.
//
//   PeriodicProbe probe([&] { return database.Check(); }, absl::Seconds(1),
//                       [&](const absl::Status& s) {
//                         readiness.SetDatabaseHealthy(s.ok());
//                       });
#ifndef IDENTITY_SERVICE_GRPC_PERIODIC_PROBE_H_
#define IDENTITY_SERVICE_GRPC_PERIODIC_PROBE_H_

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace identity {

class PeriodicProbe {
 public:
  using Check = std::function<absl::Status()>;
  using Report = std::function<void(const absl::Status&)>;

  // Runs `check` at once, then every `interval`, and passes each outcome to
  // `report`; both run on the probe's thread.
  PeriodicProbe(Check check, absl::Duration interval, Report report);
  // Stops the thread, after the check in progress if any.
  ~PeriodicProbe();

  PeriodicProbe(const PeriodicProbe&) = delete;
  PeriodicProbe& operator=(const PeriodicProbe&) = delete;

 private:
  void Run();

  const Check check_;
  const absl::Duration interval_;
  const Report report_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_PERIODIC_PROBE_H_
