// Every call is bounded in time (issue 7, item 7): by the server's longest
// call whatever deadline the client asked for, and by the lock timeout when
// another transaction holds the rows it needs. The executor's queue bounds
// (shed by time waited, skip abandoned calls) are unit-tested beside it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "pqxx/pqxx"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

// Holds the row of user `user_id` locked, as a long transaction would,
// until destroyed.
class RowLockHolder {
 public:
  RowLockHolder(const std::string& url, const std::string& user_id)
      : connection_(url), work_(connection_) {
    work_.exec_params("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", user_id);
  }

 private:
  pqxx::connection connection_;
  pqxx::work work_;
};

// Renames `user_id` through `admin`, with the client's deadline `timeout`
// away; returns the status and how long the call took.
std::pair<absl::Status, absl::Duration> Rename(const ServerUnderTest& server,
                                               const std::string& user_id,
                                               absl::Duration timeout) {
  const Client admin(server.NewChannel(), server.admin_key(), timeout);
  v1::User user = UserProto(user_id, "t1", "o1", {"user"});
  user.set_name("renamed");
  const absl::Time start = absl::Now();
  absl::Status status = admin.UpdateUser(user, MaskOf({"name"})).status();
  return {status, absl::Now() - start};
}

TEST(BoundedCallsTest, NoCallOutlivesTheServersLongestCall) {
  PostgresBackedServer::Options options;
  options.server.max_call_duration = absl::Seconds(1);
  options.lock_timeout = absl::Minutes(1);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  server.CreateUserWithKey("o1", "t1", "jack", {"user"});
  RowLockHolder lock(server.database_url(), "jack");

  // The client would wait an hour; the server gives up after a second.
  const auto [status, took] = Rename(server, "jack", absl::Hours(1));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_GE(took, absl::Milliseconds(900));
  EXPECT_LT(took, absl::Seconds(5));
}

TEST(BoundedCallsTest, AWaitForALockEndsAtTheLockTimeout) {
  PostgresBackedServer::Options options;
  options.lock_timeout = absl::Milliseconds(200);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  server.CreateUserWithKey("o1", "t1", "jack", {"user"});
  {
    RowLockHolder lock(server.database_url(), "jack");
    const auto [status, took] = Rename(server, "jack", absl::Seconds(20));
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kAborted));
    EXPECT_LT(took, absl::Seconds(3));
  }
  // Nothing was written, and with the lock gone the same call succeeds.
  EXPECT_THAT(Rename(server, "jack", absl::Seconds(20)).first, IsOk());
}

}  // namespace
}  // namespace identity::testing
