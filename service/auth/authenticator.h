// Turns a call's credentials into the identity it runs as: the key's owner,
// or the user it impersonates. Knows nothing of gRPC; the
// interceptor hands it the raw metadata values. In two parts, so that no
// gRPC thread waits on the store: AuthenticateFromMemory decides what the
// caches can (a well-formedness check, a cached key, a remembered unknown
// key, a peer out of failures), and AuthenticateWithStore, on a thread that
// may block, decides the rest.
//
//   CallCredentials credentials;
//   credentials.authorization = {"Bearer idk_..."};
//   credentials.method = "/identity.v1.UserService/GetUserInfo";
//   std::optional<absl::StatusOr<CallContext>> decided =
//       authenticator.AuthenticateFromMemory(credentials);
//   if (!decided) decided = authenticator.AuthenticateWithStore(credentials);
#ifndef IDENTITY_SERVICE_AUTH_AUTHENTICATOR_H_
#define IDENTITY_SERVICE_AUTH_AUTHENTICATOR_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "base/call_metadata.h"
#include "service/auth/call_context.h"
#include "service/auth/failed_authentication_limiter.h"
#include "service/auth/identity_cache.h"
#include "service/auth/impersonation_refusal_recorder.h"
#include "service/auth/key_use_recorder.h"
#include "storage/store.h"

namespace identity {

// A call's credentials, copied out of its metadata so that they outlive the
// interceptor when the store must be asked.
struct CallCredentials {
  // Every value of the kAuthorizationMetadata header.
  std::vector<std::string> authorization;
  // Every value of the kImpersonateUserMetadata header.
  std::vector<std::string> impersonate;
  std::string method;
  // Where the call came from (gRPC's peer): always charged for a failure.
  std::string peer;
  // For an Envoy Check, the client address the authorizer claims for the
  // request it asks about (a valid IP, canonical); empty otherwise. Charged
  // in buckets of its own, and never taken for the call's peer.
  std::string claimed_address;
  // Already bounded by the server's longest call.
  absl::Time deadline = absl::InfiniteFuture();
};

class Authenticator {
 public:
  // All must outlive the authenticator.
  Authenticator(storage::Store* store, IdentityCache* cache,
                KeyUseRecorder* key_uses,
                ImpersonationRefusalRecorder* refusals,
                FailedAuthenticationLimiter* failures)
      : store_(store),
        cache_(cache),
        key_uses_(key_uses),
        refusals_(refusals),
        failures_(failures) {}

  // The decision, from memory alone, or nullopt when only the store can
  // tell (then call AuthenticateWithStore). Never blocks. The codes of
  // AuthenticateWithStore, except UNAVAILABLE.
  std::optional<absl::StatusOr<CallContext>> AuthenticateFromMemory(
      const CallCredentials& credentials) const;

  // The decision, asking the store for what memory lacks; blocks on it.
  // UNAUTHENTICATED for a missing, malformed, unknown, deleted or expired
  // key; RESOURCE_EXHAUSTED when the peer's address had too many failed
  // authentications lately, or a Check's claimed address did (see
  // FailedAuthenticationLimiter). With an
  // impersonation header: INVALID_ARGUMENT when it is empty, malformed or
  // repeated; PERMISSION_DENIED, with one message whether or not the target
  // exists, when the rules forbid it (the refusal is counted for the audit
  // trail, off this thread). UNAVAILABLE or DEADLINE_EXCEEDED when the store
  // is needed and unreachable: a miss fails closed.
  absl::StatusOr<CallContext> AuthenticateWithStore(
      const CallCredentials& credentials) const;

 private:
  enum class Source { kMemoryOnly, kMemoryAndStore };
  template <typename T>
  using Decided = std::optional<absl::StatusOr<T>>;

  // nullopt only with kMemoryOnly, when the store is needed.
  Decided<CallContext> Authenticate(const CallCredentials& credentials,
                                    Source source) const;
  Decided<std::shared_ptr<const KeyPrincipal>> KeyHolder(
      const CallCredentials& credentials, Source source) const;
  Decided<std::shared_ptr<const UserPrincipal>> ImpersonationTarget(
      const CallContext& call, const std::string& target_id,
      Source source) const;
  // The user, or null when it does not exist.
  absl::StatusOr<std::shared_ptr<const UserPrincipal>> LoadUser(
      const std::string& user_id, absl::Time deadline) const;
  // `failure`, counted against the peer and any claimed address;
  // RESOURCE_EXHAUSTED instead once either is out of failures.
  absl::Status FailedAuthentication(const CallCredentials& credentials,
                                    absl::Status failure) const;
  // Whether the peer or the claimed address is out of failures.
  bool OutOfFailures(const CallCredentials& credentials) const;

  storage::Store* const store_;
  IdentityCache* const cache_;
  KeyUseRecorder* const key_uses_;
  ImpersonationRefusalRecorder* const refusals_;
  FailedAuthenticationLimiter* const failures_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_AUTHENTICATOR_H_
