// Two real identityd processes on one database behind one round-robin
// channel; one is SIGKILLed while clients create users through both,
// retrying UNAVAILABLE only, each retry with its create's request_id.
// Afterwards no acknowledged write is lost and no retry had a second effect
// (one user, one audit event, one remembered response per create), and no
// retry met ALREADY_EXISTS for its own earlier success.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "client/client.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/resource_builders.h"
#include "tests/harness/child_process.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/sql_session.h"

namespace identity::testing {
namespace {

// The load is bounded by count: each writer makes kCreatesEach creates, and
// the replica is killed once kAcknowledgedBeforeKill of them are
// acknowledged, while the writers go on.
constexpr int kWriters = 4;
constexpr int kCreatesEach = 150;
constexpr int kAcknowledgedBeforeKill = 100;
constexpr absl::Duration kCallDeadline = absl::Seconds(5);
// A create is retried on UNAVAILABLE until it succeeds or this passes.
constexpr absl::Duration kRetryPatience = absl::Seconds(20);

// A replica of the real binary on `port`.
std::unique_ptr<ChildProcess> StartReplica(const std::string& database_url,
                                           const std::string& admin_key,
                                           int port,
                                           const std::filesystem::path& log) {
  std::cout << "replica on port " << port << ", log " << log << std::endl;
  return std::make_unique<ChildProcess>(
      std::vector<std::string>{
          IDENTITYD_PATH, absl::StrCat("--listen=127.0.0.1:", port),
          "--database_url=" + database_url, "--database_pool_size=4",
          "--shutdown_grace_seconds=1"},
      std::vector<std::string>{"IDENTITY_BOOTSTRAP_ADMIN_KEY=" + admin_key},
      log);
}

// Waits until the replica logging to `log` serves (identityd prints
// "serving" once it listens); false after a minute.
bool WaitUntilServing(const std::filesystem::path& log) {
  const absl::Time give_up = absl::Now() + absl::Minutes(1);
  while (absl::Now() < give_up) {
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)),
                           std::istreambuf_iterator<char>());
    if (text.find("serving identity.v1") != std::string::npos) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return false;
}

// Calls `call` until it is not UNAVAILABLE or kRetryPatience has passed;
// counts the retries.
template <typename Call>
absl::Status RetryUnavailable(Call call, int* retries) {
  const absl::Time give_up = absl::Now() + kRetryPatience;
  absl::Status status = call();
  while (absl::IsUnavailable(status) && absl::Now() < give_up) {
    ++*retries;
    absl::SleepFor(absl::Milliseconds(20));
    status = call();
  }
  return status;
}

TEST(ReplicaKillFaultTest, NoAcknowledgedWriteLostAndNoRetryDuplicated) {
  const std::string database_url = FreshDatabaseUrl();
  const std::string admin_key = AccessKeySecret::Generate().value();
  const int first_port = FreeLoopbackPort();
  const int second_port = FreeLoopbackPort();
  auto log_of = [](int port) {
    return std::filesystem::temp_directory_path() /
           absl::StrCat("identityd-", getpid(), "-", port, ".log");
  };
  std::unique_ptr<ChildProcess> first =
      StartReplica(database_url, admin_key, first_port, log_of(first_port));
  std::unique_ptr<ChildProcess> second =
      StartReplica(database_url, admin_key, second_port, log_of(second_port));
  ASSERT_TRUE(WaitUntilServing(log_of(first_port)));
  ASSERT_TRUE(WaitUntilServing(log_of(second_port)));

  grpc::ChannelArguments arguments;
  arguments.SetLoadBalancingPolicyName("round_robin");
  // Reconnect attempts to the killed replica stay cheap and frequent.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      absl::StrCat("ipv4:127.0.0.1:", first_port, ",127.0.0.1:", second_port),
      grpc::InsecureChannelCredentials(), arguments);
  Client admin(channel, admin_key, kCallDeadline);
  int setup_retries = 0;
  // Both replicas are up once a call succeeds through each.
  for (int i = 0; i < 4; ++i) {
    ASSERT_THAT(RetryUnavailable([&] { return admin.GetUserInfo().status(); },
                                 &setup_retries),
                IsOk());
  }
  ASSERT_THAT(
      RetryUnavailable(
          [&] { return admin.CreateOrg(OrgProto("o1"), "o1").status(); },
          &setup_retries),
      IsOk());
  ASSERT_THAT(
      RetryUnavailable(
          [&] {
            return admin.CreateTenant(TenantProto("t1", "o1"), "t1").status();
          },
          &setup_retries),
      IsOk());

  absl::Mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<absl::Status> other;
  int retries = 0;
  int acknowledged_after_kill = 0;
  bool killed = false;
  auto writer = [&](int writer_index) {
    int my_retries = 0;
    for (int i = 0; i < kCreatesEach; ++i) {
      const std::string id = absl::StrCat("r", writer_index, "-", i);
      const absl::Status status = RetryUnavailable(
          [&] {
            return admin.CreateUser(UserProto(id, "t1", "o1"), "req-" + id)
                .status();
          },
          &my_retries);
      absl::MutexLock lock(&mu);
      if (status.ok()) {
        acknowledged.push_back(id);
        if (killed) ++acknowledged_after_kill;
      } else {
        other.push_back(status);
      }
    }
    absl::MutexLock lock(&mu);
    retries += my_retries;
  };
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) writers.emplace_back(writer, w);
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(
        +[](std::vector<std::string>* done) {
          return done->size() >= static_cast<size_t>(kAcknowledgedBeforeKill);
        },
        &acknowledged));
    first->Kill(SIGKILL);
    killed = true;
  }
  for (std::thread& thread : writers) thread.join();

  absl::MutexLock lock(&mu);
  for (const absl::Status& status : other) {
    ADD_FAILURE() << "a create failed despite its retries: " << status;
  }
  SqlSession sql(database_url);
  const int64_t users = sql.QueryInt(
      "SELECT count(*) FROM users WHERE id LIKE 'r%' AND tenant_id = 't1'");
  const int64_t create_events = sql.QueryInt(
      "SELECT count(*) FROM audit_events WHERE resource_type = 'user'"
      " AND resource_id LIKE 'r%'");
  const int64_t remembered = sql.QueryInt(
      "SELECT count(*) FROM idempotent_requests WHERE request_id LIKE "
      "'req-r%'");
  int found = 0;
  for (const std::string& id : acknowledged) {
    absl::StatusOr<v1::User> user = admin.GetUser(id);
    EXPECT_THAT(user, IsOk()) << id;
    if (user.ok()) ++found;
  }
  std::cout << "replica kill: acknowledged=" << acknowledged.size()
            << " after the kill=" << acknowledged_after_kill
            << " found=" << found << " retries=" << retries
            << " users=" << users << " create events=" << create_events
            << " remembered=" << remembered << std::endl;
  EXPECT_EQ(found, static_cast<int>(acknowledged.size()));
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kWriters * kCreatesEach));
  // Writes were acknowledged on both sides of the kill.
  EXPECT_GE(acknowledged.size() - acknowledged_after_kill,
            static_cast<size_t>(kAcknowledgedBeforeKill));
  EXPECT_GT(acknowledged_after_kill, 0);
  // Every create that was sent ended acknowledged, so exactly these exist,
  // each made once.
  EXPECT_EQ(users, static_cast<int64_t>(acknowledged.size()));
  EXPECT_EQ(create_events, users);
  EXPECT_EQ(remembered, users);
}

}  // namespace
}  // namespace identity::testing
