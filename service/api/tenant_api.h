// TenantService's logic, free of gRPC.
//
//   TenantApi api(&store, &cache);
//   absl::StatusOr<v1::Tenant> tenant = api.CreateTenant(call, request);
//
// A tenant outside the caller's org is PERMISSION_DENIED whether or not it
// exists (holders of write:org get NOT_FOUND for an absent one). Every method
// may also return UNAVAILABLE or DEADLINE_EXCEEDED.
#ifndef IDENTITY_SERVICE_API_TENANT_API_H_
#define IDENTITY_SERVICE_API_TENANT_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/tenant_service.pb.h"
#include "service/auth/call_context.h"
#include "service/auth/identity_cache.h"
#include "storage/store.h"

namespace identity {

class TenantApi {
 public:
  TenantApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  // PERMISSION_DENIED without write:tenant in tenant.org_id;
  // INVALID_ARGUMENT naming a bad field; ALREADY_EXISTS when the id is taken;
  // FAILED_PRECONDITION when the org does not exist. A retry with the
  // request_id of a create that succeeded gets its response again.
  absl::StatusOr<v1::Tenant> CreateTenant(
      const CallContext& call, const v1::CreateTenantRequest& request) const;
  // PERMISSION_DENIED without read:tenant there; INVALID_ARGUMENT; NOT_FOUND.
  absl::StatusOr<v1::Tenant> GetTenant(
      const CallContext& call, const v1::GetTenantRequest& request) const;
  // PERMISSION_DENIED without write:tenant there; INVALID_ARGUMENT naming a
  // bad field, an update_mask path or a changed org_id; NOT_FOUND; ABORTED
  // when the etag is stale.
  absl::StatusOr<v1::Tenant> UpdateTenant(
      const CallContext& call, const v1::UpdateTenantRequest& request) const;
  // PERMISSION_DENIED without write:tenant there, or for a forced delete by
  // a caller without write:org when a user of the tenant is one it could not
  // delete itself; INVALID_ARGUMENT; NOT_FOUND; FAILED_PRECONDITION while
  // users exist and force is unset.
  absl::StatusOr<google::protobuf::Empty> DeleteTenant(
      const CallContext& call, const v1::DeleteTenantRequest& request) const;
  // lookup_org_id defaults to the caller's org. PERMISSION_DENIED without
  // read:tenant there; INVALID_ARGUMENT for a bad org id, page_size or
  // page_token.
  absl::StatusOr<v1::ListTenantsResponse> ListTenants(
      const CallContext& call, const v1::ListTenantsRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_TENANT_API_H_
