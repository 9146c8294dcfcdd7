// Every call is bounded in time: by the server's longest
// call whatever deadline the client asked for, by the lock timeout when
// another transaction holds the rows it needs, and by the time it may wait
// in the queue for a database worker; a call whose client left while it was
// queued is never run. (The executor's logic is unit-tested beside it too.)
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "base/error_details.h"
#include "base/status_matchers.h"
#include "identity/v1/org_service.grpc.pb.h"
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

// The fixture's server has 4 database workers (its pool size). Keeps all
// of them busy renaming `user_id`, whose row `lock` holds, until
// Release(): then waits for the renames to end.
class BusyWorkers {
 public:
  BusyWorkers(const ServerUnderTest& server, const std::string& user_id)
      : lock_(std::in_place, server.database_url(), user_id) {
    for (int i = 0; i < kWorkers; ++i) {
      renames_.emplace_back([&server, user_id] {
        Rename(server, user_id, absl::Seconds(20)).first.IgnoreError();
      });
    }
    // Each rename is on a worker, waiting for the lock, well before this.
    absl::SleepFor(absl::Milliseconds(500));
  }
  ~BusyWorkers() { Release(); }

  void Release() {
    lock_.reset();
    for (std::thread& rename : renames_) rename.join();
    renames_.clear();
  }

 private:
  static constexpr int kWorkers = 4;
  std::optional<RowLockHolder> lock_;
  std::vector<std::thread> renames_;
};

TEST(BoundedCallsTest, ACallThatWaitedTooLongForAWorkerIsShed) {
  PostgresBackedServer::Options options;
  options.server.max_queue_wait = absl::Milliseconds(200);
  options.lock_timeout = absl::Minutes(1);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  server.CreateUserWithKey("o1", "t1", "jack", {"user"});
  const Client admin = server.AdminClient();
  ASSERT_THAT(admin.GetOrg("o1"), IsOk());

  BusyWorkers busy(server, "jack");
  std::optional<absl::StatusOr<v1::Org>> queued;
  std::thread call([&] { queued = admin.GetOrg("o1"); });
  absl::SleepFor(absl::Seconds(1));  // queued five times longer than allowed
  busy.Release();
  call.join();
  ASSERT_TRUE(queued.has_value());
  EXPECT_THAT(*queued, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(ErrorReasonOf(queued->status()), "SERVER_OVERLOADED");
  // Shedding is per call: with the workers free, the same call succeeds.
  EXPECT_THAT(admin.GetOrg("o1"), IsOk());
}

TEST(BoundedCallsTest, ACallWhoseClientLeftWhileQueuedIsNeverRun) {
  PostgresBackedServer::Options options;
  options.server.max_queue_wait = absl::Minutes(1);
  options.lock_timeout = absl::Minutes(1);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  server.CreateUserWithKey("o1", "t1", "jack", {"user"});
  const Client admin = server.AdminClient();

  BusyWorkers busy(server, "jack");
  // CreateOrg "late" waits for a worker; its client gives up meanwhile.
  std::unique_ptr<v1::OrgService::Stub> stub =
      v1::OrgService::NewStub(server.NewChannel());
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + server.admin_key());
  v1::CreateOrgRequest request;
  *request.mutable_org() = OrgProto("late");
  v1::Org response;
  absl::Notification answered;
  grpc::Status status;
  stub->async()->CreateOrg(&context, &request, &response,
                           [&](grpc::Status answer) {
                             status = std::move(answer);
                             answered.Notify();
                           });
  absl::SleepFor(absl::Milliseconds(300));
  context.TryCancel();
  answered.WaitForNotification();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED);

  busy.Release();
  // Had the queued call run once a worker was free, "late" would exist.
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_THAT(admin.GetOrg("late"), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace identity::testing
