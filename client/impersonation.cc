#include "client/impersonation.h"

#include <utility>

namespace identity {

std::string ImpersonatedUser::Get() const {
  absl::MutexLock lock(&mu_);
  auto scopes = scopes_.find(std::this_thread::get_id());
  if (scopes != scopes_.end()) return scopes->second.back();
  return shared_user_id_;
}

void ImpersonatedUser::SetShared(std::string user_id) {
  absl::MutexLock lock(&mu_);
  shared_user_id_ = std::move(user_id);
}

std::thread::id ImpersonatedUser::PushScope(std::string user_id) {
  const std::thread::id thread = std::this_thread::get_id();
  absl::MutexLock lock(&mu_);
  scopes_[thread].push_back(std::move(user_id));
  return thread;
}

void ImpersonatedUser::PopScope(std::thread::id thread) {
  absl::MutexLock lock(&mu_);
  auto scopes = scopes_.find(thread);
  if (scopes == scopes_.end()) return;
  scopes->second.pop_back();
  if (scopes->second.empty()) scopes_.erase(scopes);
}

ImpersonationScope::ImpersonationScope(std::shared_ptr<ImpersonatedUser> state,
                                       std::string user_id)
    : state_(std::move(state)),
      thread_(state_->PushScope(std::move(user_id))) {}

ImpersonationScope::ImpersonationScope(ImpersonationScope&& other) noexcept
    : state_(std::move(other.state_)), thread_(other.thread_) {}

ImpersonationScope::~ImpersonationScope() {
  if (state_ != nullptr) state_->PopScope(thread_);
}

}  // namespace identity
