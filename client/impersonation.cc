#include "client/impersonation.h"

#include <utility>

namespace identity {

std::string ImpersonatedUser::Get() const {
  absl::MutexLock lock(&mu_);
  return user_id_;
}

std::string ImpersonatedUser::Exchange(std::string user_id) {
  absl::MutexLock lock(&mu_);
  return std::exchange(user_id_, std::move(user_id));
}

ImpersonationScope::ImpersonationScope(std::shared_ptr<ImpersonatedUser> state,
                                       std::string user_id)
    : state_(std::move(state)),
      previous_user_id_(state_->Exchange(std::move(user_id))) {}

ImpersonationScope::ImpersonationScope(ImpersonationScope&& other) noexcept
    : state_(std::move(other.state_)),
      previous_user_id_(std::move(other.previous_user_id_)) {}

ImpersonationScope::~ImpersonationScope() {
  if (state_ != nullptr) {
    state_->Exchange(std::move(previous_user_id_));
  }
}

}  // namespace identity
