// UserService.UpdateConfig's logic, free of gRPC: the caller's own
// configuration, a map of string keys to JSON values.
//
//   ConfigApi api(&store);
//   absl::StatusOr<v1::UpdateConfigResponse> merged =
//       api.UpdateConfig(call, request);
#ifndef IDENTITY_SERVICE_API_CONFIG_API_H_
#define IDENTITY_SERVICE_API_CONFIG_API_H_

#include "absl/status/statusor.h"
#include "identity/v1/user_service.pb.h"
#include "service/auth/call_context.h"
#include "storage/store.h"

namespace identity {

class ConfigApi {
 public:
  explicit ConfigApi(storage::Store* store) : store_(store) {}

  // Sets every key of `updated`, removes every key of `deleted`, and returns
  // the whole resulting map; an empty request returns the current map.
  // INVALID_ARGUMENT naming updated or deleted for a bad key or value, for
  // more than kMaxDeletedConfigKeys deleted keys, or naming updated when the
  // result would exceed kMaxConfigKeys keys or kMaxConfigBytes of JSON
  // (nothing is written then: the database merges and checks in one
  // statement); UNAVAILABLE or DEADLINE_EXCEEDED from the database.
  absl::StatusOr<v1::UpdateConfigResponse> UpdateConfig(
      const CallContext& call, const v1::UpdateConfigRequest& request) const;

 private:
  storage::Store* const store_;
};

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_CONFIG_API_H_
