// No amplification: nothing one caller sends makes the
// server hold, write or answer more than a bounded amount. A user's whole
// config is capped, list pages are bounded in bytes, messages are bounded
// both ways, every repeated request field is bounded, and a user holds a
// bounded number of keys even when creates race.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Lt;
using ::testing::SizeIs;

constexpr size_t kMiB = 1024 * 1024;

// A JSON string value of about `bytes` bytes.
google::protobuf::Value BigValue(size_t bytes) {
  google::protobuf::Value value;
  value.set_string_value(std::string(bytes, 'v'));
  return value;
}

auto InvalidNaming(const std::string& field) {
  return StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field));
}

class AmplificationTest : public ::testing::Test {
 protected:
  AmplificationTest()
      : admin_(server_.AdminClient()),
        user_(server_.ClientFor(server_.CreateUserWithKey(
            "amp", "amp-t", "amp-user", {"api-user"}))) {}

  int ConfigKeys() {
    absl::StatusOr<v1::UpdateConfigResponse> config = user_.UpdateConfig();
    EXPECT_THAT(config, IsOk());
    return config.ok() ? config->configs().fields_size() : -1;
  }

  ServerUnderTest server_;
  Client admin_;
  Client user_;
};

TEST_F(AmplificationTest, AUsersWholeConfigIsCappedAndAnOverflowWritesNothing) {
  // 60 KiB values: each is valid alone; the 18th would pass 1 MiB in total.
  int accepted = 0;
  absl::Status refused;
  for (int i = 0; i < 40 && refused.ok(); ++i) {
    v1::UpdateConfigRequest request;
    (*request.mutable_updated()->mutable_fields())[absl::StrCat("k", i)] =
        BigValue(60 * 1024);
    refused = user_.UpdateConfig(request).status();
    if (refused.ok()) ++accepted;
  }
  EXPECT_THAT(refused, InvalidNaming("updated"));
  EXPECT_EQ(accepted, 17);
  EXPECT_EQ(ConfigKeys(), 17);

  // Room made by a delete is usable again, in the same call.
  v1::UpdateConfigRequest swap;
  swap.add_deleted("k0");
  (*swap.mutable_updated()->mutable_fields())["k-new"] = BigValue(60 * 1024);
  EXPECT_THAT(user_.UpdateConfig(swap), IsOk());
  EXPECT_EQ(ConfigKeys(), 17);
}

TEST_F(AmplificationTest, ListPagesEndEarlyRatherThanPassOneMiB) {
  google::protobuf::Struct variables;
  (*variables.mutable_fields())["blob"] = BigValue(60 * 1024);
  constexpr int kUsers = 40;  // About 2.4 MiB in all.
  for (int i = 0; i < kUsers; ++i) {
    v1::User user = UserProto(absl::StrCat("big-", 100 + i), "amp-t", "amp");
    *user.mutable_variables() = variables;
    ASSERT_THAT(admin_.CreateUser(user), IsOk());
  }
  v1::ListUsersRequest request;
  request.set_lookup_org_id("amp");
  request.set_page_size(1000);
  int seen = 0;
  int pages = 0;
  do {
    absl::StatusOr<v1::ListUsersResponse> page = admin_.ListUsers(request);
    ASSERT_THAT(page, IsOk());
    EXPECT_THAT(page->ByteSizeLong(), Lt(kMiB + 64 * 1024));
    seen += page->users_size();
    ++pages;
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(seen, kUsers + 1);  // and amp-user
  EXPECT_GE(pages, 3);
}

TEST_F(AmplificationTest, MessagesOverFourMiBAreRefusedAndWriteNothing) {
  v1::UpdateConfigRequest request;
  for (int i = 0; i < 70; ++i) {
    (*request.mutable_updated()->mutable_fields())[absl::StrCat("k", i)] =
        BigValue(64 * 1000);
  }
  ASSERT_GT(request.ByteSizeLong(), 4 * kMiB);
  EXPECT_THAT(user_.UpdateConfig(request),
              StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_EQ(ConfigKeys(), 0);
}

TEST_F(AmplificationTest, RepeatedRequestFieldsAreBounded) {
  v1::UpdateConfigRequest deletes;
  for (int i = 0; i < 1001; ++i) deletes.add_deleted(absl::StrCat("k", i));
  EXPECT_THAT(user_.UpdateConfig(deletes), InvalidNaming("deleted"));

  v1::DeleteAccessKeysRequest names;
  for (int i = 0; i < 101; ++i) names.add_names(absl::StrCat("k", i));
  EXPECT_THAT(user_.DeleteAccessKeys(names), InvalidNaming("names"));

  v1::User many_roles = UserProto("roles-17", "amp-t", "amp");
  for (int i = 0; i < 17; ++i) many_roles.add_roles("user");
  EXPECT_THAT(admin_.CreateUser(many_roles), InvalidNaming("roles"));
  EXPECT_THAT(admin_.GetUser("roles-17"),
              StatusIs(absl::StatusCode::kNotFound));

  v1::CreateAccessKeyRequest permissions;
  permissions.set_name("many-permissions");
  for (int i = 0; i < 33; ++i) permissions.add_permissions("usage:api");
  EXPECT_THAT(user_.CreateAccessKey(permissions), InvalidNaming("permissions"));
}

TEST_F(AmplificationTest, AUserHoldsAtMostOneHundredKeysEvenWhenCreatesRace) {
  // amp-user holds one key already; eight threads race for the other 99.
  std::atomic<int> created{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 16; ++i) {
        v1::CreateAccessKeyRequest request;
        request.set_name(absl::StrCat("k-", t, "-", i));
        absl::Status status = user_.CreateAccessKey(request).status();
        if (status.ok()) {
          ++created;
        } else if (status.code() == absl::StatusCode::kFailedPrecondition) {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 99);
  EXPECT_EQ(refused.load(), 8 * 16 - 99);
  EXPECT_EQ(other.load(), 0);
  v1::ListAccessKeysRequest list;
  list.set_page_size(1000);
  absl::StatusOr<v1::ListAccessKeysResponse> keys = user_.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  EXPECT_THAT(keys->access_keys(), SizeIs(100));

  // Deleting one makes room for one.
  v1::DeleteAccessKeysRequest one;
  one.add_names(keys->access_keys(0).name());
  ASSERT_THAT(user_.DeleteAccessKeys(one), IsOk());
  v1::CreateAccessKeyRequest again;
  again.set_name("again");
  EXPECT_THAT(user_.CreateAccessKey(again), IsOk());
  again.set_name("once-more");
  EXPECT_THAT(user_.CreateAccessKey(again),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace identity::testing
