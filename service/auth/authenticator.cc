#include "service/auth/authenticator.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "service/auth/access_key_secret.h"
#include "service/auth/impersonation_policy.h"
#include "service/auth/key_ceiling.h"
#include "service/auth/resource_id.h"

namespace identity {
namespace {

// Lookups made to authenticate are short, whatever the call's deadline, so
// that a hung database cannot pile up waiting calls.
constexpr absl::Duration kLookupBudget = absl::Seconds(2);

// No usable authorization header.
absl::Status MissingCredentials(absl::string_view why) {
  return WithReason(absl::UnauthenticatedError(std::string(why)),
                    ErrorReason::kMissingCredentials);
}

// A key that grants nothing. The reason is the same for every such key, so
// that it does not tell whether the key exists.
absl::Status InvalidAccessKey(absl::string_view why) {
  return WithReason(absl::UnauthenticatedError(std::string(why)),
                    ErrorReason::kInvalidAccessKey);
}

absl::Status InvalidImpersonationHeader(absl::Status status) {
  return WithReason(std::move(status),
                    ErrorReason::kInvalidImpersonationHeader);
}

absl::Status TooManyFailures() {
  return WithReason(
      absl::ResourceExhaustedError(
          "too many failed authentications from this address; retry later"),
      ErrorReason::kTooManyFailedAuthentications);
}

absl::Time LookupDeadline(absl::Time call_deadline) {
  return std::min(call_deadline, absl::Now() + kLookupBudget);
}

}  // namespace

std::optional<absl::StatusOr<CallContext>>
Authenticator::AuthenticateFromMemory(
    const CallCredentials& credentials) const {
  return Authenticate(credentials, Source::kMemoryOnly);
}

absl::StatusOr<CallContext> Authenticator::AuthenticateWithStore(
    const CallCredentials& credentials) const {
  return *Authenticate(credentials, Source::kMemoryAndStore);
}

bool Authenticator::OutOfFailures(const CallCredentials& credentials) const {
  using Kind = FailedAuthenticationLimiter::AddressKind;
  return failures_->Exhausted(Kind::kPeer, credentials.peer) ||
         (!credentials.claimed_address.empty() &&
          failures_->Exhausted(Kind::kClaimed, credentials.claimed_address));
}

absl::Status Authenticator::FailedAuthentication(
    const CallCredentials& credentials, absl::Status failure) const {
  using Kind = FailedAuthenticationLimiter::AddressKind;
  if (OutOfFailures(credentials)) return TooManyFailures();
  failures_->Charge(Kind::kPeer, credentials.peer);
  if (!credentials.claimed_address.empty()) {
    failures_->Charge(Kind::kClaimed, credentials.claimed_address);
  }
  return failure;
}

std::optional<absl::StatusOr<CallContext>> Authenticator::Authenticate(
    const CallCredentials& credentials, Source source) const {
  Decided<std::shared_ptr<const KeyPrincipal>> holder =
      KeyHolder(credentials, source);
  if (!holder.has_value()) return std::nullopt;
  if (!holder->ok()) return holder->status();

  CallContext call;
  call.method = credentials.method;
  call.peer = credentials.peer;
  call.claimed_address = credentials.claimed_address;
  call.deadline = credentials.deadline;
  call.key_holder = **std::move(holder);

  if (credentials.impersonate.empty()) return call;
  if (credentials.impersonate.size() > 1) {
    return InvalidImpersonationHeader(InvalidFieldError(
        kImpersonateUserMetadata,
        absl::StrCat(kImpersonateUserMetadata, " may be sent only once")));
  }
  const std::string& target_id = credentials.impersonate.front();
  if (absl::Status status = ValidateId(kImpersonateUserMetadata, target_id);
      !status.ok()) {
    return InvalidImpersonationHeader(std::move(status));
  }
  Decided<std::shared_ptr<const UserPrincipal>> target =
      ImpersonationTarget(call, target_id, source);
  if (!target.has_value()) return std::nullopt;
  if (!target->ok()) return target->status();
  call.impersonated = **std::move(target);
  return call;
}

std::optional<absl::StatusOr<std::shared_ptr<const KeyPrincipal>>>
Authenticator::KeyHolder(const CallCredentials& credentials,
                         Source source) const {
  if (credentials.authorization.empty()) {
    return FailedAuthentication(
        credentials,
        MissingCredentials("missing credentials: send \"authorization: "
                           "Bearer <access key>\""));
  }
  if (credentials.authorization.size() > 1) {
    return FailedAuthentication(
        credentials, MissingCredentials("more than one authorization header"));
  }
  absl::string_view key = credentials.authorization.front();
  if (!absl::ConsumePrefix(&key, kBearerPrefix)) {
    return FailedAuthentication(
        credentials,
        MissingCredentials(
            "authorization must have the form \"Bearer <access key>\""));
  }
  if (!AccessKeySecret::IsWellFormed(key)) {
    return FailedAuthentication(credentials,
                                InvalidAccessKey("malformed access key"));
  }
  const std::string key_hash = HashAccessKey(key);
  std::shared_ptr<const CachedKey> entry = cache_->FindKey(key_hash);
  if (entry == nullptr) {
    if (source == Source::kMemoryOnly) {
      // Past this point the peer gets no lookups until it earns them back.
      if (OutOfFailures(credentials)) return TooManyFailures();
      if (cache_->IsUnknownKey(key_hash)) {
        return FailedAuthentication(credentials,
                                    InvalidAccessKey("invalid access key"));
      }
      return std::nullopt;
    }
    const uint64_t generation = cache_->generation();
    absl::StatusOr<storage::Credential> credential =
        store_->FindCredential(key_hash, LookupDeadline(credentials.deadline));
    if (absl::IsNotFound(credential.status())) {
      cache_->PutUnknownKey(generation, key_hash);
      return FailedAuthentication(credentials,
                                  InvalidAccessKey("invalid access key"));
    }
    if (!credential.ok()) return credential.status();
    auto loaded = std::make_shared<CachedKey>();
    loaded->key_hash = key_hash;
    loaded->expire_time = credential->secret_expire_time;
    loaded->holder =
        std::make_shared<const KeyPrincipal>(KeyHolderOf(*credential));
    cache_->PutKey(generation, loaded);
    entry = std::move(loaded);
  }
  // The map lookup matched on the hash already; this comparison is the one
  // that grants access, so it does not leak timing.
  if (!HashesEqual(entry->key_hash, key_hash)) {
    return FailedAuthentication(credentials,
                                InvalidAccessKey("invalid access key"));
  }
  const absl::Time now = absl::Now();
  if (entry->expire_time && *entry->expire_time <= now) {
    return FailedAuthentication(credentials,
                                InvalidAccessKey("access key expired"));
  }
  key_uses_->Record(key_hash, now);
  return entry->holder;
}

std::optional<absl::StatusOr<std::shared_ptr<const UserPrincipal>>>
Authenticator::ImpersonationTarget(const CallContext& call,
                                   const std::string& target_id,
                                   Source source) const {
  const KeyPrincipal& caller = *call.key_holder;
  std::shared_ptr<const UserPrincipal> target;
  if (ImpersonationPolicy::MayImpersonate(caller)) {
    target = cache_->FindUser(target_id);
    if (target == nullptr) {
      if (source == Source::kMemoryOnly) return std::nullopt;
      absl::StatusOr<std::shared_ptr<const UserPrincipal>> loaded =
          LoadUser(target_id, LookupDeadline(call.deadline));
      if (!loaded.ok()) return loaded.status();
      target = *std::move(loaded);
    }
  }
  absl::Status allowed =
      ImpersonationPolicy::Check(caller, target.get(), target_id);
  if (allowed.ok()) return target;
  refusals_->Record(call, target_id);
  return allowed;
}

absl::StatusOr<std::shared_ptr<const UserPrincipal>> Authenticator::LoadUser(
    const std::string& user_id, absl::Time deadline) const {
  if (auto cached = cache_->FindUser(user_id)) return cached;
  const uint64_t generation = cache_->generation();
  std::shared_ptr<const UserPrincipal> user;
  RETURN_IF_ERROR(store_->RunInTransaction(
      deadline, storage::Access::kReadOnly,
      [&](storage::Transaction& tx) -> absl::Status {
        absl::StatusOr<storage::User> stored =
            tx.users().Get(user_id, storage::Lock::kNone);
        if (absl::IsNotFound(stored.status())) return absl::OkStatus();
        RETURN_IF_ERROR(stored.status());
        user = std::make_shared<const UserPrincipal>(
            UserPrincipal::FromUser(*stored));
        return absl::OkStatus();
      }));
  if (user != nullptr) cache_->PutUser(generation, user);
  return user;
}

}  // namespace identity
