#include "service/api/access_key_api.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "service/api/audit_entry.h"
#include "service/api/audit_summary.h"
#include "service/api/field_validation.h"
#include "service/api/idempotent_create.h"
#include "service/api/in_transaction.h"
#include "service/api/list_page.h"
#include "service/api/resource_conversion.h"
#include "service/api/resource_reach.h"
#include "service/auth/access_key_secret.h"
#include "service/auth/access_policy.h"
#include "service/auth/key_ceiling.h"
#include "service/auth/role_catalog.h"

namespace identity {
namespace {

using storage::Lock;
using storage::Transaction;

bool NamesCaller(const CallContext& call, const std::string& user_id) {
  return user_id.empty() || user_id == call.user().id;
}

// The user whose keys the call manages: the caller itself when `user_id`
// names it, else one it holds write:user over.
absl::StatusOr<storage::User> KeyOwnerInReach(Transaction& tx,
                                              const CallContext& call,
                                              const std::string& user_id,
                                              Lock lock) {
  if (NamesCaller(call, user_id)) return tx.users().Get(call.user().id, lock);
  ASSIGN_OR_RETURN(
      storage::User owner,
      LoadUserInReach(tx, call, user_id, Permission::kWriteUser, lock));
  RETURN_IF_ERROR(
      AccessPolicy::RequireCanManage(call, UserPrincipal::FromUser(owner)));
  return owner;
}

// Whether the call may manage the keys of `user_id`, as far as can be told
// before reading: its own keys need `own_keys` (write:access_key to mint
// one, self:access_keys for the rest); another user's need write:user over
// that user, which KeyOwnerInReach checks. A secret that a rotation
// replaced may go on using its key, but a call that `changes_keys` with it
// is refused: otherwise whoever kept the old secret could rotate the key
// back to a secret of its own, or mint one, and shut the owner out.
absl::Status RequireMayManageKeysOf(const CallContext& call,
                                    const std::string& user_id,
                                    Permission own_keys, bool changes_keys) {
  if (!user_id.empty()) RETURN_IF_ERROR(ValidateId("user_id", user_id));
  if (changes_keys && call.key_holder->superseded_secret) {
    return absl::PermissionDeniedError(
        "a secret replaced by a rotation may use its key until its grace "
        "period ends, but may not create, rotate or delete keys");
  }
  if (NamesCaller(call, user_id)) {
    RETURN_IF_ERROR(AccessPolicy::Require(call, own_keys));
  }
  return absl::OkStatus();
}

absl::Status ValidateKeyName(absl::string_view field, absl::string_view name) {
  return ValidateText(field, name, kMaxKeyNameLength, /*required=*/true);
}

// The permissions a least-privilege key asks for, if it does: known names
// (INVALID_ARGUMENT) that the call holds (PERMISSION_DENIED).
absl::StatusOr<std::optional<PermissionSet>> RequestedCeiling(
    const CallContext& call, const v1::CreateAccessKeyRequest& request) {
  if (request.permissions().empty()) return std::nullopt;
  RETURN_IF_ERROR(ValidateCount("permissions", request.permissions().size(),
                                kMaxRequestedPermissions));
  ASSIGN_OR_RETURN(
      const PermissionSet requested,
      ParsePermissionList("permissions", {request.permissions().begin(),
                                          request.permissions().end()}));
  if (!requested.IsSubsetOf(call.permissions())) {
    return absl::PermissionDeniedError(
        "permissions: call cannot grant permissions it does not hold");
  }
  return requested;
}

// The ceiling a new key of `owner` gets. Its
// secret goes to the actor. Unbounded only when owners mint for themselves
// with an unbounded key and ask for no less: the key may then follow their
// roles, as their own keys always have. Otherwise it is capped at what the
// call may do (the issuer's permissions, already capped by the issuer's own
// key) within what the owner holds now, so that a later promotion of the
// owner does not reach a secret someone else holds; and within `requested`.
std::optional<PermissionSet> CeilingForNewKey(
    const CallContext& call, const storage::User& owner,
    const std::optional<PermissionSet>& requested) {
  const bool owner_with_unbounded_key = !call.impersonating() &&
                                        call.user().id == owner.id &&
                                        !call.key_holder->ceiling.has_value();
  if (owner_with_unbounded_key) return requested;
  PermissionSet ceiling =
      call.permissions().Intersect(RoleCatalog::PermissionsOf(owner.roles));
  if (requested.has_value()) ceiling = ceiling.Intersect(*requested);
  return ceiling;
}

absl::Status TooManyKeys(const storage::User& owner) {
  return absl::FailedPreconditionError(
      absl::StrCat("user ", owner.id, " already has ", kMaxAccessKeysPerUser,
                   " access keys, the most a user may have: delete one first"));
}

// How long a rotated key's old secret keeps working when the request does
// not say: a day, time enough for a deploy to roll out everywhere.
constexpr absl::Duration kDefaultRotationGrace = absl::Hours(24);
constexpr absl::Duration kMaxRotationGrace = absl::Hours(24 * 30);

absl::StatusOr<absl::Duration> RotationGrace(
    const v1::RotateAccessKeyRequest& request) {
  if (!request.has_grace_period()) return kDefaultRotationGrace;
  const google::protobuf::Duration& grace = request.grace_period();
  if (grace.seconds() < 0 || grace.nanos() < 0 ||
      grace.nanos() >= 1'000'000'000 ||
      grace.seconds() > absl::ToInt64Seconds(kMaxRotationGrace) ||
      absl::Seconds(grace.seconds()) + absl::Nanoseconds(grace.nanos()) >
          kMaxRotationGrace) {
    return InvalidFieldError(
        "grace_period",
        "grace_period must be between 0s and 30 days (2592000s)");
  }
  return absl::Seconds(grace.seconds()) + absl::Nanoseconds(grace.nanos());
}

// A rotation hands the key's new secret to the call, so the key may do no
// more than the call may (what the call's own key allows): an owner
// rotating its unbounded key with an unbounded key, as CeilingForNewKey
// lets it mint one, or any key whose ceiling is within the call's
// permissions. Without this, an org admin could take a fresh secret of a
// key that follows a super admin's roles, or a capped key a wider one.
absl::Status RequireMayTakeSecretOf(const CallContext& call,
                                    const storage::User& owner,
                                    const storage::AccessKey& key) {
  if (!CeilingForNewKey(call, owner, std::nullopt).has_value()) {
    return absl::OkStatus();
  }
  const std::optional<PermissionSet> ceiling = CeilingOf(key);
  if (ceiling.has_value() && ceiling->IsSubsetOf(call.permissions())) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      "call cannot rotate a key that may do more than the call");
}

}  // namespace

absl::StatusOr<v1::AccessKey> AccessKeyApi::CreateAccessKey(
    const CallContext& call, const v1::CreateAccessKeyRequest& request) const {
  RETURN_IF_ERROR(RequireMayManageKeysOf(call, request.user_id(),
                                         Permission::kWriteAccessKey,
                                         /*changes_keys=*/true));
  RETURN_IF_ERROR(ValidateKeyName("name", request.name()));
  RETURN_IF_ERROR(ValidateText("description", request.description(),
                               kMaxDescriptionLength));
  RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  storage::AccessKey key;
  if (request.has_expire_time()) {
    key.expire_time = FromTimestamp(request.expire_time());
    if (*key.expire_time <= absl::Now()) {
      return InvalidFieldError("expire_time",
                               "expire_time must be in the future");
    }
  }
  ASSIGN_OR_RETURN(const std::optional<PermissionSet> requested,
                   RequestedCeiling(call, request));
  key.name = request.name();
  key.description = request.description();
  key.issuer_id = call.actor().id;
  const AccessKeySecret secret = AccessKeySecret::Generate();
  key.key_prefix = secret.prefix();
  const std::string key_hash = HashAccessKey(secret.value());

  return IdempotentCreate<v1::AccessKey>(
      *store_, call, request,
      [&](Transaction& tx) -> absl::StatusOr<v1::AccessKey> {
        ASSIGN_OR_RETURN(
            storage::User owner,
            KeyOwnerInReach(tx, call, request.user_id(), Lock::kForUpdate));
        // The owner's row is locked, so parallel creates count in turn.
        ASSIGN_OR_RETURN(const int64_t keys_held,
                         tx.access_keys().CountOfUser(owner.id));
        if (keys_held >= kMaxAccessKeysPerUser) return TooManyKeys(owner);
        key.user_id = owner.id;
        key.permission_ceiling =
            CeilingNames(CeilingForNewKey(call, owner, requested));
        ASSIGN_OR_RETURN(storage::AccessKey created,
                         tx.access_keys().Insert(key, key_hash));
        AuditSummary summary;
        summary.Set("key_prefix", created.key_prefix);
        if (created.permission_ceiling.has_value()) {
          summary.SetList("permission_ceiling", *created.permission_ceiling);
        }
        RETURN_IF_ERROR(tx.audit().Append(
            MakeAuditEvent(call, storage::kAuditAccessKey,
                           absl::StrCat(owner.id, "/", created.name),
                           owner.org_id, summary.Build())));
        v1::AccessKey response = ToProto(created);
        response.set_access_key(secret.value());
        return response;
      },
      [&](Transaction& tx, const v1::AccessKey& created) -> absl::Status {
        RETURN_IF_ERROR(RequireMayManageKeysOf(call, created.user_id(),
                                               Permission::kSelfAccessKeys,
                                               /*changes_keys=*/false));
        return KeyOwnerInReach(tx, call, created.user_id(), Lock::kNone)
            .status();
      });
}

absl::StatusOr<v1::ListAccessKeysResponse> AccessKeyApi::ListAccessKeys(
    const CallContext& call, const v1::ListAccessKeysRequest& request) const {
  RETURN_IF_ERROR(RequireMayManageKeysOf(call, request.user_id(),
                                         Permission::kSelfAccessKeys,
                                         /*changes_keys=*/false));
  // Best effort: shows this server's latest uses; others' follow within
  // their flush interval.
  key_uses_->Flush(call.deadline).IgnoreError();
  return ListPage(
      *store_, call.deadline, request,
      [&](Transaction& tx, const storage::PageRequest& page)
          -> absl::StatusOr<std::vector<storage::AccessKey>> {
        ASSIGN_OR_RETURN(
            storage::User owner,
            KeyOwnerInReach(tx, call, request.user_id(), Lock::kNone));
        return tx.access_keys().List(page, owner.id);
      },
      &v1::ListAccessKeysResponse::add_access_keys,
      [](const storage::AccessKey& row) { return row.name; });
}

absl::StatusOr<v1::AccessKey> AccessKeyApi::RotateAccessKey(
    const CallContext& call, const v1::RotateAccessKeyRequest& request) const {
  RETURN_IF_ERROR(RequireMayManageKeysOf(call, request.user_id(),
                                         Permission::kSelfAccessKeys,
                                         /*changes_keys=*/true));
  RETURN_IF_ERROR(ValidateKeyName("name", request.name()));
  ASSIGN_OR_RETURN(const absl::Duration grace, RotationGrace(request));
  const AccessKeySecret secret = AccessKeySecret::Generate();
  const std::string key_hash = HashAccessKey(secret.value());

  std::string owner_id;
  ASSIGN_OR_RETURN(
      const storage::AccessKey rotated,
      WriteInTransaction(
          *store_, call.deadline,
          [&](Transaction& tx) -> absl::StatusOr<storage::AccessKey> {
            ASSIGN_OR_RETURN(
                storage::User owner,
                KeyOwnerInReach(tx, call, request.user_id(), Lock::kForUpdate));
            owner_id = owner.id;
            ASSIGN_OR_RETURN(
                storage::AccessKey rotated,
                tx.access_keys().Rotate(owner.id, request.name(), key_hash,
                                        secret.prefix(), grace));
            // Checked after the update, which then rolls back, so that the
            // key is read once.
            RETURN_IF_ERROR(RequireMayTakeSecretOf(call, owner, rotated));
            RETURN_IF_ERROR(tx.audit().Append(MakeAuditEvent(
                call, storage::kAuditAccessKey,
                absl::StrCat(owner.id, "/", rotated.name), owner.org_id,
                AuditSummary()
                    .Set("key_prefix", rotated.key_prefix)
                    .Set("previous_key_prefix", rotated.previous_key_prefix)
                    .Set("grace_period", absl::FormatDuration(grace))
                    .Build())));
            return rotated;
          }));
  // This server drops the old secret's cache entry now; the others when the
  // change feed tells them (the row's hash changed).
  cache_->OnUserChanged(owner_id);
  v1::AccessKey response = ToProto(rotated);
  response.set_access_key(secret.value());
  return response;
}

absl::StatusOr<google::protobuf::Empty> AccessKeyApi::DeleteAccessKeys(
    const CallContext& call, const v1::DeleteAccessKeysRequest& request) const {
  RETURN_IF_ERROR(RequireMayManageKeysOf(call, request.user_id(),
                                         Permission::kSelfAccessKeys,
                                         /*changes_keys=*/true));
  if (request.names().empty()) {
    return InvalidFieldError("names", "names must list at least one key");
  }
  RETURN_IF_ERROR(
      ValidateCount("names", request.names().size(), kMaxKeyNamesPerDelete));
  std::vector<std::string> names;
  for (const std::string& name : request.names()) {
    RETURN_IF_ERROR(ValidateKeyName("names", name));
    names.push_back(name);
  }
  std::string owner_id;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, storage::Access::kReadWrite,
      [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::User owner,
            KeyOwnerInReach(tx, call, request.user_id(), Lock::kForUpdate));
        owner_id = owner.id;
        RETURN_IF_ERROR(tx.access_keys().Delete(owner.id, names));
        return tx.audit().Append(MakeAuditEvent(
            call, storage::kAuditAccessKey, owner.id, owner.org_id,
            AuditSummary().SetList("names", names).Build()));
      }));
  cache_->OnUserChanged(owner_id);
  return google::protobuf::Empty();
}

}  // namespace identity
