// A typed, thread-safe C++ client for the identity service (identity.v1): one
// method per RPC of its five services, returning absl::StatusOr<response>.
//
//   absl::StatusOr<identity::Client> client = Client::Create(options);
//   absl::StatusOr<identity::v1::User> jack = client->GetUser("jack@x.io");
//   identity::ImpersonationScope as_jack = client->Impersonate("jack@x.io");
//
// Calling convention: a method takes the resource, id, update mask or force
// flag directly when that is all its request holds (create, get, update and
// delete of orgs, tenants and users); every other RPC takes its request
// message, so optional filters, paging and "default: the caller" fields stay
// named. RPCs answering google.protobuf.Empty return absl::Status.
//
// Errors: every method returns the service's status, code and message
// unchanged (UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND,
// ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED, ...); DEADLINE_EXCEEDED when
// the call outlives the timeout; UNAVAILABLE when the server is unreachable.
//
// Every call carries the access key as kAuthorizationMetadata (unless it is
// empty), a deadline of the configured timeout and, while impersonating,
// the user id as kImpersonateUserMetadata (base/call_metadata.h).
// All call methods are const and may run from many threads at once.
#ifndef IDENTITY_CLIENT_CLIENT_H_
#define IDENTITY_CLIENT_CLIENT_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/client_options.h"
#include "client/impersonation.h"
#include "google/protobuf/field_mask.pb.h"
#include "identity/v1/access_key_service.pb.h"
#include "identity/v1/audit_service.pb.h"
#include "identity/v1/org_service.pb.h"
#include "identity/v1/resources.pb.h"
#include "identity/v1/tenant_service.pb.h"
#include "identity/v1/user_service.pb.h"

namespace identity {

class Client {
 public:
  // Creates a channel to options.endpoint. INVALID_ARGUMENT when the endpoint
  // is empty, the timeout is not positive or credentials are missing.
  // Connecting is lazy: an unreachable server shows as UNAVAILABLE on the
  // first call.
  static absl::StatusOr<Client> Create(ClientOptions options);

  // Calls over an existing channel, e.g. one to an in-process server.
  Client(std::shared_ptr<grpc::Channel> channel, std::string access_key,
         absl::Duration timeout = absl::Seconds(10));

  // Movable, not copyable: a copy would silently fork the impersonation
  // state; AsUser is the explicit way to get a second view. A moved-from
  // Client may only be assigned to or destroyed.
  Client(Client&&) = default;
  Client& operator=(Client&&) = default;

  // --- Impersonation ---
  // The caller's key needs `usage:impersonation`; the server answers
  // PERMISSION_DENIED otherwise. These setters change the user for every call
  // on this Client, from any thread without an open ImpersonationScope.

  // Runs every following call as `user_id`; "" is the same as
  // ClearImpersonation().
  void SetImpersonateUser(std::string user_id);
  void ClearImpersonation();
  // The impersonated user id, or "" when calls run as the key's own user.
  std::string impersonated_user() const;

  // Impersonates `user_id`, for the calls of the calling thread only, until
  // the returned scope ends; then that thread is back to its previous state,
  // which may itself be a scope's impersonation.
  [[nodiscard]] ImpersonationScope Impersonate(std::string user_id);

  // A Client sharing this one's channel, key and timeout whose calls run as
  // `user_id`. Independent of this Client: SetImpersonateUser on either does
  // not affect the other. Cheap (no new connection); safe to share between
  // threads as long as nobody calls its setters.
  Client AsUser(std::string user_id) const;

  // Creates take an optional request_id that makes them safe to retry: a
  // retry with the same one returns the original result, not ALREADY_EXISTS
  // (for CreateAccessKey, set CreateAccessKeyRequest.request_id; its retry
  // returns the key without the secret).

  // --- OrgService ---
  absl::StatusOr<v1::Org> CreateOrg(const v1::Org& org,
                                    std::string_view request_id = {}) const;
  absl::StatusOr<v1::Org> GetOrg(std::string_view id) const;
  // org.id names the org; a set org.etag must be current (else ABORTED). An
  // empty mask updates every mutable field that is set.
  absl::StatusOr<v1::Org> UpdateOrg(
      const v1::Org& org,
      const google::protobuf::FieldMask& update_mask = {}) const;
  // FAILED_PRECONDITION while the org has tenants, unless `force`.
  absl::Status DeleteOrg(std::string_view id, bool force = false) const;
  absl::StatusOr<v1::ListOrgsResponse> ListOrgs(
      const v1::ListOrgsRequest& request = {}) const;

  // --- TenantService ---
  absl::StatusOr<v1::Tenant> CreateTenant(
      const v1::Tenant& tenant, std::string_view request_id = {}) const;
  absl::StatusOr<v1::Tenant> GetTenant(std::string_view id) const;
  absl::StatusOr<v1::Tenant> UpdateTenant(
      const v1::Tenant& tenant,
      const google::protobuf::FieldMask& update_mask = {}) const;
  // FAILED_PRECONDITION while the tenant has users, unless `force`.
  absl::Status DeleteTenant(std::string_view id, bool force = false) const;
  absl::StatusOr<v1::ListTenantsResponse> ListTenants(
      const v1::ListTenantsRequest& request = {}) const;

  // --- UserService ---
  absl::StatusOr<v1::User> CreateUser(const v1::User& user,
                                      std::string_view request_id = {}) const;
  absl::StatusOr<v1::User> GetUser(std::string_view id) const;
  absl::StatusOr<v1::User> UpdateUser(
      const v1::User& user,
      const google::protobuf::FieldMask& update_mask = {}) const;
  absl::Status DeleteUser(std::string_view id) const;
  absl::StatusOr<v1::ListUsersResponse> ListUsers(
      const v1::ListUsersRequest& request = {}) const;
  // The caller, or the user it impersonates.
  absl::StatusOr<v1::GetUserInfoResponse> GetUserInfo() const;
  // Merges into the caller's configuration and returns all of it; the empty
  // request just returns it.
  absl::StatusOr<v1::UpdateConfigResponse> UpdateConfig(
      const v1::UpdateConfigRequest& request = {}) const;

  // --- AccessKeyService ---
  // The response holds the secret; the only time it is ever returned.
  absl::StatusOr<v1::AccessKey> CreateAccessKey(
      const v1::CreateAccessKeyRequest& request) const;
  absl::StatusOr<v1::ListAccessKeysResponse> ListAccessKeys(
      const v1::ListAccessKeysRequest& request = {}) const;
  // All or nothing: NOT_FOUND, and nothing deleted, if a name is unknown.
  absl::Status DeleteAccessKeys(
      const v1::DeleteAccessKeysRequest& request) const;
  // A new secret for an existing key, in the response only; the old secret
  // works until the response's previous_expire_time. NOT_FOUND when the key
  // does not exist; INVALID_ARGUMENT for a grace_period over 30 days.
  absl::StatusOr<v1::AccessKey> RotateAccessKey(
      const v1::RotateAccessKeyRequest& request) const;

  // --- AuditService ---
  absl::StatusOr<v1::ListAuditEventsResponse> ListAuditEvents(
      const v1::ListAuditEventsRequest& request = {}) const;

 private:
  // The generated stubs of the five services, over one channel.
  struct Stubs;

  Client(std::shared_ptr<Stubs> stubs, std::string access_key,
         absl::Duration timeout, std::string impersonated_user);

  // Sends one unary call with this client's key, deadline and impersonation.
  template <typename Stub, typename Request, typename Response>
  absl::StatusOr<Response> Call(Stub& stub,
                                grpc::Status (Stub::*rpc)(grpc::ClientContext*,
                                                          const Request&,
                                                          Response*),
                                const Request& request) const;

  // Immutable after construction; the stubs themselves are thread-safe.
  std::shared_ptr<Stubs> stubs_;
  std::string access_key_;
  absl::Duration timeout_;
  std::shared_ptr<ImpersonatedUser> impersonated_user_;
};

}  // namespace identity

#endif  // IDENTITY_CLIENT_CLIENT_H_
