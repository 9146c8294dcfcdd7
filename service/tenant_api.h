// TenantService's logic, free of gRPC.
//
//   TenantApi api(&store, &cache);
//   absl::StatusOr<v1::Tenant> tenant = api.CreateTenant(call, request);
#ifndef IDENTITY_SERVICE_TENANT_API_H_
#define IDENTITY_SERVICE_TENANT_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/tenant_service.pb.h"
#include "service/call_context.h"
#include "service/identity_cache.h"
#include "storage/store.h"

namespace identity {

class TenantApi {
 public:
  TenantApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  absl::StatusOr<v1::Tenant> CreateTenant(
      const CallContext& call, const v1::CreateTenantRequest& request) const;
  absl::StatusOr<v1::Tenant> GetTenant(
      const CallContext& call, const v1::GetTenantRequest& request) const;
  absl::StatusOr<v1::Tenant> UpdateTenant(
      const CallContext& call, const v1::UpdateTenantRequest& request) const;
  // A forced delete by a caller without write:org also requires that every
  // user of the tenant is one the caller could delete.
  absl::StatusOr<google::protobuf::Empty> DeleteTenant(
      const CallContext& call, const v1::DeleteTenantRequest& request) const;
  absl::StatusOr<v1::ListTenantsResponse> ListTenants(
      const CallContext& call, const v1::ListTenantsRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_TENANT_API_H_
