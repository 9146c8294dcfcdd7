// A storage::Store whose database is never there: every call is UNAVAILABLE.
// Fuzz targets run the API methods on it, so that only what happens before
// the first transaction — parsing and validating the request — is exercised.
//
//   UnavailableStore store;
//   OrgApi api(&store, &cache);
//   api.CreateOrg(call, request);  // INVALID_ARGUMENT, or UNAVAILABLE
#ifndef IDENTITY_FUZZ_UNAVAILABLE_STORE_H_
#define IDENTITY_FUZZ_UNAVAILABLE_STORE_H_

#include <string_view>
#include <vector>

#include "storage/store.h"

namespace identity::fuzzing {

class UnavailableStore final : public storage::Store {
 public:
  // storage::Store:
  absl::Status RunInTransaction(
      absl::Time, storage::Access,
      absl::FunctionRef<absl::Status(storage::Transaction&)>) override {
    return absl::UnavailableError("no database while fuzzing");
  }
  absl::StatusOr<storage::Credential> FindCredential(std::string_view,
                                                     absl::Time) override {
    return absl::UnavailableError("no database while fuzzing");
  }
  absl::Status RecordKeyUses(const std::vector<storage::KeyUse>&,
                             absl::Time) override {
    return absl::UnavailableError("no database while fuzzing");
  }
  absl::StatusOr<bool> HasUserWithRole(std::string_view, absl::Time) override {
    return absl::UnavailableError("no database while fuzzing");
  }
};

}  // namespace identity::fuzzing

#endif  // IDENTITY_FUZZ_UNAVAILABLE_STORE_H_
