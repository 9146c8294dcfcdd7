// The five identity.v1 services as tables: every RPC bound to the API method
// that serves it, on the executor or (GetUserInfo, the hot path) inline.
//
//   IdentityServices services(&dispatcher, apis);
//   RETURN_IF_ERROR(services.RequireEveryMethodBound());
//   for (grpc::Service* service : services.All())
//   builder.RegisterService(service);
#ifndef IDENTITY_SERVICE_GRPC_IDENTITY_SERVICES_H_
#define IDENTITY_SERVICE_GRPC_IDENTITY_SERVICES_H_

#include <vector>

#include "absl/status/status.h"
#include "service/api/access_key_api.h"
#include "service/api/audit_api.h"
#include "service/api/config_api.h"
#include "service/api/org_api.h"
#include "service/api/tenant_api.h"
#include "service/api/user_api.h"
#include "service/grpc/bound_service.h"
#include "service/grpc/unary_dispatcher.h"

namespace identity {

// The APIs the services bind to; they must outlive the services.
struct IdentityApis {
  const OrgApi* orgs;
  const TenantApi* tenants;
  const UserApi* users;
  const ConfigApi* configs;
  const AccessKeyApi* access_keys;
  const AuditApi* audit;
};

class IdentityServices {
 public:
  IdentityServices(const UnaryDispatcher* dispatcher, const IdentityApis& apis);

  // INTERNAL when a table misses an RPC of its proto service.
  absl::Status RequireEveryMethodBound() const;
  std::vector<grpc::Service*> All();

 private:
  BoundService orgs_;
  BoundService tenants_;
  BoundService users_;
  BoundService access_keys_;
  BoundService audit_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_IDENTITY_SERVICES_H_
