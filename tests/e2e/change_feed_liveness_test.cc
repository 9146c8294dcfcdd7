// A replica whose change feed goes silent (issue 7, item 6): its listener
// connection runs through a relay the test freezes, as a partition or a
// stuck proxy would, without closing anything. The replica must notice the
// silence through its missing heartbeats and stop trusting its cache, so
// that a key deleted through another replica is refused within a second.
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/tcp_relay.h"

namespace identity::testing {
namespace {

// The port of a postgresql://user@host:port/db URL.
int PortOf(const std::string& url) {
  const size_t host = url.find('@') + 1;
  const size_t colon = url.find(':', host);
  const size_t slash = url.find('/', colon);
  int port = 0;
  EXPECT_TRUE(absl::SimpleAtoi(url.substr(colon + 1, slash - colon - 1), &port))
      << url;
  return port;
}

// `url` with its port replaced by `port`.
std::string WithPort(const std::string& url, int port) {
  const size_t host = url.find('@') + 1;
  const size_t colon = url.find(':', host);
  const size_t slash = url.find('/', colon);
  return absl::StrCat(url.substr(0, colon + 1), port, url.substr(slash));
}

TEST(ChangeFeedLivenessTest, AFrozenFeedStopsTheCacheWithinASecond) {
  ServerUnderTest first;
  const std::string key = first.CreateUserWithKey("o1", "t1", "jack", {"user"});
  TcpRelay relay(PortOf(first.database_url()));
  ServerUnderTest second(first.database_url(),
                         [&](PostgresBackedServer::Options& options) {
                           options.feed_database_url =
                               WithPort(first.database_url(), relay.port());
                         });
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
  relay.Thaw();
}

}  // namespace
}  // namespace identity::testing
