// Impersonation state of a Client, and the scoped guard that sets it for a
// block (calls carry kImpersonateUserMetadata).
//
//   {
//     identity::ImpersonationScope as_jack = client.Impersonate("jack");
//     client.GetUserInfo();  // runs as jack
//   }                        // back to whatever was impersonated before
#ifndef IDENTITY_CLIENT_IMPERSONATION_H_
#define IDENTITY_CLIENT_IMPERSONATION_H_

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace identity {

// The user whose identity a Client's calls assume; "" for none. A Client and
// the scopes it hands out share one instance, so a scope keeps working when
// its Client is moved.
//
// Two layers: the shared user (SetImpersonateUser), for every thread; and
// per thread, a stack of scopes, which only that thread sees. So scopes
// opened on one Client by two threads can neither see nor undo each other:
// each thread's innermost scope wins for its own calls, and when it ends the
// thread falls back to its next scope, then to the shared user.
class ImpersonatedUser {
 public:
  explicit ImpersonatedUser(std::string user_id)
      : shared_user_id_(std::move(user_id)) {}

  // The calling thread's innermost scope's user, else the shared user.
  std::string Get() const;

  // Replaces the shared user; the calling thread's open scopes still win.
  void SetShared(std::string user_id);

  // Opens a scope of `user_id` on the calling thread and returns that thread.
  std::thread::id PushScope(std::string user_id);
  // Ends the innermost scope of `thread` (scopes nest, so it is the one
  // ending).
  void PopScope(std::thread::id thread);

 private:
  mutable absl::Mutex mu_;
  std::string shared_user_id_ ABSL_GUARDED_BY(mu_);
  // Only threads with an open scope have an entry.
  std::map<std::thread::id, std::vector<std::string>> scopes_
      ABSL_GUARDED_BY(mu_);
};

// Impersonates a user for its lifetime, then restores the previous state
// (another user, or none) on every exit path: return, break or exception.
// Obtained from Client::Impersonate. Scopes nest; they must end in reverse
// order of creation, as blocks do. The impersonation applies to the calls
// the opening thread makes on that Client; other threads keep their own
// scopes or the shared SetImpersonateUser value, so a scope cannot leak
// into, or be undone by, another thread.
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
  // The thread whose scope this is, wherever the scope ends.
  std::thread::id thread_;
};

}  // namespace identity

#endif  // IDENTITY_CLIENT_IMPERSONATION_H_
