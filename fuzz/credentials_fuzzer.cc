// The two headers every call may carry, from anyone on the network:
// `authorization` (through the Authenticator, down to the key's shape check)
// and `x-impersonate-user` (ValidateId, which the Authenticator applies to it
// once the key is known). The input is the authorization value, a newline,
// and the impersonation value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "base/call_metadata.h"
#include "fuzz/unavailable_store.h"
#include "service/auth/access_key_secret.h"
#include "service/auth/authenticator.h"
#include "service/auth/failed_authentication_limiter.h"
#include "service/auth/identity_cache.h"
#include "service/auth/impersonation_refusal_recorder.h"
#include "service/auth/key_use_recorder.h"
#include "service/auth/resource_id.h"

namespace {

identity::fuzzing::UnavailableStore store;
identity::IdentityCache cache;
identity::KeyUseRecorder key_uses(&store, absl::Hours(1));
identity::ImpersonationRefusalRecorder refusals(&store, absl::Hours(1));
// Never exhausted, so that every input reaches the checks.
identity::FailedAuthenticationLimiter failures({/*per_second=*/1e9,
                                                /*burst=*/1e18});
const identity::Authenticator authenticator(&store, &cache, &key_uses,
                                            &refusals, &failures);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string authorization = input.substr(0, newline);
  const std::string impersonate =
      newline == std::string::npos ? "" : input.substr(newline + 1);

  absl::string_view key = authorization;
  if (absl::ConsumePrefix(&key, identity::kBearerPrefix) &&
      identity::AccessKeySecret::IsWellFormed(key) &&
      identity::AccessKeySecret::PrefixOf(key).size() >= key.size()) {
    std::abort();  // The prefix would give the whole secret away.
  }

  identity::CallCredentials credentials;
  credentials.authorization = {authorization};
  if (newline != std::string::npos) credentials.impersonate = {impersonate};
  credentials.method = "/identity.v1.UserService/GetUserInfo";
  credentials.deadline = absl::Now() + absl::Seconds(1);
  // Both halves: from memory (the gRPC thread's), then with the store.
  std::optional<absl::StatusOr<identity::CallContext>> decided =
      authenticator.AuthenticateFromMemory(credentials);
  if (decided.has_value() && decided->ok()) std::abort();
  const absl::StatusOr<identity::CallContext> call =
      authenticator.AuthenticateWithStore(credentials);
  // No key is known to the store, so none may get through.
  if (call.ok() || !(absl::IsUnauthenticated(call.status()) ||
                     absl::IsUnavailable(call.status()))) {
    std::abort();
  }

  const absl::Status id =
      identity::ValidateId(identity::kImpersonateUserMetadata, impersonate);
  if (!id.ok() && !absl::IsInvalidArgument(id)) std::abort();
  if (id.ok() &&
      (impersonate.empty() || impersonate.size() > identity::kMaxIdLength)) {
    std::abort();
  }
  return 0;
}
