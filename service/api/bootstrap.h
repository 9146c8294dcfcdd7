// Creates the first super admin on an empty deployment: org
// "root", tenant "root", user "admin" with super-admin-user, and the given
// key, and records it in the audit trail of org "root" (actor
// kBootstrapActor). Does nothing once any super admin exists, and says which
// of the two it did.
//
//   ASSIGN_OR_RETURN(BootstrapOutcome outcome, BootstrapSuperAdmin(
//       store, std::getenv("IDENTITY_BOOTSTRAP_ADMIN_KEY"), deadline));
#ifndef IDENTITY_SERVICE_API_BOOTSTRAP_H_
#define IDENTITY_SERVICE_API_BOOTSTRAP_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace identity {

inline constexpr char kBootstrapOrgId[] = "root";
inline constexpr char kBootstrapTenantId[] = "root";
inline constexpr char kBootstrapUserId[] = "admin";
inline constexpr char kBootstrapKeyName[] = "bootstrap";
// The actor of the bootstrap's audit event; not a valid user id, so no user
// can be mistaken for it.
inline constexpr char kBootstrapActor[] = "(bootstrap)";

// INVALID_ARGUMENT when `admin_key` does not have the shape of an access key
// ("idk_" and 43 base64url characters, as `identityd --generate_key` prints);
// FAILED_PRECONDITION when user "admin" or tenant "root" exists anywhere but
// in root/root (ids are global; only root/root/admin is ever bootstrapped);
// the store's errors (UNAVAILABLE, ALREADY_EXISTS or ABORTED when a replica
// bootstraps at the same time) otherwise.
enum class BootstrapOutcome {
  kCreated,           // The super admin and its key were created now.
  kSuperAdminExists,  // Some super admin exists already: nothing was done.
};
absl::StatusOr<BootstrapOutcome> BootstrapSuperAdmin(
    storage::Store& store, absl::string_view admin_key, absl::Time deadline);

}  // namespace identity

#endif  // IDENTITY_SERVICE_API_BOOTSTRAP_H_
