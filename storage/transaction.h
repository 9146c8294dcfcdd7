// One database transaction, as the stores that work inside it.
//
//   RETURN_IF_ERROR(store.RunInTransaction(
//       deadline, Access::kReadWrite, [&](Transaction& tx) -> absl::Status {
//         ASSIGN_OR_RETURN(Org org, tx.orgs().Get("o1", Lock::kForUpdate));
//         return tx.audit().Append(event);
//       }));
#ifndef IDENTITY_STORAGE_TRANSACTION_H_
#define IDENTITY_STORAGE_TRANSACTION_H_

#include "storage/access_key_store.h"
#include "storage/audit_log.h"
#include "storage/idempotency_store.h"
#include "storage/org_store.h"
#include "storage/tenant_store.h"
#include "storage/user_store.h"

namespace identity::storage {

class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual OrgStore& orgs() = 0;
  virtual TenantStore& tenants() = 0;
  virtual UserStore& users() = 0;
  virtual AccessKeyStore& access_keys() = 0;
  virtual AuditLog& audit() = 0;
  virtual IdempotencyStore& idempotency() = 0;
};

}  // namespace identity::storage

#endif  // IDENTITY_STORAGE_TRANSACTION_H_
