// The RPCs the server serves and reports to its CallObservers, read from
// their proto descriptors: every method of the identity.v1 services and
// Envoy's Check. A closed set, known at start: what metric labels may name,
// whatever method name a caller sends.
//
//   ServedMethods().contains("/identity.v1.OrgService/GetOrg");  // true
//   ServedMethods().contains("/identity.v1.OrgService/Nope");    // false
#ifndef IDENTITY_SERVICE_GRPC_SERVED_METHODS_H_
#define IDENTITY_SERVICE_GRPC_SERVED_METHODS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"

namespace identity {

// The full names of the identity.v1 services, e.g. "identity.v1.OrgService".
const std::vector<std::string>& IdentityServiceNames();

// Every served method's full name, e.g. "/identity.v1.OrgService/GetOrg".
const absl::flat_hash_set<std::string>& ServedMethods();

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_SERVED_METHODS_H_
