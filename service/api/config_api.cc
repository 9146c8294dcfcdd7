#include "service/api/config_api.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/error_details.h"
#include "base/status_macros.h"
#include "google/protobuf/util/json_util.h"
#include "service/api/audit_entry.h"
#include "service/api/audit_summary.h"
#include "service/api/field_validation.h"
#include "service/api/in_transaction.h"
#include "service/api/json_struct.h"
#include "service/auth/access_policy.h"

namespace identity {
namespace {

absl::Status TooManyConfigKeys() {
  return InvalidFieldError("updated",
                           absl::StrCat("updated: a user may have at most ",
                                        kMaxConfigKeys, " config keys"));
}

constexpr storage::ConfigLimits kConfigLimits = {
    static_cast<int64_t>(kMaxConfigBytes),
    static_cast<int64_t>(kMaxConfigKeys)};

}  // namespace

absl::StatusOr<v1::UpdateConfigResponse> ConfigApi::UpdateConfig(
    const CallContext& call, const v1::UpdateConfigRequest& request) const {
  // Even an empty request, which only reads: a config may hold what a key
  // without self:config was not meant to see.
  RETURN_IF_ERROR(AccessPolicy::Require(call, Permission::kSelfConfig));
  const auto& updated = request.updated().fields();
  if (updated.size() > kMaxConfigKeys) return TooManyConfigKeys();
  for (const auto& [key, value] : updated) {
    RETURN_IF_ERROR(ValidateText("updated", key, kMaxConfigKeyLength,
                                 /*required=*/true));
    RETURN_IF_ERROR(ValueToJson(absl::StrCat("updated.", key), value).status());
  }
  RETURN_IF_ERROR(ValidateCount("deleted", request.deleted().size(),
                                kMaxDeletedConfigKeys));
  std::vector<std::string> deleted;
  for (const std::string& key : request.deleted()) {
    RETURN_IF_ERROR(ValidateText("deleted", key, kMaxConfigKeyLength,
                                 /*required=*/true));
    deleted.push_back(key);
  }
  std::string updated_json;
  if (!google::protobuf::util::MessageToJsonString(request.updated(),
                                                   &updated_json)
           .ok()) {
    return InvalidFieldError("updated", "updated cannot be written as JSON");
  }
  if (updated_json.size() > kMaxConfigBytes) {
    return InvalidFieldError(
        "updated", absl::StrCat("updated: a user's config may hold at most ",
                                kMaxConfigBytes, " bytes of JSON"));
  }
  const bool changes = !updated.empty() || !deleted.empty();

  ASSIGN_OR_RETURN(
      google::protobuf::Struct configs,
      WriteInTransaction(
          *store_, call.deadline,
          [&](storage::Transaction& tx)
              -> absl::StatusOr<google::protobuf::Struct> {
            ASSIGN_OR_RETURN(std::string json, tx.users().UpdateConfig(
                                                   call.user().id, updated_json,
                                                   deleted, kConfigLimits));
            ASSIGN_OR_RETURN(google::protobuf::Struct configs,
                             JsonToStruct(json));
            if (!changes) return configs;
            std::vector<std::string> keys;
            for (const auto& [key, value] : updated) keys.push_back(key);
            std::sort(keys.begin(), keys.end());
            RETURN_IF_ERROR(tx.audit().Append(MakeAuditEvent(
                call, storage::kAuditConfig, call.user().id, call.user().org_id,
                AuditSummary()
                    .SetList("updated", keys)
                    .SetList("deleted", deleted)
                    .Build())));
            return configs;
          }));
  v1::UpdateConfigResponse response;
  *response.mutable_configs() = std::move(configs);
  return response;
}

}  // namespace identity
