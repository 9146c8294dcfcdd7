// Races the service must win: many creates of one id, and paging while
// others insert.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

class ConcurrencyTest : public ::testing::Test {
 protected:
  ConcurrencyTest() : admin_(server_.AdminClient()) {
    server_.CreateOrgAndTenant("o1", "t1");
  }

  ServerUnderTest server_;
  Client admin_;
};

TEST_F(ConcurrencyTest, ParallelCreatesOfOneIdHaveOneWinner) {
  constexpr int kCallers = 50;
  std::atomic<int> ok{0};
  std::atomic<int> already_exists{0};
  std::atomic<int> other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      Client client = server_.AdminClient();
      v1::User user = UserProto("contested", "t1");
      user.set_name(absl::StrFormat("caller %d", i));
      while (!go.load()) std::this_thread::yield();
      absl::Status status = client.CreateUser(user).status();
      if (status.ok()) {
        ++ok;
      } else if (absl::IsAlreadyExists(status)) {
        ++already_exists;
      } else {
        ADD_FAILURE() << status;
        ++other;
      }
    });
  }
  go = true;
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(already_exists.load(), kCallers - 1);
  EXPECT_EQ(other.load(), 0);

  v1::ListUsersRequest request;
  request.set_lookup_user_id("contested");
  request.set_lookup_org_id("o1");
  absl::StatusOr<v1::ListUsersResponse> users = admin_.ListUsers(request);
  ASSERT_THAT(users, IsOk());
  EXPECT_EQ(users->users_size(), 1);
}

TEST_F(ConcurrencyTest, PagingSeesEveryExistingUserOnceDespiteInserts) {
  constexpr int kExisting = 2500;
  constexpr int kWriters = 4;
  // Fill in parallel: the point is the paging, not the filling.
  std::vector<std::thread> fillers;
  for (int w = 0; w < kWriters; ++w) {
    fillers.emplace_back([&, w] {
      Client client = server_.AdminClient();
      for (int i = w; i < kExisting; i += kWriters) {
        ASSERT_THAT(
            client.CreateUser(UserProto(absl::StrFormat("u%05d", i * 2), "t1")),
            IsOk());
      }
    });
  }
  for (std::thread& filler : fillers) filler.join();

  // Inserts land between, before and after the existing ids while paging.
  std::atomic<bool> paging_done{false};
  std::atomic<int> inserted{0};
  std::thread inserter([&] {
    Client client = server_.AdminClient();
    for (int i = 0; !paging_done.load(); ++i) {
      const std::string id =
          absl::StrFormat("u%05d", (i * 7919 % kExisting) * 2 + 1);
      if (client.CreateUser(UserProto(id, "t1")).ok()) ++inserted;
    }
  });

  absl::flat_hash_map<std::string, int> seen;
  v1::ListUsersRequest request;
  request.set_lookup_org_id("o1");
  request.set_page_size(100);
  do {
    absl::StatusOr<v1::ListUsersResponse> page = admin_.ListUsers(request);
    ASSERT_THAT(page, IsOk());
    for (const v1::User& user : page->users()) ++seen[user.id()];
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  paging_done = true;
  inserter.join();

  EXPECT_GT(inserted.load(), 0) << "no insert overlapped the paging";
  for (int i = 0; i < kExisting; ++i) {
    const std::string id = absl::StrFormat("u%05d", i * 2);
    EXPECT_EQ(seen[id], 1) << id;
  }
  for (const auto& [id, count] : seen) EXPECT_EQ(count, 1) << id;
}

}  // namespace
}  // namespace identity::testing
