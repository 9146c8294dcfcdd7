// RotateAccessKey: a key gets a new secret while the old one keeps working
// for a grace period, then stops on every server without any call; the
// rotation shows in ListAccessKeys and in the audit trail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "google/protobuf/util/time_util.h"
#include "tests/e2e/server_under_test.h"

namespace identity::testing {
namespace {

using google::protobuf::util::TimeUtil;
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
  // The other server hears of it through the change feed (DESIGN §3: within
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

TEST(KeyRotationTest, NeedsTheSamePermissionsAsCreatingAKey) {
  ServerUnderTest server;
  // A "user" lacks write:access_key, so may not rotate its own key either.
  Client plain =
      server.ClientFor(server.CreateUserWithKey("o1", "t1", "plain", {"user"}));
  const std::string other_key =
      server.CreateUserWithKey("o1", "t1", "other", {"api-user"});
  Client other = server.ClientFor(other_key);

  EXPECT_THAT(plain.RotateAccessKey(Rotation("", absl::Hours(1))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Another user's key needs write:user over that user.
  EXPECT_THAT(other.RotateAccessKey(Rotation("plain", absl::Hours(1))),
              StatusIs(absl::StatusCode::kPermissionDenied));
  absl::StatusOr<v1::ListAccessKeysResponse> keys = plain.ListAccessKeys();
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->access_keys_size(), 1);
  EXPECT_TRUE(keys->access_keys(0).previous_key_prefix().empty());
}

TEST(KeyRotationTest, TheAuditTrailRecordsTheRotationWithoutSecrets) {
  ServerUnderTest server;
  Client jack = server.ClientFor(
      server.CreateUserWithKey("o1", "t1", "jack", {"api-user"}));
  absl::StatusOr<v1::AccessKey> rotated =
      jack.RotateAccessKey(Rotation("", absl::Hours(1)));
  ASSERT_THAT(rotated, IsOk());

  v1::ListAuditEventsRequest request;
  request.set_lookup_org_id("o1");
  request.set_resource_type("access_key");
  request.set_resource_id("jack/test-key");
  absl::StatusOr<v1::ListAuditEventsResponse> events =
      server.AdminClient().ListAuditEvents(request);
  ASSERT_THAT(events, IsOk());
  const v1::AuditEvent* rotation = nullptr;
  for (const v1::AuditEvent& event : events->events()) {
    if (event.method() == "/identity.v1.AccessKeyService/RotateAccessKey") {
      rotation = &event;
    }
  }
  ASSERT_NE(rotation, nullptr);
  EXPECT_EQ(rotation->actor_id(), "jack");
  EXPECT_EQ(rotation->outcome(), "OK");
  const auto& summary = rotation->summary().fields();
  EXPECT_EQ(summary.at("key_prefix").string_value(), rotated->key_prefix());
  EXPECT_EQ(summary.at("previous_key_prefix").string_value(),
            rotated->previous_key_prefix());
  EXPECT_EQ(summary.at("grace_period").string_value(), "1h");
  EXPECT_THAT(rotation->DebugString(),
              Not(::testing::HasSubstr(rotated->access_key())));
}

}  // namespace
}  // namespace identity::testing
