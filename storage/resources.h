// The stored resources, as plain structs that know nothing of gRPC or SQL.
//
//   storage::Org org;
//   org.id = "o1";
//   org.name = "My Org";
//   ASSIGN_OR_RETURN(org, tx.orgs().Insert(org));
//   // org.version, org.create_time and org.update_time are now set.
//
// JSON fields hold the text of a JSON object; the database stores it as jsonb.
#ifndef IDENTITY_STORAGE_RESOURCES_H_
#define IDENTITY_STORAGE_RESOURCES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace identity::storage {

struct Org {
  std::string id;
  std::string name;
  std::string variables_json = "{}";
  absl::Time create_time;
  absl::Time update_time;
  // Starts at 1 and grows by one with every update; the etag is made from it.
  int64_t version = 0;
};

struct Tenant {
  std::string id;
  std::string name;
  std::string org_id;
  std::string variables_json = "{}";
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
};

struct User {
  std::string id;
  std::string name;
  std::string email;
  std::string tenant_id;
  std::string org_id;
  std::string variables_json = "{}";
  std::vector<std::string> roles;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
  // Assigned by the store, never reused: the user's and its org's immutable
  // identities, which a later user or org of the same id does not share.
  int64_t key = 0;
  int64_t org_key = 0;
};

// An access key as listed: everything but the secret, which is never stored.
struct AccessKey {
  std::string user_id;
  std::string name;
  std::string description;
  std::string key_prefix;
  absl::Time create_time;
  std::optional<absl::Time> expire_time;
  std::optional<absl::Time> last_used_time;
  // The most the key may do, as permission names:
  // a call's permissions are the owner's current ones intersected with
  // these. nullopt: unbounded, the key follows its owner's roles.
  std::optional<std::vector<std::string>> permission_ceiling;
  // The user who minted the key and received its secret; empty for keys
  // minted before issuers were recorded.
  std::string issuer_id;
  // After a rotation: the prefix of the replaced secret, which works until
  // previous_expire_time. Empty and unset when never rotated.
  std::string previous_key_prefix;
  std::optional<absl::Time> previous_expire_time;
};

// What a presented key resolves to: the key and the user that owns it.
struct Credential {
  AccessKey key;
  User user;
  // When the presented secret stops working: key.expire_time, or for the
  // secret a rotation replaced, the end of its grace period if that comes
  // first. Caches keep it with the entry, so that a replaced secret stops on
  // every replica on time without any notification.
  std::optional<absl::Time> secret_expire_time;
  // Whether the presented secret is the one a rotation replaced, working
  // only until its grace period ends.
  bool secret_superseded = false;
};

// One call made with a key, recorded in memory and written in batches.
struct KeyUse {
  std::string key_hash;
  absl::Time time;
};

// Resource types as they appear in audit events.
inline constexpr char kAuditOrg[] = "org";
inline constexpr char kAuditTenant[] = "tenant";
inline constexpr char kAuditUser[] = "user";
inline constexpr char kAuditAccessKey[] = "access_key";
inline constexpr char kAuditConfig[] = "config";
inline constexpr char kAuditImpersonation[] = "impersonation";
// All of them: what an audit filter may name.
inline constexpr std::array<const char*, 6> kAuditResourceTypes = {
    kAuditOrg,       kAuditTenant, kAuditUser,
    kAuditAccessKey, kAuditConfig, kAuditImpersonation};

// One entry of the audit trail.
struct AuditEvent {
  int64_t id = 0;   // Assigned by the store.
  absl::Time time;  // Assigned by the store: the transaction's time.
  std::string actor_id;
  std::string impersonated_user_id;  // Empty when not impersonating.
  std::string org_id;
  // The org_key of org_id's org when the event happened, for events written
  // later than that; unset: the store resolves org_id when it writes.
  std::optional<int64_t> org_key;
  std::string method;
  std::string resource_type;
  std::string resource_id;
  // Where the call came from, as the server saw it.
  std::string peer;
  // The client address an authorizer claimed (Envoy's Check); empty for
  // other calls. Never trusted as the peer.
  std::string claimed_address;
  std::string summary_json = "{}";
  std::string outcome = "OK";
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_RESOURCES_H_
