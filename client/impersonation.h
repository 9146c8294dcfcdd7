// Impersonation state of a Client, and the scoped guard that sets it for a
// block (DESIGN.md §3: calls carry kImpersonateUserMetadata).
//
//   {
//     identity::ImpersonationScope as_jack = client.Impersonate("jack");
//     client.GetUserInfo();  // runs as jack
//   }                        // back to whatever was impersonated before
#ifndef IDENTITY_CLIENT_IMPERSONATION_H_
#define IDENTITY_CLIENT_IMPERSONATION_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace identity {

// The user whose identity a Client's calls assume; "" for none. A Client and
// the scopes it hands out share one instance, so a scope keeps working when
// its Client is moved.
class ImpersonatedUser {
 public:
  explicit ImpersonatedUser(std::string user_id)
      : user_id_(std::move(user_id)) {}

  std::string Get() const;

  // Makes `user_id` current and returns the previous one, atomically, so a
  // scope always restores exactly what it replaced.
  std::string Exchange(std::string user_id);

 private:
  mutable absl::Mutex mu_;
  std::string user_id_ ABSL_GUARDED_BY(mu_);
};

// Impersonates a user for its lifetime, then restores the previous state
// (another user, or none) on every exit path: return, break or exception.
// Obtained from Client::Impersonate. Scopes nest; they must end in reverse
// order of creation, as blocks do. The impersonation applies to every call on
// that Client from any thread; give each thread its own view with
// Client::AsUser instead when threads need different users.
//
// Move-constructible, so it can be returned and kept in a std::optional, but
// not assignable: assigning a newer scope over an older one would end them
// out of order and restore the wrong user.
class ImpersonationScope {
 public:
  ImpersonationScope(ImpersonationScope&& other) noexcept;
  ImpersonationScope& operator=(ImpersonationScope&&) = delete;
  ImpersonationScope(const ImpersonationScope&) = delete;
  ImpersonationScope& operator=(const ImpersonationScope&) = delete;
  ~ImpersonationScope();

 private:
  friend class Client;
  ImpersonationScope(std::shared_ptr<ImpersonatedUser> state,
                     std::string user_id);

  // Null once moved from.
  std::shared_ptr<ImpersonatedUser> state_;
  std::string previous_user_id_;
};

}  // namespace identity

#endif  // IDENTITY_CLIENT_IMPERSONATION_H_
