#include "service/grpc/call_registry.h"

#include <cstdint>

namespace identity {

CallRegistry::Shard& CallRegistry::ShardOf(const void* call) const {
  // Contexts are heap objects; the low bits carry no information.
  const auto address = reinterpret_cast<uintptr_t>(call);
  return shards_[(address >> 6) % kShards];
}

void CallRegistry::Publish(const void* call, const void* owner,
                           Admission admission) {
  Shard& shard = ShardOf(call);
  absl::MutexLock lock(&shard.mu);
  shard.entries[call] = Entry{owner, std::move(admission)};
}

void CallRegistry::Withdraw(const void* call, const void* owner) {
  Shard& shard = ShardOf(call);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.entries.find(call);
  if (it != shard.entries.end() && it->second.owner == owner) {
    shard.entries.erase(it);
  }
}

void CallRegistry::Settle(const void* call,
                          absl::StatusOr<CallContext> decision) {
  Shard& shard = ShardOf(call);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.entries.find(call);
  if (it == shard.entries.end()) return;
  auto settled = std::make_shared<CallAdmission>();
  settled->decided = std::move(decision);
  settled->credentials = it->second.admission->credentials;
  it->second.admission = std::move(settled);
}

CallRegistry::Admission CallRegistry::Find(const void* call) const {
  Shard& shard = ShardOf(call);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.entries.find(call);
  return it == shard.entries.end() ? nullptr : it->second.admission;
}

}  // namespace identity
