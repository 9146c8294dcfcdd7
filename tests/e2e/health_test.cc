// grpc.health.v1 tells the truth: readiness follows the database (stopped
// and started again under the server) and the drain on shutdown, while
// liveness stays SERVING as long as the process runs.
#include <gtest/gtest.h>

#include "base/status_matchers.h"
#include "tests/e2e/health_client.h"
#include "tests/e2e/server_under_test.h"
#include "tests/harness/postgres_server.h"
#include "tests/harness/shared_postgres.h"
#include "tests/harness/test_database.h"

namespace identity::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;
constexpr auto kServing = HealthCheckResponse::SERVING;
constexpr auto kNotServing = HealthCheckResponse::NOT_SERVING;
constexpr char kUserService[] = "identity.v1.UserService";

PostgresBackedServer::Options QuickChecks() {
  PostgresBackedServer::Options options;
  options.database_check_interval = absl::Milliseconds(100);
  return options;
}

TEST(HealthTest, ReadinessFollowsTheDatabaseAndLivenessStays) {
  PostgresServer postgres;
  TestDatabase database(postgres);
  ServerUnderTest server(database.url(), QuickChecks());
  HealthClient health(server.NewChannel());
  ASSERT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(10)));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));

  postgres.Stop();
  EXPECT_TRUE(health.AwaitStatus("", kNotServing, absl::Seconds(10)));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));

  postgres.Start();
  EXPECT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(15)));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kServing));
  EXPECT_THAT(server.AdminClient().GetUserInfo().status(), IsOk());
}

TEST(HealthTest, DrainingIsNotReadyButStillServes) {
  ServerUnderTest server(FreshDatabaseUrl(), QuickChecks());
  HealthClient health(server.NewChannel());
  ASSERT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(10)));

  server.server().server().readiness().StartDraining();

  EXPECT_THAT(health.Check(""), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));
  EXPECT_THAT(server.AdminClient().GetUserInfo().status(), IsOk());
}

TEST(HealthTest, UnknownServiceIsNotFound) {
  ServerUnderTest server;
  HealthClient health(server.NewChannel());
  EXPECT_THAT(health.Check("no.such.Service").status(),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace identity::testing
