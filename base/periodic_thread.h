// Runs a task on a thread of its own, every `interval`, until stopped: the
// clock behind the writers that batch in memory (the call log, the key-use
// and refusal recorders) and behind the database probe.
//
//   PeriodicThread probe(absl::Seconds(1), PeriodicThread::kRunAtOnce,
//                        [&] { readiness.SetDatabaseHealthy(Ping().ok()); });
//   probe.Stop();  // or let the destructor stop it
#ifndef IDENTITY_BASE_PERIODIC_THREAD_H_
#define IDENTITY_BASE_PERIODIC_THREAD_H_

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace identity {

class PeriodicThread {
 public:
  // Whether the first run is at start (a probe: readiness should not wait an
  // interval to learn) or one interval later (a flush: nothing is pending
  // yet).
  enum FirstRun { kRunAtOnce, kRunAfterInterval };

  PeriodicThread(absl::Duration interval, FirstRun first_run,
                 std::function<void()> task);
  // Stops.
  ~PeriodicThread();

  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // Returns once the thread has ended: after the run in progress, if any,
  // and with no run after it. Calling it again does nothing. For the owner
  // to call, never the task.
  void Stop();

 private:
  void Run(FirstRun first_run);

  const absl::Duration interval_;
  const std::function<void()> task_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace identity

#endif  // IDENTITY_BASE_PERIODIC_THREAD_H_
