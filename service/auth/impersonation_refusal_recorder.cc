#include "service/auth/impersonation_refusal_recorder.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace identity {

ImpersonationRefusalRecorder::ImpersonationRefusalRecorder(
    storage::Store* store, absl::Duration interval)
    : store_(store), flusher_(interval, [this](absl::Time deadline) {
        return Flush(deadline);
      }) {}

void ImpersonationRefusalRecorder::Record(const CallContext& call,
                                          absl::string_view target_id) {
  absl::MutexLock lock(&mu_);
  PairKey key(call.actor().key, std::string(target_id));
  auto it = pending_.find(key);
  if (it == pending_.end()) {
    if (pending_.size() >= kMaxPendingPairs) return;
    storage::AuditEvent event = AuditEventOf(call, storage::kAuditImpersonation,
                                             target_id, call.actor().org_id);
    // Resolved now: by the time the event is written its org may be gone,
    // and its id taken by another org, whose trail this is not.
    event.org_key = call.actor().org_key;
    event.outcome = "PERMISSION_DENIED";
    it = pending_.emplace(std::move(key), Pending{std::move(event), 0}).first;
  }
  ++it->second.count;
}

absl::Status ImpersonationRefusalRecorder::Flush(absl::Time deadline) {
  absl::MutexLock flush_lock(&flush_mu_);
  absl::flat_hash_map<PairKey, Pending> batch;
  {
    absl::MutexLock lock(&mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return absl::OkStatus();
  absl::Status status = store_->RunInTransaction(
      deadline, storage::Access::kReadWrite,
      [&](storage::Transaction& tx) -> absl::Status {
        for (const auto& [key, pending] : batch) {
          storage::AuditEvent event = pending.event;
          event.summary_json =
              absl::StrCat("{\"refusals\": ", pending.count, "}");
          if (absl::Status appended = tx.audit().Append(event);
              !appended.ok()) {
            return appended;
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) {
    absl::MutexLock lock(&mu_);
    for (auto& [key, pending] : batch) {
      auto [it, inserted] = pending_.try_emplace(key, pending);
      if (!inserted) it->second.count += pending.count;
    }
  }
  return status;
}

}  // namespace identity
