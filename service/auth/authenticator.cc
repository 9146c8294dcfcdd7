#include "service/auth/authenticator.h"

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

}  // namespace

absl::StatusOr<CallContext> Authenticator::Authenticate(
    const CallCredentials& credentials) const {
  if (credentials.authorization.empty()) {
    return MissingCredentials(
        "missing credentials: send \"authorization: Bearer <access key>\"");
  }
  if (credentials.authorization.size() > 1) {
    return MissingCredentials("more than one authorization header");
  }
  absl::string_view key = credentials.authorization.front();
  if (!absl::ConsumePrefix(&key, kBearerPrefix)) {
    return MissingCredentials(
        "authorization must have the form \"Bearer <access key>\"");
  }
  const absl::Time deadline =
      std::min(credentials.deadline, absl::Now() + kLookupBudget);

  CallContext call;
  call.method = std::string(credentials.method);
  call.peer = std::string(credentials.peer);
  call.deadline = credentials.deadline;
  ASSIGN_OR_RETURN(call.effective_user, KeyOwner(key, deadline));

  if (credentials.impersonate.empty()) return call;
  if (credentials.impersonate.size() > 1) {
    return InvalidImpersonationHeader(InvalidFieldError(
        kImpersonateUserMetadata,
        absl::StrCat(kImpersonateUserMetadata, " may be sent only once")));
  }
  const std::string target_id(credentials.impersonate.front());
  if (absl::Status status = ValidateId(kImpersonateUserMetadata, target_id);
      !status.ok()) {
    return InvalidImpersonationHeader(std::move(status));
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const Principal> target,
                   ImpersonationTarget(call, target_id));
  call.impersonator = std::move(call.effective_user);
  call.effective_user = std::move(target);
  return call;
}

absl::StatusOr<std::shared_ptr<const Principal>> Authenticator::KeyOwner(
    absl::string_view key, absl::Time deadline) const {
  if (!AccessKeySecret::IsWellFormed(key)) {
    return InvalidAccessKey("malformed access key");
  }
  const std::string key_hash = HashAccessKey(key);
  std::shared_ptr<const CachedKey> entry = cache_->FindKey(key_hash);
  if (entry == nullptr) {
    const uint64_t generation = cache_->generation();
    absl::StatusOr<storage::Credential> credential =
        store_->FindCredential(key_hash, deadline);
    if (absl::IsNotFound(credential.status())) {
      return InvalidAccessKey("invalid access key");
    }
    RETURN_IF_ERROR(credential.status());
    auto loaded = std::make_shared<CachedKey>();
    loaded->key_hash = key_hash;
    loaded->expire_time = credential->secret_expire_time;
    loaded->owner = std::make_shared<const Principal>(KeyHolderOf(*credential));
    cache_->PutKey(generation, loaded);
    entry = std::move(loaded);
  }
  // The map lookup matched on the hash already; this comparison is the one
  // that grants access, so it does not leak timing.
  if (!HashesEqual(entry->key_hash, key_hash)) {
    return InvalidAccessKey("invalid access key");
  }
  const absl::Time now = absl::Now();
  if (entry->expire_time && *entry->expire_time <= now) {
    return InvalidAccessKey("access key expired");
  }
  key_uses_->Record(key_hash, now);
  return entry->owner;
}

absl::StatusOr<std::shared_ptr<const Principal>>
Authenticator::ImpersonationTarget(const CallContext& call,
                                   const std::string& target_id) const {
  const Principal& caller = call.user();
  std::shared_ptr<const Principal> target;
  if (ImpersonationPolicy::MayImpersonate(caller)) {
    ASSIGN_OR_RETURN(
        target, LoadUser(target_id,
                         std::min(call.deadline, absl::Now() + kLookupBudget)));
  }
  absl::Status allowed =
      ImpersonationPolicy::Check(caller, target.get(), target_id);
  if (allowed.ok()) return target;
  RecordRefusal(call, target_id);
  return allowed;
}

absl::StatusOr<std::shared_ptr<const Principal>> Authenticator::LoadUser(
    const std::string& user_id, absl::Time deadline) const {
  if (auto cached = cache_->FindUser(user_id)) return cached;
  const uint64_t generation = cache_->generation();
  std::shared_ptr<const Principal> user;
  RETURN_IF_ERROR(store_->RunInTransaction(
      deadline, storage::Access::kReadOnly,
      [&](storage::Transaction& tx) -> absl::Status {
        absl::StatusOr<storage::User> stored =
            tx.users().Get(user_id, storage::Lock::kNone);
        if (absl::IsNotFound(stored.status())) return absl::OkStatus();
        RETURN_IF_ERROR(stored.status());
        user = std::make_shared<const Principal>(Principal::FromUser(*stored));
        return absl::OkStatus();
      }));
  if (user != nullptr) cache_->PutUser(generation, user);
  return user;
}

void Authenticator::RecordRefusal(const CallContext& call,
                                  absl::string_view target_id) const {
  storage::AuditEvent event = AuditEventOf(call, storage::kAuditImpersonation,
                                           target_id, call.user().org_id);
  event.outcome = "PERMISSION_DENIED";
  // The refusal stands even if it cannot be recorded; the caller learns
  // nothing more either way.
  store_
      ->RunInTransaction(
          std::min(call.deadline, absl::Now() + kLookupBudget),
          storage::Access::kReadWrite,
          [&](storage::Transaction& tx) { return tx.audit().Append(event); })
      .IgnoreError();
}

}  // namespace identity
