// Turns a call's credentials into the identity it runs as: the key's owner,
// or the user it impersonates (DESIGN §3). Knows nothing of gRPC; the
// interceptor hands it the raw metadata values.
//
//   CallCredentials credentials;
//   credentials.authorization = {"Bearer idk_..."};
//   credentials.method = "/identity.v1.UserService/GetUserInfo";
//   absl::StatusOr<CallContext> call = authenticator.Authenticate(credentials);
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
#include "service/auth/identity_cache.h"
#include "service/auth/key_use_recorder.h"
#include "storage/store.h"

namespace identity {

struct CallCredentials {
  // Every value of the kAuthorizationMetadata header.
  std::vector<absl::string_view> authorization;
  // Every value of the kImpersonateUserMetadata header.
  std::vector<absl::string_view> impersonate;
  absl::string_view method;
  absl::string_view peer;
  absl::Time deadline = absl::InfiniteFuture();
};

class Authenticator {
 public:
  Authenticator(storage::Store* store, IdentityCache* cache,
                KeyUseRecorder* key_uses)
      : store_(store), cache_(cache), key_uses_(key_uses) {}

  // UNAUTHENTICATED for a missing, malformed, unknown, deleted or expired
  // key. With an impersonation header: INVALID_ARGUMENT when it is empty,
  // malformed or repeated; PERMISSION_DENIED, with one message whether or not
  // the target exists, when the rules forbid it (and an audit event records
  // the refusal). UNAVAILABLE when the store is needed and unreachable.
  absl::StatusOr<CallContext> Authenticate(
      const CallCredentials& credentials) const;

  // True when Authenticate(credentials) would not need the store: the key
  // is missing, malformed or cached, and no impersonation is asked for
  // (refusing one writes an audit event). A caller that must not wait on the
  // database answers inline when true and from an executor when false; an
  // eviction in between costs one lookup, never a wrong answer.
  bool AnswersFromMemory(const CallCredentials& credentials) const;

 private:
  absl::StatusOr<std::shared_ptr<const Principal>> KeyOwner(
      absl::string_view key, absl::Time deadline) const;
  absl::StatusOr<std::shared_ptr<const Principal>> ImpersonationTarget(
      const CallContext& call, const std::string& target_id) const;
  // The user, or null when it does not exist.
  absl::StatusOr<std::shared_ptr<const Principal>> LoadUser(
      const std::string& user_id, absl::Time deadline) const;
  void RecordRefusal(const CallContext& call,
                     absl::string_view target_id) const;

  storage::Store* const store_;
  IdentityCache* const cache_;
  KeyUseRecorder* const key_uses_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_AUTHENTICATOR_H_
