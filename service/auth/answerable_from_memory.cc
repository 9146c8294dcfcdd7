#include "service/auth/answerable_from_memory.h"

#include "absl/strings/strip.h"
#include "base/call_metadata.h"
#include "service/auth/access_key_secret.h"

namespace identity {

bool AnswerableFromMemory(const IdentityCache& cache,
                          const CallCredentials& credentials) {
  if (!credentials.impersonate.empty()) return false;
  if (credentials.authorization.size() != 1) return true;
  absl::string_view key = credentials.authorization.front();
  if (!absl::ConsumePrefix(&key, kBearerPrefix) ||
      !AccessKeySecret::IsWellFormed(key)) {
    return true;
  }
  return cache.FindKey(HashAccessKey(key)) != nullptr;
}

}  // namespace identity
