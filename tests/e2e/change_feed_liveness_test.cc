// A replica whose change feed goes silent: its listener
// connection runs through a relay the test freezes, as a partition or a
// stuck proxy would, without closing anything. The replica must notice the
// silence through its missing heartbeats and stop trusting its cache, so
// that a key deleted through another replica is refused within a second.
#include <gtest/gtest.h>

#include <string>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/database_url.h"
#include "tests/harness/tcp_relay.h"

namespace identity::testing {
namespace {

TEST(ChangeFeedLivenessTest, AFrozenFeedStopsTheCacheWithinASecond) {
  ServerUnderTest first;
  const std::string key = first.CreateUserWithKey("o1", "t1", "jack", {"user"});
  TcpRelay relay(PortOfUrl(first.database_url()));
  PostgresBackedServer::Options options;
  options.feed_database_url = WithPort(first.database_url(), relay.port());
  ServerUnderTest second(first.database_url(), options);
  const Client jack_on_second = second.ClientFor(key);
  // The feed is live once its first heartbeat came through the relay; from
  // then on jack's key is served from the second replica's cache.
  absl::SleepFor(absl::Milliseconds(300));
  ASSERT_THAT(jack_on_second.GetUserInfo(), IsOk());
  ASSERT_THAT(jack_on_second.GetUserInfo(), IsOk());

  relay.Freeze();
  v1::DeleteAccessKeysRequest request;
  request.set_user_id("jack");
  request.add_names("test-key");
  ASSERT_THAT(first.AdminClient().DeleteAccessKeys(request), IsOk());
  const absl::Time deleted = absl::Now();

  absl::Status status = jack_on_second.GetUserInfo().status();
  while (status.ok() && absl::Now() - deleted < absl::Seconds(2)) {
    absl::SleepFor(absl::Milliseconds(10));
    status = jack_on_second.GetUserInfo().status();
  }
  const absl::Duration took = absl::Now() - deleted;
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_LT(took, absl::Seconds(1));
  relay.Heal();
}

}  // namespace
}  // namespace identity::testing
