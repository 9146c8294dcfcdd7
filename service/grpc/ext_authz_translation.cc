#include "service/grpc/ext_authz_translation.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/call_metadata.h"
#include "base/status_macros.h"
#include "google/rpc/status.pb.h"
#include "service/auth/ip_address.h"
#include "service/auth/permission.h"

namespace identity {
namespace {

using envoy::config::core::v3::HeaderValueOption;
using envoy::service::auth::v3::CheckRequest;
using envoy::service::auth::v3::CheckResponse;

// google.rpc.Code values (google/rpc/code.proto), which CheckResponse.status
// carries.
constexpr int kRpcOk = 0;

// A raw header map entry's value: Envoy sends it in raw_value when told to
// (encode_raw_headers), else in value.
absl::string_view ValueOf(const envoy::config::core::v3::HeaderValue& header) {
  return header.raw_value().empty() ? header.value() : header.raw_value();
}

void CollectHeader(absl::string_view name, absl::string_view value,
                   CallCredentials& credentials) {
  if (name == kAuthorizationMetadata) {
    credentials.authorization.emplace_back(value);
  } else if (name == kImpersonateUserMetadata) {
    credentials.impersonate.emplace_back(value);
  }
}

std::optional<Permission> PermissionNamed(absl::string_view name) {
  for (int i = 0; i < kPermissionCount; ++i) {
    const Permission permission = static_cast<Permission>(i);
    if (PermissionName(permission) == name) return permission;
  }
  return std::nullopt;
}

// False when a required permission is missing, or unknown: a route naming a
// permission that does not exist admits nobody rather than everybody.
bool HoldsRequiredPermissions(const CallContext& call,
                              const CheckRequest& request) {
  const auto& extensions = request.attributes().context_extensions();
  auto required = extensions.find(kRequiredPermissionExtension);
  if (required == extensions.end()) return true;
  for (absl::string_view name :
       absl::StrSplit(required->second, ',', absl::SkipWhitespace())) {
    std::optional<Permission> permission =
        PermissionNamed(absl::StripAsciiWhitespace(name));
    if (!permission || !call.permissions().Has(*permission)) return false;
  }
  return true;
}

// Replaces whatever the caller sent under `name`: the upstream trusts these
// headers, so a caller must not be able to add values of its own. Envoy
// versions before append_action read the deprecated `append`, whose unset
// default (false) also means replace.
void SetHeader(absl::string_view name, absl::string_view value,
               google::protobuf::RepeatedPtrField<HeaderValueOption>& headers) {
  HeaderValueOption* option = headers.Add();
  option->mutable_header()->set_key(std::string(name));
  option->mutable_header()->set_value(std::string(value));
  option->set_append_action(HeaderValueOption::OVERWRITE_IF_EXISTS_OR_ADD);
  option->set_keep_empty_value(true);
}

CheckResponse Allowed(const CallContext& call, const ExtAuthzOptions& options) {
  CheckResponse response;
  response.mutable_status()->set_code(kRpcOk);
  auto* ok = response.mutable_ok_response();
  const UserPrincipal& user = call.user();
  SetHeader(kUserIdHeader, user.id, *ok->mutable_headers());
  SetHeader(kOrgIdHeader, user.org_id, *ok->mutable_headers());
  SetHeader(kTenantIdHeader, user.tenant_id, *ok->mutable_headers());
  SetHeader(kRolesHeader, absl::StrJoin(user.roles, ","),
            *ok->mutable_headers());
  SetHeader(kPermissionsHeader, absl::StrJoin(call.permissions().Names(), ","),
            *ok->mutable_headers());
  if (call.impersonating()) {
    SetHeader(kImpersonatorIdHeader, call.actor().id, *ok->mutable_headers());
  } else {
    ok->add_headers_to_remove(kImpersonatorIdHeader);
  }
  if (options.strip_authorization) {
    ok->add_headers_to_remove(kAuthorizationMetadata);
  }
  return response;
}

CheckResponse Denied(absl::StatusCode code, envoy::type::v3::StatusCode http,
                     absl::string_view error) {
  CheckResponse response;
  response.mutable_status()->set_code(static_cast<int>(code));
  auto* denied = response.mutable_denied_response();
  denied->mutable_status()->set_code(http);
  SetHeader("content-type", "application/json", *denied->mutable_headers());
  if (http == envoy::type::v3::Unauthorized) {
    SetHeader("www-authenticate", "Bearer", *denied->mutable_headers());
  }
  denied->set_body(absl::StrCat("{\"error\":\"", error, "\"}"));
  return response;
}

}  // namespace

absl::StatusOr<CallCredentials> CredentialsOfCheck(const CheckRequest& request,
                                                   absl::string_view peer) {
  const auto& http = request.attributes().request().http();
  CallCredentials credentials;
  credentials.method = kExtAuthzCheckMethod;
  credentials.peer = std::string(peer);
  if (const std::string& source =
          request.attributes().source().address().socket_address().address();
      !source.empty()) {
    ASSIGN_OR_RETURN(const IpAddress address,
                     IpAddress::Parse(kSourceAddressField, source));
    credentials.claimed_address = address.ToString();
  }
  for (const auto& [name, value] : http.headers()) {
    CollectHeader(name, value, credentials);
  }
  for (const auto& header : http.header_map().headers()) {
    CollectHeader(header.key(), ValueOf(header), credentials);
  }
  return credentials;
}

std::string RequestIdOfCheck(const CheckRequest& request) {
  const auto& http = request.attributes().request().http();
  if (auto sent = http.headers().find(kRequestIdMetadata);
      sent != http.headers().end()) {
    return sent->second;
  }
  for (const auto& header : http.header_map().headers()) {
    if (header.key() == kRequestIdMetadata) {
      return std::string(ValueOf(header));
    }
  }
  return "";
}

absl::StatusOr<CheckResponse> CheckResponseOf(
    const absl::StatusOr<CallContext>& decision, const CheckRequest& request,
    const ExtAuthzOptions& options) {
  if (decision.ok()) {
    if (!HoldsRequiredPermissions(*decision, request)) {
      return Denied(absl::StatusCode::kPermissionDenied,
                    envoy::type::v3::Forbidden, "permission_denied");
    }
    return Allowed(*decision, options);
  }
  switch (decision.status().code()) {
    case absl::StatusCode::kUnauthenticated:
      return Denied(absl::StatusCode::kUnauthenticated,
                    envoy::type::v3::Unauthorized, "unauthenticated");
    case absl::StatusCode::kPermissionDenied:
      return Denied(absl::StatusCode::kPermissionDenied,
                    envoy::type::v3::Forbidden, "permission_denied");
    // A malformed x-impersonate-user, or source address.
    case absl::StatusCode::kInvalidArgument:
      return Denied(absl::StatusCode::kInvalidArgument,
                    envoy::type::v3::BadRequest, "invalid_argument");
    // The downstream address had too many failed authentications lately.
    case absl::StatusCode::kResourceExhausted:
      return Denied(absl::StatusCode::kResourceExhausted,
                    envoy::type::v3::TooManyRequests, "too_many_requests");
    default:
      return decision.status();
  }
}

}  // namespace identity
