// Envoy's external authorization (envoy.service.auth.v3) in terms of the
// Authenticator: which credentials a CheckRequest carries, and which
// CheckResponse a decision becomes. Pure functions, so that every rule is
// unit-tested without a server; ext_authz_service.h calls them.
//
//   ASSIGN_OR_RETURN(CallCredentials credentials,
//                    CredentialsOfCheck(request, context->peer()));
//   absl::StatusOr<CallContext> call = authenticator.Authenticate(credentials);
//   absl::StatusOr<CheckResponse> response =
//       CheckResponseOf(call, request, ExtAuthzOptions{});
#ifndef IDENTITY_SERVICE_GRPC_EXT_AUTHZ_TRANSLATION_H_
#define IDENTITY_SERVICE_GRPC_EXT_AUTHZ_TRANSLATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "envoy/service/auth/v3/external_auth.pb.h"
#include "service/auth/authenticator.h"
#include "service/auth/call_context.h"

namespace identity {

// The full name of the Check method, as CallContext::method and audit events
// show it.
inline constexpr char kExtAuthzCheckMethod[] =
    "/envoy.service.auth.v3.Authorization/Check";

// The headers Check adds to an allowed request for the upstream service.
inline constexpr char kUserIdHeader[] = "x-identity-user-id";
inline constexpr char kOrgIdHeader[] = "x-identity-org-id";
inline constexpr char kTenantIdHeader[] = "x-identity-tenant-id";
inline constexpr char kRolesHeader[] = "x-identity-roles";
inline constexpr char kPermissionsHeader[] = "x-identity-permissions";
inline constexpr char kImpersonatorIdHeader[] = "x-identity-impersonator-id";

// The context extension (set per route in Envoy, e.g.
// `required_permission: write:databases`) naming permissions the caller
// must hold, comma-separated.
inline constexpr char kRequiredPermissionExtension[] = "required_permission";

struct ExtAuthzOptions {
  // Removes the caller's `authorization` header before the request goes
  // upstream, so that services behind Envoy never see the secret.
  bool strip_authorization = true;
};

// Where a CheckRequest names the client of the HTTP request, as
// INVALID_ARGUMENT names it.
inline constexpr char kSourceAddressField[] =
    "attributes.source.address.socket_address.address";

// The authorization and x-impersonate-user values of the HTTP request
// Envoy asks about (from `headers`, or `header_map` when Envoy sends raw
// headers), with method kExtAuthzCheckMethod, `peer` (the Check's own, the
// authorizer's) as peer, and the downstream address as claimed_address, in
// canonical form (empty when the request names none, as for a Unix socket
// client). INVALID_ARGUMENT naming kSourceAddressField when that address is
// not an IP address (IpAddress::Parse): nothing else about it is trusted,
// its length least of all.
absl::StatusOr<CallCredentials> CredentialsOfCheck(
    const envoy::service::auth::v3::CheckRequest& request,
    absl::string_view peer);

// The x-request-id of the HTTP request Envoy asks about, as sent (check it
// with IsAcceptableRequestId before logging it); empty when there is none.
std::string RequestIdOfCheck(
    const envoy::service::auth::v3::CheckRequest& request);

// The answer to Envoy for `decision`, the Authenticator's verdict on
// CredentialsOfCheck(request):
// * allowed (and holding every required_permission): OkHttpResponse setting
//   the x-identity-* headers (overwriting any the caller sent) and removing
//   an x-identity-impersonator-id it did not set, and `authorization` if
//   `options` say so;
// * UNAUTHENTICATED: 401; PERMISSION_DENIED or a missing required
//   permission: 403; INVALID_ARGUMENT (a malformed x-impersonate-user or
//   source address): 400;
//   RESOURCE_EXHAUSTED (the downstream address failed too often): 429.
//   Each with a JSON body naming only the kind of error, so that nothing
//   reveals whether a key or user exists.
// Any other error of `decision` (UNAVAILABLE, DEADLINE_EXCEEDED) is
// returned as is, for the Check call to fail with it: Envoy then applies its
// own failure policy (failure_mode_allow, status_on_error).
absl::StatusOr<envoy::service::auth::v3::CheckResponse> CheckResponseOf(
    const absl::StatusOr<CallContext>& decision,
    const envoy::service::auth::v3::CheckRequest& request,
    const ExtAuthzOptions& options);

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_EXT_AUTHZ_TRANSLATION_H_
