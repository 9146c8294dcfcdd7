// The canonical name of a gRPC status code ("OK", "NOT_FOUND"...), as logs
// and metric labels spell it.
//
//   StatusCodeName(grpc::StatusCode::UNAUTHENTICATED);  // "UNAUTHENTICATED"
#ifndef IDENTITY_SERVICE_GRPC_STATUS_CODE_NAME_H_
#define IDENTITY_SERVICE_GRPC_STATUS_CODE_NAME_H_

#include <grpcpp/support/status.h>

namespace identity {

// "UNKNOWN" for a value outside the enumeration.
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace identity

#endif  // IDENTITY_SERVICE_GRPC_STATUS_CODE_NAME_H_
