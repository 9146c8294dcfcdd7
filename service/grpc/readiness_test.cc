#include "service/grpc/readiness.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace identity {
namespace {

// Records what would be served, as the default health service does.
class RecordingHealth : public grpc::HealthCheckServiceInterface {
 public:
  void SetServingStatus(const std::string& service, bool serving) override {
    statuses[service] = serving;
  }
  void SetServingStatus(bool serving) override {
    for (auto& [name, status] : statuses) status = serving;
  }
  void Shutdown() override {}

  std::map<std::string, bool> statuses;
};

TEST(ReadinessTest, ReadyOnlyWithLiveFeedAndHealthyDatabase) {
  RecordingHealth health;
  Readiness readiness({"identity.v1.OrgService"});
  readiness.Attach(&health);
  EXPECT_FALSE(health.statuses[""]);
  EXPECT_TRUE(health.statuses["liveness"]);

  readiness.SetFeedLive(true);
  EXPECT_FALSE(health.statuses[""]);
  readiness.SetDatabaseHealthy(true);
  EXPECT_TRUE(health.statuses[""]);
  EXPECT_TRUE(health.statuses["identity.v1.OrgService"]);
  EXPECT_TRUE(readiness.ready());

  readiness.SetFeedLive(false);
  EXPECT_FALSE(health.statuses[""]);
  EXPECT_FALSE(health.statuses["identity.v1.OrgService"]);
  EXPECT_TRUE(health.statuses["liveness"]);
  readiness.SetFeedLive(true);
  readiness.SetDatabaseHealthy(false);
  EXPECT_FALSE(health.statuses[""]);
  EXPECT_TRUE(health.statuses["liveness"]);
}

TEST(ReadinessTest, DrainingIsForGood) {
  RecordingHealth health;
  Readiness readiness({});
  readiness.Attach(&health);
  readiness.SetFeedLive(true);
  readiness.SetDatabaseHealthy(true);

  readiness.StartDraining();
  readiness.SetDatabaseHealthy(false);
  readiness.SetDatabaseHealthy(true);

  EXPECT_FALSE(health.statuses[""]);
  EXPECT_FALSE(readiness.ready());
  EXPECT_TRUE(health.statuses["liveness"]);
}

TEST(ReadinessTest, EveryAttachedServiceServesTheSameUntilDetached) {
  RecordingHealth identity_port;
  RecordingHealth health_port;
  Readiness readiness({"identity.v1.UserService"});
  readiness.Attach(&identity_port);
  readiness.SetFeedLive(true);
  readiness.SetDatabaseHealthy(true);

  readiness.Attach(&health_port);
  EXPECT_TRUE(health_port.statuses[""]);
  EXPECT_TRUE(health_port.statuses["readiness"]);
  EXPECT_TRUE(health_port.statuses["identity.v1.UserService"]);
  EXPECT_TRUE(health_port.statuses["liveness"]);

  readiness.SetDatabaseHealthy(false);
  EXPECT_FALSE(identity_port.statuses[""]);
  EXPECT_FALSE(health_port.statuses[""]);
  EXPECT_FALSE(health_port.statuses["readiness"]);

  readiness.Detach(&health_port);
  readiness.SetDatabaseHealthy(true);
  EXPECT_TRUE(identity_port.statuses[""]);
  EXPECT_FALSE(health_port.statuses[""]);
}

}  // namespace
}  // namespace identity
