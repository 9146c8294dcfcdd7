#include "service/access_key_api.h"

#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "service/access_key_secret.h"
#include "service/access_policy.h"
#include "service/audit_entry.h"
#include "service/audit_summary.h"
#include "service/field_validation.h"
#include "service/page_token.h"
#include "service/resource_conversion.h"
#include "service/resource_reach.h"

namespace identity {
namespace {

using storage::Access;
using storage::Lock;
using storage::Transaction;

// The user whose keys the call manages: the caller itself when `user_id` is
// empty or its own id, else one it holds write:user over.
absl::StatusOr<storage::User> KeyOwnerInReach(Transaction& tx,
                                              const Principal& caller,
                                              const std::string& user_id,
                                              Lock lock) {
  if (user_id.empty() || user_id == caller.id) {
    return tx.users().Get(caller.id, lock);
  }
  ASSIGN_OR_RETURN(
      storage::User owner,
      LoadUserInReach(tx, caller, user_id, Permission::kWriteUser, lock));
  RETURN_IF_ERROR(
      AccessPolicy::RequireCanManage(caller, Principal::FromUser(owner)));
  return owner;
}

absl::Status ValidateKeyName(absl::string_view field, absl::string_view name) {
  return ValidateText(field, name, kMaxKeyNameLength, /*required=*/true);
}

absl::Status ValidateOwnerId(const std::string& user_id) {
  return user_id.empty() ? absl::OkStatus() : ValidateId("user_id", user_id);
}

}  // namespace

absl::StatusOr<v1::AccessKey> AccessKeyApi::CreateAccessKey(
    const CallContext& call, const v1::CreateAccessKeyRequest& request) const {
  const Principal& caller = call.user();
  RETURN_IF_ERROR(ValidateOwnerId(request.user_id()));
  const bool own = request.user_id().empty() || request.user_id() == caller.id;
  if (own) {
    RETURN_IF_ERROR(AccessPolicy::Require(caller, Permission::kWriteAccessKey));
  }
  RETURN_IF_ERROR(ValidateKeyName("name", request.name()));
  RETURN_IF_ERROR(ValidateText("description", request.description(),
                               kMaxDescriptionLength));
  storage::AccessKey key;
  if (request.has_expire_time()) {
    key.expire_time = FromTimestamp(request.expire_time());
    if (*key.expire_time <= absl::Now()) {
      return absl::InvalidArgumentError("expire_time must be in the future");
    }
  }
  key.name = request.name();
  key.description = request.description();
  const AccessKeySecret secret = AccessKeySecret::Generate();
  key.key_prefix = secret.prefix();
  const std::string key_hash = HashAccessKey(secret.value());

  storage::AccessKey created;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::User owner,
            KeyOwnerInReach(tx, caller, request.user_id(), Lock::kForUpdate));
        key.user_id = owner.id;
        ASSIGN_OR_RETURN(created, tx.access_keys().Insert(key, key_hash));
        return tx.audit().Append(MakeAuditEvent(
            call, kAuditAccessKey, absl::StrCat(owner.id, "/", created.name),
            owner.org_id,
            AuditSummary().Set("key_prefix", created.key_prefix).Build()));
      }));
  v1::AccessKey response = ToProto(created);
  response.set_access_key(secret.value());
  return response;
}

absl::StatusOr<v1::ListAccessKeysResponse> AccessKeyApi::ListAccessKeys(
    const CallContext& call, const v1::ListAccessKeysRequest& request) const {
  RETURN_IF_ERROR(ValidateOwnerId(request.user_id()));
  ASSIGN_OR_RETURN(PageCursor page,
                   DecodePage(request.page_size(), request.page_token()));
  // Best effort: shows this server's latest uses; others' follow within
  // their flush interval.
  key_uses_->Flush(call.deadline).IgnoreError();
  std::vector<storage::AccessKey> rows;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadOnly, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(
            storage::User owner,
            KeyOwnerInReach(tx, call.user(), request.user_id(), Lock::kNone));
        ASSIGN_OR_RETURN(
            rows, tx.access_keys().List({page.after, page.size + 1}, owner.id));
        return absl::OkStatus();
      }));
  v1::ListAccessKeysResponse response;
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   EmitPage(
                       rows, page,
                       [&](const storage::AccessKey& row) {
                         *response.add_access_keys() = ToProto(row);
                         return absl::OkStatus();
                       },
                       [](const storage::AccessKey& row) { return row.name; }));
  return response;
}

absl::StatusOr<google::protobuf::Empty> AccessKeyApi::DeleteAccessKeys(
    const CallContext& call, const v1::DeleteAccessKeysRequest& request) const {
  RETURN_IF_ERROR(ValidateOwnerId(request.user_id()));
  if (request.names().empty()) {
    return absl::InvalidArgumentError("names must list at least one key");
  }
  std::vector<std::string> names;
  for (const std::string& name : request.names()) {
    RETURN_IF_ERROR(ValidateKeyName("names", name));
    names.push_back(name);
  }
  std::string owner_id;
  RETURN_IF_ERROR(store_->RunInTransaction(
      call.deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
        ASSIGN_OR_RETURN(storage::User owner,
                         KeyOwnerInReach(tx, call.user(), request.user_id(),
                                         Lock::kForUpdate));
        owner_id = owner.id;
        RETURN_IF_ERROR(tx.access_keys().Delete(owner.id, names));
        return tx.audit().Append(
            MakeAuditEvent(call, kAuditAccessKey, owner.id, owner.org_id,
                           AuditSummary().SetList("names", names).Build()));
      }));
  cache_->OnUserChanged(owner_id);
  return google::protobuf::Empty();
}

}  // namespace identity
