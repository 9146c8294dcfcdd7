// Records refused impersonations in the audit trail without letting a caller
// flood it or slow anyone down: refusals are counted in memory per caller ×
// target and written off the calling thread, one event per pair per flush
// (default every 10 s, so at most six per pair and minute), whose summary
// holds the count: {"refusals": 1000}.
//
//   ImpersonationRefusalRecorder refusals(&store, absl::Seconds(10));
//   refusals.Record(call, "target-user");  // never blocks on the store
//   refusals.Flush(deadline);              // e.g. before stopping
#ifndef IDENTITY_SERVICE_AUTH_IMPERSONATION_REFUSAL_RECORDER_H_
#define IDENTITY_SERVICE_AUTH_IMPERSONATION_REFUSAL_RECORDER_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/auth/background_flusher.h"
#include "service/auth/call_context.h"
#include "storage/store.h"

namespace identity {

class ImpersonationRefusalRecorder {
 public:
  // Pairs counted at most between two flushes; refusals of further pairs
  // are not recorded, so that memory stays bounded.
  static constexpr size_t kMaxPendingPairs = 10'000;

  // Writes what is pending every `interval`, and when destroyed.
  ImpersonationRefusalRecorder(storage::Store* store, absl::Duration interval);

  // Counts a refusal of `call`'s caller impersonating `target_id`.
  void Record(const CallContext& call, absl::string_view target_id);

  // Writes one audit event per pending pair. Events that fail to be written
  // are kept for the next flush. UNAVAILABLE or DEADLINE_EXCEEDED from the
  // store.
  absl::Status Flush(absl::Time deadline);

 private:
  struct Pending {
    storage::AuditEvent event;  // the first refusal of the pair
    int64_t count = 0;
  };
  // The caller by its immutable key, so that a later user of its id does
  // not share its count; the target as named.
  using PairKey = std::pair<int64_t, std::string>;

  storage::Store* const store_;
  absl::Mutex flush_mu_;  // One flush at a time.
  absl::Mutex mu_;
  absl::flat_hash_map<PairKey, Pending> pending_ ABSL_GUARDED_BY(mu_);
  // Last, so that it stops, and flushes, before the rest is destroyed.
  BackgroundFlusher flusher_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_IMPERSONATION_REFUSAL_RECORDER_H_
