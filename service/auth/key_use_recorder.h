// Keeps access keys' last_used_time without a database write per call: uses
// are noted in memory and written in one batch every `interval`.
//
//   KeyUseRecorder recorder(&store, absl::Seconds(5));
//   recorder.Record(key_hash, absl::Now());   // on every authenticated call
//   recorder.Flush(deadline);                 // before listing keys
#ifndef IDENTITY_SERVICE_AUTH_KEY_USE_RECORDER_H_
#define IDENTITY_SERVICE_AUTH_KEY_USE_RECORDER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/auth/background_flusher.h"
#include "storage/store.h"

namespace identity {

class KeyUseRecorder {
 public:
  // Writes what is pending every `interval`, and when destroyed.
  KeyUseRecorder(storage::Store* store, absl::Duration interval);

  void Record(absl::string_view key_hash, absl::Time time);

  // Writes every pending use now. Uses that fail to be written are kept for
  // the next flush.
  absl::Status Flush(absl::Time deadline);

 private:
  // Keeps the later of the pending time and `time`.
  void NoteLocked(absl::string_view key_hash, absl::Time time)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  storage::Store* const store_;
  absl::Mutex flush_mu_;  // One flush at a time, so uses are never reordered.
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, absl::Time> pending_ ABSL_GUARDED_BY(mu_);
  // Last, so that it stops, and flushes, before the rest is destroyed.
  BackgroundFlusher flusher_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_KEY_USE_RECORDER_H_
