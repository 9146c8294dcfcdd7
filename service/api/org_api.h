// OrgService's logic: validation, authorization, the transaction and its
// audit event. Knows nothing of gRPC; service/grpc binds the RPCs to it.
//
//   OrgApi api(&store, &cache);
//   absl::StatusOr<v1::Org> org = api.CreateOrg(call, request);
//
// Every method may also return UNAVAILABLE (the database is unreachable) or
// DEADLINE_EXCEEDED (the call's deadline passed), and checks permission
// before existence.
#ifndef IDENTITY_SERVICE_API_ORG_API_H_
#define IDENTITY_SERVICE_API_ORG_API_H_

#include "absl/status/statusor.h"
#include "google/protobuf/empty.pb.h"
#include "identity/v1/org_service.pb.h"
#include "service/auth/call_context.h"
#include "service/auth/identity_cache.h"
#include "storage/store.h"

namespace identity {

class OrgApi {
 public:
  OrgApi(storage::Store* store, IdentityCache* cache)
      : store_(store), cache_(cache) {}

  // PERMISSION_DENIED without write:org; INVALID_ARGUMENT naming a bad field;
  // ALREADY_EXISTS when the id is taken, except for a retry with the
  // request_id of a create that succeeded, which gets its response again.
  absl::StatusOr<v1::Org> CreateOrg(const CallContext& call,
                                    const v1::CreateOrgRequest& request) const;
  // PERMISSION_DENIED unless it is the caller's org and it holds read:org,
  // or it holds write:org; INVALID_ARGUMENT for a bad id; NOT_FOUND.
  absl::StatusOr<v1::Org> GetOrg(const CallContext& call,
                                 const v1::GetOrgRequest& request) const;
  // PERMISSION_DENIED without write:org; INVALID_ARGUMENT naming a bad field
  // or update_mask path; NOT_FOUND; ABORTED when the etag is stale.
  absl::StatusOr<v1::Org> UpdateOrg(const CallContext& call,
                                    const v1::UpdateOrgRequest& request) const;
  // PERMISSION_DENIED without write:org; INVALID_ARGUMENT for a bad id;
  // NOT_FOUND; FAILED_PRECONDITION while tenants exist and force is unset.
  absl::StatusOr<google::protobuf::Empty> DeleteOrg(
      const CallContext& call, const v1::DeleteOrgRequest& request) const;
  // Holders of write:org see every org; holders of read:org their own;
  // others get PERMISSION_DENIED. INVALID_ARGUMENT for a bad page_size or
  // page_token.
  absl::StatusOr<v1::ListOrgsResponse> ListOrgs(
      const CallContext& call, const v1::ListOrgsRequest& request) const;

 private:
  storage::Store* const store_;
  IdentityCache* const cache_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_ORG_API_H_
