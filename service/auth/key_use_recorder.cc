#include "service/auth/key_use_recorder.h"

#include <utility>
#include <vector>

namespace identity {

KeyUseRecorder::KeyUseRecorder(storage::Store* store, absl::Duration interval)
    : store_(store), flusher_(interval, [this](absl::Time deadline) {
        return Flush(deadline);
      }) {}

void KeyUseRecorder::Record(absl::string_view key_hash, absl::Time time) {
  absl::MutexLock lock(&mu_);
  NoteLocked(key_hash, time);
}

void KeyUseRecorder::NoteLocked(absl::string_view key_hash, absl::Time time) {
  auto [it, inserted] = pending_.try_emplace(key_hash, time);
  if (!inserted && it->second < time) it->second = time;
}

absl::Status KeyUseRecorder::Flush(absl::Time deadline) {
  absl::MutexLock flush_lock(&flush_mu_);
  absl::flat_hash_map<std::string, absl::Time> batch;
  {
    absl::MutexLock lock(&mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return absl::OkStatus();
  std::vector<storage::KeyUse> uses;
  uses.reserve(batch.size());
  for (const auto& [key_hash, time] : batch) uses.push_back({key_hash, time});
  absl::Status status = store_->RecordKeyUses(uses, deadline);
  if (!status.ok()) {
    absl::MutexLock lock(&mu_);
    for (const auto& [key_hash, time] : batch) NoteLocked(key_hash, time);
  }
  return status;
}

}  // namespace identity
