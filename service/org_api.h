// OrgService's logic: validation, authorization, the transaction and its
// audit event. Knows nothing of gRPC; the adapter in grpc_services calls it.
//
//   OrgApi api(&store, &cache);
//   absl::StatusOr<v1::Org> org = api.CreateOrg(call, request);
#ifndef IDENTITY_SERVICE_ORG_API_H_
#define IDENTITY_SERVICE_ORG_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/org_service.pb.h"
#include "service/call_context.h"
#include "service/identity_cache.h"
#include "storage/store.h"

namespace identity {

class OrgApi {
 public:
  OrgApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  absl::StatusOr<v1::Org> CreateOrg(const CallContext& call,
                                    const v1::CreateOrgRequest& request) const;
  absl::StatusOr<v1::Org> GetOrg(const CallContext& call,
                                 const v1::GetOrgRequest& request) const;
  absl::StatusOr<v1::Org> UpdateOrg(const CallContext& call,
                                    const v1::UpdateOrgRequest& request) const;
  absl::StatusOr<google::protobuf::Empty> DeleteOrg(
      const CallContext& call, const v1::DeleteOrgRequest& request) const;
  // Holders of write:org see every org; holders of read:org their own.
  absl::StatusOr<v1::ListOrgsResponse> ListOrgs(
      const CallContext& call, const v1::ListOrgsRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_ORG_API_H_
