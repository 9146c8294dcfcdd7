// The tenant store against a real PostgreSQL: every method's success path,
// each documented status code and the state after it.
#include "storage/postgres/pg_tenant_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "storage/postgres/pg_store_fixture.h"

namespace identity::postgres {
namespace {

using ::identity::storage::AuditEvent;
using ::identity::storage::PageRequest;
using ::identity::storage::Tenant;
using ::identity::storage::Transaction;

class PgTenantStoreTest : public PgStoreFixture {};

TEST_F(PgTenantStoreTest, TenantInsertWithAuditEventWritesBothOrNeither) {
  SeedOrg("o1");
  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.tenants().Insert(MakeTenant("t1", "o1"),
                                           MakeCreateEvent("tenant"));
              }),
              IsOk());
  absl::StatusOr<std::vector<AuditEvent>> events = AuditEvents("o1");
  ASSERT_THAT(events, IsOk());
  ASSERT_EQ(events->size(), 1);
  EXPECT_EQ(events->front().org_id, "o1");
  EXPECT_EQ(events->front().resource_type, "tenant");
  EXPECT_EQ(events->front().resource_id, "t1");

  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.tenants().Insert(MakeTenant("t1", "o1"),
                                           MakeCreateEvent("tenant"));
              }),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(InTransaction([](Transaction& tx) {
                return tx.tenants().Insert(MakeTenant("t2", "nope"),
                                           MakeCreateEvent("tenant"));
              }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(AuditEvents(), IsOkAndHolds(::testing::SizeIs(1)));
}

TEST_F(PgTenantStoreTest, TenantInsertNeedsItsOrg) {
  absl::StatusOr<Tenant> result = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "nope"));
  });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition,
                               ::testing::Eq("org nope does not exist")));
  EXPECT_THAT(result, ErrorReasonIs("ORG_NOT_FOUND"));
  EXPECT_THAT(GetTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetTenant("t1"), ErrorReasonIs("TENANT_NOT_FOUND"));
}

TEST_F(PgTenantStoreTest, TenantInsertGetUpdateAndDuplicates) {
  SeedOrg("o1");
  absl::StatusOr<Tenant> inserted = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "o1"));
  });
  ASSERT_THAT(inserted, IsOk());
  EXPECT_EQ(inserted->org_id, "o1");
  EXPECT_EQ(inserted->variables_json, "{}");
  EXPECT_EQ(inserted->version, 1);

  absl::StatusOr<Tenant> duplicate = InTransaction([](Transaction& tx) {
    return tx.tenants().Insert(MakeTenant("t1", "o1"));
  });
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kAlreadyExists,
                                  ::testing::Eq("tenant t1 already exists")));

  Tenant tenant = *GetTenant("t1");
  tenant.name = "Renamed";
  absl::StatusOr<Tenant> updated = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(tenant); });
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(GetTenant("t1")->name, "Renamed");

  absl::StatusOr<Tenant> stale = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(tenant); });
  EXPECT_THAT(
      stale,
      StatusIs(absl::StatusCode::kAborted,
               ::testing::Eq("tenant t1 has changed since it was read")));

  Tenant missing = MakeTenant("nope", "o1");
  absl::StatusOr<Tenant> gone = InTransaction(
      [&](Transaction& tx) { return tx.tenants().Update(missing); });
  EXPECT_THAT(gone, StatusIs(absl::StatusCode::kNotFound,
                             ::testing::Eq("tenant nope does not exist")));
}

TEST_F(PgTenantStoreTest, TenantDeleteWithoutForceRefusesWhileUsersExist) {
  SeedHierarchy();
  absl::Status status = InTransaction([](Transaction& tx) {
    return tx.tenants().Delete("t1", /*force=*/false);
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               ::testing::Eq("tenant t1 has users")));
  EXPECT_THAT(GetTenant("t1"), IsOk());
  EXPECT_THAT(GetUser("u1"), IsOk());
}

TEST_F(PgTenantStoreTest, TenantDeleteWithForceDeletesItsUsersOnly) {
  SeedHierarchy();
  SeedTenant("t2", "o1");
  SeedUser("u2", "t2", "o1");
  SeedKey("u2", "k", 2);
  ASSERT_THAT(InTransaction([](Transaction& tx) {
                return tx.tenants().Delete("t1", /*force=*/true);
              }),
              IsOk());
  EXPECT_THAT(GetTenant("t1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetUser("u1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->FindCredential(KeyHash(1), Deadline()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(GetOrg("o1"), IsOk());
  EXPECT_THAT(GetUser("u2"), IsOk());
  EXPECT_THAT(store_->FindCredential(KeyHash(2), Deadline()), IsOk());

  absl::Status missing = InTransaction([](Transaction& tx) {
    return tx.tenants().Delete("t1", /*force=*/true);
  });
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(PgTenantStoreTest, TenantListIsPerOrgInIdOrder) {
  SeedOrg("o1");
  SeedOrg("o2");
  for (const char* id : {"t3", "t1", "t2"}) SeedTenant(id, "o1");
  SeedTenant("t0", "o2");
  auto list = [&](std::string org_id, std::string after, int limit) {
    return InTransaction([&](Transaction& tx) {
      PageRequest page;
      page.after = after;
      page.limit = limit;
      return tx.tenants().List(page, org_id);
    });
  };
  EXPECT_EQ(Ids(*list("o1", "", 100)),
            (std::vector<std::string>{"t1", "t2", "t3"}));
  EXPECT_EQ(Ids(*list("o1", "t1", 1)), (std::vector<std::string>{"t2"}));
  EXPECT_EQ(Ids(*list("o2", "", 100)), (std::vector<std::string>{"t0"}));
  EXPECT_EQ(Ids(*list("nope", "", 100)), (std::vector<std::string>{}));
}

}  // namespace
}  // namespace identity::postgres
