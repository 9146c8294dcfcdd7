// Whether Authenticator::Authenticate can decide on credentials without the
// store, so that a caller which must not wait on the database (a gRPC
// thread) knows when to answer inline and when to hand over to an executor.
// Kept apart from the Authenticator: it only reads the cache.
//
//   if (AnswerableFromMemory(cache, credentials)) {
//     Reply(authenticator.Authenticate(credentials));  // on this thread
//   } else {
//     executor.TrySubmit([&] { Reply(authenticator.Authenticate(credentials));
//     });
//   }
#ifndef IDENTITY_SERVICE_AUTH_ANSWERABLE_FROM_MEMORY_H_
#define IDENTITY_SERVICE_AUTH_ANSWERABLE_FROM_MEMORY_H_

#include "service/auth/authenticator.h"
#include "service/auth/identity_cache.h"

namespace identity {

// True when no impersonation is asked for (refusing one writes an audit
// event, allowing one may load the target) and the key is missing,
// malformed, or cached. An eviction between this and Authenticate costs one
// lookup on the calling thread, never a wrong answer.
bool AnswerableFromMemory(const IdentityCache& cache,
                          const CallCredentials& credentials);

}  // namespace identity

#endif  // IDENTITY_SERVICE_AUTH_ANSWERABLE_FROM_MEMORY_H_
