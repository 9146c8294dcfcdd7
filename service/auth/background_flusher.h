// Calls a flush function every `interval` on a thread of its own, and once
// more when destroyed: the writer behind what batches writes in memory
// (KeyUseRecorder, ImpersonationRefusalRecorder, JsonCallLog), so that no
// call waits on them.
//
//   BackgroundFlusher flusher(absl::Seconds(5), [this](absl::Time deadline) {
//     return Flush(deadline);
//   });
#ifndef IDENTITY_SERVICE_AUTH_BACKGROUND_FLUSHER_H_
#define IDENTITY_SERVICE_AUTH_BACKGROUND_FLUSHER_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "base/periodic_thread.h"

namespace identity {

class BackgroundFlusher {
 public:
  // Writes what is pending; must end by `deadline`. Its errors are dropped:
  // what failed stays pending for the next call.
  using Flush = std::function<absl::Status(absl::Time deadline)>;

  // Calls `flush` every `interval`, with `interval` (at least 1 s) to
  // finish: a short interval must not starve the write itself of time.
  BackgroundFlusher(absl::Duration interval, Flush flush);
  // Stops the thread, then flushes a last time (2 s to finish).
  ~BackgroundFlusher();

  BackgroundFlusher(const BackgroundFlusher&) = delete;
  BackgroundFlusher& operator=(const BackgroundFlusher&) = delete;

 private:
  const Flush flush_;
  PeriodicThread thread_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_BACKGROUND_FLUSHER_H_
