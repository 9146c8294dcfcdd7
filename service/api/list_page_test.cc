#include "service/api/list_page.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "base/status_matchers.h"
#include "identity/v1/user_service.pb.h"

namespace identity {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// ListPage only opens transactions; the rows come from the fetch function,
// so its transaction gives out no stores.
class RowlessTransaction : public storage::Transaction {
 public:
  storage::OrgStore& orgs() override { std::abort(); }
  storage::TenantStore& tenants() override { std::abort(); }
  storage::UserStore& users() override { std::abort(); }
  storage::AccessKeyStore& access_keys() override { std::abort(); }
  storage::AuditLog& audit() override { std::abort(); }
  storage::IdempotencyStore& idempotency() override { std::abort(); }
};

class TransactionCountingStore : public storage::Store {
 public:
  absl::Status RunInTransaction(
      absl::Time, storage::Access access,
      absl::FunctionRef<absl::Status(storage::Transaction&)> fn) override {
    EXPECT_EQ(access, storage::Access::kReadOnly);
    ++transactions;
    RowlessTransaction tx;
    return fn(tx);
  }
  absl::StatusOr<storage::Credential> FindCredential(std::string_view,
                                                     absl::Time) override {
    std::abort();
  }
  absl::Status RecordKeyUses(const std::vector<storage::KeyUse>&,
                             absl::Time) override {
    std::abort();
  }
  absl::StatusOr<bool> HasUserWithRole(std::string_view, absl::Time) override {
    std::abort();
  }

  int transactions = 0;
};

class ListPageTest : public ::testing::Test {
 protected:
  ListPageTest() {
    for (const char* id : {"u1", "u2", "u3", "u4", "u5"}) {
      storage::User user;
      user.id = id;
      users_.push_back(user);
    }
  }

  absl::StatusOr<v1::ListUsersResponse> List(int page_size,
                                             const std::string& token,
                                             size_t max_bytes = kMaxPageBytes) {
    v1::ListUsersRequest request;
    request.set_page_size(page_size);
    request.set_page_token(token);
    return ListPage(
        store_, absl::InfiniteFuture(), request,
        [&](storage::Transaction&, const storage::PageRequest& page) {
          requested_.push_back(page);
          std::vector<storage::User> rows;
          for (const storage::User& user : users_) {
            if (user.id > page.after &&
                rows.size() < static_cast<size_t>(page.limit)) {
              rows.push_back(user);
            }
          }
          return absl::StatusOr<std::vector<storage::User>>(rows);
        },
        &v1::ListUsersResponse::add_users,
        [](const storage::User& row) { return row.id; }, max_bytes);
  }

  static std::vector<std::string> Ids(const v1::ListUsersResponse& page) {
    std::vector<std::string> ids;
    for (const v1::User& user : page.users()) ids.push_back(user.id());
    return ids;
  }

  TransactionCountingStore store_;
  std::vector<storage::User> users_;
  std::vector<storage::PageRequest> requested_;
};

TEST_F(ListPageTest, WalksEveryRowOncePageByPage) {
  absl::StatusOr<v1::ListUsersResponse> first = List(2, "");
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(Ids(*first), ElementsAre("u1", "u2"));
  ASSERT_FALSE(first->next_page_token().empty());

  absl::StatusOr<v1::ListUsersResponse> second =
      List(2, first->next_page_token());
  ASSERT_THAT(second, IsOk());
  EXPECT_THAT(Ids(*second), ElementsAre("u3", "u4"));

  absl::StatusOr<v1::ListUsersResponse> last =
      List(2, second->next_page_token());
  ASSERT_THAT(last, IsOk());
  EXPECT_THAT(Ids(*last), ElementsAre("u5"));
  EXPECT_THAT(last->next_page_token(), IsEmpty());
  EXPECT_EQ(store_.transactions, 3);
}

TEST_F(ListPageTest, AsksForOneRowMoreThanItShows) {
  ASSERT_THAT(List(5, ""), IsOk());
  ASSERT_EQ(requested_.size(), 1u);
  EXPECT_EQ(requested_[0].limit, 6);
  EXPECT_THAT(List(5, "")->next_page_token(), IsEmpty());
}

TEST_F(ListPageTest, BadPagingIsRefusedBeforeAnyRead) {
  EXPECT_THAT(List(-1, ""), StatusIs(absl::StatusCode::kInvalidArgument,
                                     HasSubstr("page_size")));
  EXPECT_THAT(
      List(2, "not-a-token!"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_EQ(store_.transactions, 0);
}

TEST_F(ListPageTest, APageEndsEarlyBeforeItPassesItsBytes) {
  for (storage::User& user : users_) user.name = std::string(400, 'n');
  // Two rows fit in 1,000 bytes, three do not.
  absl::StatusOr<v1::ListUsersResponse> first = List(5, "", 1000);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(Ids(*first), ElementsAre("u1", "u2"));
  EXPECT_LE(first->ByteSizeLong(), 1100u);
  ASSERT_FALSE(first->next_page_token().empty());
  absl::StatusOr<v1::ListUsersResponse> rest =
      List(5, first->next_page_token(), 1000);
  ASSERT_THAT(rest, IsOk());
  EXPECT_THAT(Ids(*rest), ElementsAre("u3", "u4"));
}

TEST_F(ListPageTest, APageHoldsAtLeastOneRowWhateverItsSize) {
  users_[0].name = std::string(5000, 'n');
  absl::StatusOr<v1::ListUsersResponse> first = List(5, "", 1000);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(Ids(*first), ElementsAre("u1"));
  EXPECT_FALSE(first->next_page_token().empty());
}

TEST_F(ListPageTest, ARowThatCannotBeShownFailsThePage) {
  users_[0].variables_json = "[not an object]";
  EXPECT_THAT(List(2, ""), StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace identity
