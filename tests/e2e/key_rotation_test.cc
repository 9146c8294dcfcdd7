// RotateAccessKey: a key gets a new secret while the old one keeps working
// for a grace period, then stops on every server without any call; the
// rotation shows in ListAccessKeys (audit_trail_test has its event).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "google/protobuf/util/time_util.h"
#include "tests/e2e/resource_builders.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using google::protobuf::util::TimeUtil;
using ::testing::ElementsAre;
using ::testing::Not;
using ::testing::StartsWith;

// The key CreateUserWithKey makes.
constexpr char kKeyName[] = "test-key";

v1::RotateAccessKeyRequest Rotation(const std::string& user_id,
                                    absl::Duration grace) {
  v1::RotateAccessKeyRequest request;
  request.set_name(kKeyName);
  request.set_user_id(user_id);
  request.mutable_grace_period()->set_seconds(absl::ToInt64Seconds(grace));
  return request;
}

absl::Time ToTime(const google::protobuf::Timestamp& timestamp) {
  return absl::FromUnixMicros(TimeUtil::TimestampToMicroseconds(timestamp));
}

TEST(KeyRotationTest, BothSecretsWorkDuringTheOverlapOnlyTheNewOneAfter) {
  ServerUnderTest server;
  const std::string old_key =
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client with_old = server.ClientFor(old_key);
  // Cached now: the old secret's cache entry must learn its new expiry.
  ASSERT_THAT(with_old.GetUserInfo(), IsOk());

  const absl::Duration grace = absl::Seconds(2);
  const absl::Time before = absl::Now();
  absl::StatusOr<v1::AccessKey> rotated =
      with_old.RotateAccessKey(Rotation("", grace));
  ASSERT_THAT(rotated, IsOk());
  ASSERT_FALSE(rotated->access_key().empty());
  EXPECT_NE(rotated->access_key(), old_key);
  EXPECT_THAT(rotated->access_key(), StartsWith(rotated->key_prefix()));
  EXPECT_THAT(old_key, StartsWith(rotated->previous_key_prefix()));
  const absl::Time old_expiry = ToTime(rotated->previous_expire_time());
  EXPECT_GE(old_expiry, before + grace - absl::Seconds(1));
  EXPECT_LE(old_expiry, absl::Now() + grace + absl::Seconds(1));

  Client with_new = server.ClientFor(rotated->access_key());
  EXPECT_THAT(with_old.GetUserInfo(), IsOk());
  EXPECT_THAT(with_new.GetUserInfo(), IsOk());

  // The listing shows both prefixes and when the old secret stops; never
  // a secret.
  absl::StatusOr<v1::ListAccessKeysResponse> keys = with_new.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_EQ(keys->access_keys(0).key_prefix(), rotated->key_prefix());
  EXPECT_EQ(keys->access_keys(0).previous_key_prefix(),
            rotated->previous_key_prefix());
  EXPECT_EQ(ToTime(keys->access_keys(0).previous_expire_time()), old_expiry);
  EXPECT_TRUE(keys->access_keys(0).access_key().empty());

  absl::SleepFor(old_expiry - absl::Now() + absl::Milliseconds(100));
  EXPECT_THAT(with_old.GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(with_new.GetUserInfo(), IsOk());
}

TEST(KeyRotationTest, ZeroGraceRevokesTheOldSecretAtOnceOnEveryServer) {
  ServerUnderTest first;
  ServerUnderTest second(first.database_url());
  const std::string old_key =
      first.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client old_on_second = second.ClientFor(old_key);
  ASSERT_THAT(old_on_second.GetUserInfo(), IsOk());  // now cached there

  absl::StatusOr<v1::AccessKey> rotated = first.AdminClient().RotateAccessKey(
      Rotation("jack", absl::ZeroDuration()));
  ASSERT_THAT(rotated, IsOk());

  EXPECT_THAT(first.ClientFor(old_key).GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  // The other server hears of it through the change feed (within
  // 100 ms).
  const absl::Time give_up = absl::Now() + absl::Seconds(2);
  absl::Status old_status;
  do {
    old_status = old_on_second.GetUserInfo().status();
    if (!old_status.ok()) break;
    absl::SleepFor(absl::Milliseconds(5));
  } while (absl::Now() < give_up);
  EXPECT_THAT(old_status, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(second.ClientFor(rotated->access_key()).GetUserInfo(), IsOk());
}

TEST(KeyRotationTest, RotatingADeletedKeyIsNotFoundAndRevivesNothing) {
  ServerUnderTest server;
  const std::string key =
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client admin = server.AdminClient();
  v1::DeleteAccessKeysRequest remove;
  remove.set_user_id("jack");
  remove.add_names(kKeyName);
  ASSERT_THAT(admin.DeleteAccessKeys(remove), IsOk());

  EXPECT_THAT(admin.RotateAccessKey(Rotation("jack", absl::Hours(1))),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(server.ClientFor(key).GetUserInfo(),
              StatusIs(absl::StatusCode::kUnauthenticated));
  v1::ListAccessKeysRequest list;
  list.set_user_id("jack");
  absl::StatusOr<v1::ListAccessKeysResponse> keys = admin.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->access_keys_size(), 0);
}

TEST(KeyRotationTest, GraceOverThirtyDaysOrNegativeIsInvalidAndChangesNothing) {
  ServerUnderTest server;
  const std::string key =
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client jack = server.ClientFor(key);

  EXPECT_THAT(jack.RotateAccessKey(Rotation("", absl::Hours(24 * 30 + 1))),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(jack.RotateAccessKey(Rotation("", -absl::Seconds(1))),
              StatusIs(absl::StatusCode::kInvalidArgument));
  v1::RotateAccessKeyRequest unnamed = Rotation("", absl::Hours(1));
  unnamed.clear_name();
  EXPECT_THAT(jack.RotateAccessKey(unnamed),
              StatusIs(absl::StatusCode::kInvalidArgument));

  absl::StatusOr<v1::ListAccessKeysResponse> keys = jack.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_TRUE(keys->access_keys(0).previous_key_prefix().empty());
  EXPECT_THAT(key, StartsWith(keys->access_keys(0).key_prefix()));
}

TEST(KeyRotationTest, DefaultGraceIsADay) {
  ServerUnderTest server;
  Client jack = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));
  v1::RotateAccessKeyRequest request;
  request.set_name(kKeyName);

  absl::StatusOr<v1::AccessKey> rotated = jack.RotateAccessKey(request);

  ASSERT_THAT(rotated, IsOk());
  EXPECT_NEAR(absl::ToDoubleHours(ToTime(rotated->previous_expire_time()) -
                                  absl::Now()),
              24.0, 0.01);
}

// Rotating one's own key is self-service (self:access_keys, which every
// role holds, and a key's ceiling may leave out); another user's key needs
// write:user over that user.
TEST(KeyRotationTest, NeedsSelfAccessKeysOrWriteUserOverTheOwner) {
  ServerUnderTest server;
  Client plain =
      server.ClientFor(server.CreateUserWithKey("o1", "t1", "plain", {"user"}));
  Client other = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "other", {"api-user"}));
  v1::CreateAccessKeyRequest mint;
  mint.set_user_id("plain");
  mint.set_name("reader");
  mint.add_permissions("read:databases");
  absl::StatusOr<v1::AccessKey> reader_key =
      server.AdminClient().CreateAccessKey(mint);
  ASSERT_THAT(reader_key, IsOk());
  Client reader = server.ClientFor(reader_key->access_key());

  EXPECT_THAT(reader.RotateAccessKey(Rotation("", absl::Hours(1))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(other.RotateAccessKey(Rotation("plain", absl::Hours(1))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ListAccessKeysRequest of_plain;
  of_plain.set_user_id("plain");
  absl::StatusOr<v1::ListAccessKeysResponse> keys =
      server.AdminClient().ListAccessKeys(of_plain);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 2);
  for (const v1::AccessKey& key : keys->access_keys()) {
    EXPECT_TRUE(key.previous_key_prefix().empty()) << key.name();
  }
  EXPECT_THAT(plain.RotateAccessKey(Rotation("", absl::Hours(1))), IsOk());
}

// The review's scenario: after a rotation with a grace period, the old
// secret rotated the key again and so took it from its owner. A secret in
// its grace period may use the key, but not create, rotate or delete keys.
TEST(KeyRotationTest, ASupersededSecretCannotTakeItsKeyBack) {
  ServerUnderTest server;
  const std::string old_key =
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"});
  Client with_old = server.ClientFor(old_key);
  absl::StatusOr<v1::AccessKey> rotated =
      with_old.RotateAccessKey(Rotation("", absl::Hours(1)));
  ASSERT_THAT(rotated, IsOk());
  Client with_new = server.ClientFor(rotated->access_key());

  EXPECT_THAT(with_old.RotateAccessKey(Rotation("", absl::ZeroDuration())),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::DeleteAccessKeysRequest remove;
  remove.add_names(kKeyName);
  EXPECT_THAT(with_old.DeleteAccessKeys(remove),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::CreateAccessKeyRequest mint;
  mint.set_name("spare");
  EXPECT_THAT(with_old.CreateAccessKey(mint),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // It still serves for what it was kept for; the owner's new secret too,
  // and the key is as the owner's rotation left it.
  EXPECT_THAT(with_old.GetUserInfo(), IsOk());
  EXPECT_THAT(with_new.GetUserInfo(), IsOk());
  absl::StatusOr<v1::ListAccessKeysResponse> keys = with_new.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_EQ(keys->access_keys(0).key_prefix(), rotated->key_prefix());
  EXPECT_EQ(keys->access_keys(0).previous_key_prefix(),
            rotated->previous_key_prefix());
  // The current secret may rotate.
  EXPECT_THAT(with_new.RotateAccessKey(Rotation("", absl::ZeroDuration())),
              IsOk());
}

TEST(KeyRotationTest, ARotatedKeyKeepsItsCeilingAndIssuer) {
  ServerUnderTest server;
  Client jack = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));
  v1::CreateAccessKeyRequest create;
  create.set_name("reader");
  create.add_permissions("read:databases");
  absl::StatusOr<v1::AccessKey> created = jack.CreateAccessKey(create);
  ASSERT_THAT(created, IsOk());

  v1::RotateAccessKeyRequest rotate;
  rotate.set_name("reader");
  rotate.mutable_grace_period()->set_seconds(3600);
  absl::StatusOr<v1::AccessKey> rotated = jack.RotateAccessKey(rotate);
  ASSERT_THAT(rotated, IsOk());
  EXPECT_THAT(rotated->permission_ceiling().permissions(),
              ElementsAre("read:databases"));
  EXPECT_EQ(rotated->issuer_id(), "jack");

  // Both secrets act within the ceiling, not with all of jack's roles.
  for (const std::string& secret :
       {created->access_key(), rotated->access_key()}) {
    absl::StatusOr<v1::GetUserInfoResponse> info =
        server.ClientFor(secret).GetUserInfo();
    ASSERT_THAT(info, IsOk());
    EXPECT_THAT(info->permissions(), ElementsAre("read:databases"));
  }
  v1::ListAccessKeysRequest list;
  absl::StatusOr<v1::ListAccessKeysResponse> keys = jack.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  for (const v1::AccessKey& key : keys->access_keys()) {
    if (key.name() != "reader") continue;
    EXPECT_THAT(key.permission_ceiling().permissions(),
                ElementsAre("read:databases"));
    EXPECT_EQ(key.issuer_id(), "jack");
    EXPECT_EQ(key.previous_key_prefix(), created->key_prefix());
  }
}

// Rotating hands the new secret to the caller, so the key's ceiling must be
// within what the caller may do.
TEST(KeyRotationTest, RefusedWhenTheKeyMayDoMoreThanTheCaller) {
  ServerUnderTest server;
  Client admin = server.AdminClient();
  Client olga = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "olga", {"org-admin-user"}));
  // olga's key for user management only: write:user and what jack holds.
  v1::CreateAccessKeyRequest narrow;
  narrow.set_name("user-management");
  for (const char* permission :
       {"write:user", "read:user", "read:databases", "write:databases",
        "read:liked-queries", "write:liked-queries", "read:semantic-context",
        "write:semantic-context"}) {
    narrow.add_permissions(permission);
  }
  absl::StatusOr<v1::AccessKey> narrow_key = olga.CreateAccessKey(narrow);
  ASSERT_THAT(narrow_key, IsOk());
  Client olga_narrow = server.ClientFor(narrow_key->access_key());

  // jack's key, minted while jack was an admin, keeps admin-user's ceiling.
  ASSERT_THAT(admin.CreateUser(UserProto("jack", "t1", "", {"admin-user"})),
              IsOk());
  v1::CreateAccessKeyRequest create;
  create.set_name("deploy");
  create.set_user_id("jack");
  ASSERT_THAT(admin.CreateAccessKey(create), IsOk());
  ASSERT_THAT(admin.UpdateUser(UserProto("jack", "t1", "", {"user"}),
                               MaskOf({"roles"})),
              IsOk());

  v1::RotateAccessKeyRequest rotate;
  rotate.set_name("deploy");
  rotate.set_user_id("jack");
  EXPECT_THAT(olga_narrow.RotateAccessKey(rotate),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ListAccessKeysRequest list;
  list.set_user_id("jack");
  absl::StatusOr<v1::ListAccessKeysResponse> keys = admin.ListAccessKeys(list);
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_TRUE(keys->access_keys(0).previous_key_prefix().empty());
  // With her full key olga holds everything the key may do.
  EXPECT_THAT(olga.RotateAccessKey(rotate), IsOk());
}

}  // namespace
}  // namespace identity::testing
