// grpc.health.v1 tells the truth: readiness follows the database (stopped
// and started again under the server) and the drain on shutdown, while
// liveness stays SERVING as long as the process runs; on the identity port
// and on the plaintext health port alike.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "client/client.h"
#include "tests/e2e/health_client.h"
#include "tests/e2e/identityd_process.h"
#include "tests/e2e/server_under_test.h"
#include "tests/e2e/test_certificates.h"
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

// The plaintext health port (--health_listen) beside an identity port that
// requires mutual TLS: what kubelet's native gRPC probes, which speak
// plaintext only, ask. It reports the identity port's readiness and
// liveness, and serves nothing else.

std::shared_ptr<grpc::Channel> PlaintextChannel(int port) {
  return grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                             grpc::InsecureChannelCredentials());
}

// Calls `method` with an empty message and returns the call's status.
absl::StatusCode CallWithEmptyMessage(std::shared_ptr<grpc::Channel> channel,
                                      const std::string& method) {
  grpc::GenericStub stub(std::move(channel));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return static_cast<absl::StatusCode>(done.get_future().get().error_code());
}

class HealthPortTest : public ::testing::Test {
 protected:
  HealthPortTest()
      : directory_(NewCertificateDirectory("identity-health")),
        ca_(directory_, "ca"),
        server_files_(ca_.Issue("server")),
        client_files_(ca_.Issue("client")) {}
  ~HealthPortTest() override { std::filesystem::remove_all(directory_); }

  // mTLS on the identity port, plaintext health on a port of its own.
  PostgresBackedServer::Options MutualTlsWithHealthPort() const {
    PostgresBackedServer::Options options;
    options.server.tls_cert_path = server_files_.cert_path;
    options.server.tls_key_path = server_files_.key_path;
    options.server.tls_client_ca_path = ca_.cert_path();
    options.server.health_listen_address = "127.0.0.1:0";
    options.database_check_interval = absl::Milliseconds(100);
    return options;
  }

  std::filesystem::path directory_;
  TestCertificateAuthority ca_;
  CertificateFiles server_files_;
  CertificateFiles client_files_;
};

TEST_F(HealthPortTest, AnswersInPlaintextAndFollowsTheDatabase) {
  PostgresServer postgres;
  TestDatabase database(postgres);
  ServerUnderTest server(database.url(), MutualTlsWithHealthPort());
  const int health_port = server.server().server().health_port();
  ASSERT_NE(health_port, 0);
  ASSERT_NE(health_port, server.server().server().port());
  HealthClient health(PlaintextChannel(health_port));
  // The identity port refuses plaintext: a probe could not ask it.
  EXPECT_THAT(HealthClient(PlaintextChannel(server.server().server().port()))
                  .Check("")
                  .status(),
              StatusIs(absl::StatusCode::kUnavailable));

  ASSERT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(10)));
  EXPECT_THAT(health.Check("readiness"), IsOkAndHolds(kServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kServing));

  postgres.Stop();
  EXPECT_TRUE(health.AwaitStatus("", kNotServing, absl::Seconds(10)));
  EXPECT_THAT(health.Check("readiness"), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check(kUserService), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));

  postgres.Start();
  EXPECT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(15)));
  EXPECT_THAT(health.Check("readiness"), IsOkAndHolds(kServing));
  // The identity port still serves its clients, over mTLS only.
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  Client admin(
      grpc::CreateCustomChannel(server.address(),
                                ca_.ChannelCredentials(&client_files_), args),
      server.admin_key(), absl::Seconds(10));
  EXPECT_THAT(admin.GetUserInfo().status(), IsOk());
}

TEST_F(HealthPortTest, ServesNoOtherService) {
  ServerUnderTest server(FreshDatabaseUrl(), MutualTlsWithHealthPort());
  const int health_port = server.server().server().health_port();
  ASSERT_TRUE(HealthClient(PlaintextChannel(health_port))
                  .AwaitStatus("", kServing, absl::Seconds(10)));

  Client admin(PlaintextChannel(health_port), server.admin_key(),
               absl::Seconds(5));
  EXPECT_THAT(admin.GetUserInfo().status(),
              StatusIs(absl::StatusCode::kUnimplemented));
  // Nor reflection, which the identity port offers.
  EXPECT_EQ(CallWithEmptyMessage(PlaintextChannel(health_port),
                                 "/grpc.reflection.v1alpha.ServerReflection/"
                                 "ServerReflectionInfo"),
            absl::StatusCode::kUnimplemented);
}

TEST_F(HealthPortTest, DrainingIsNotReadyOnTheHealthPort) {
  ServerUnderTest server(FreshDatabaseUrl(), MutualTlsWithHealthPort());
  HealthClient health(PlaintextChannel(server.server().server().health_port()));
  ASSERT_TRUE(health.AwaitStatus("", kServing, absl::Seconds(10)));

  server.server().server().readiness().StartDraining();

  EXPECT_THAT(health.Check("readiness"), IsOkAndHolds(kNotServing));
  EXPECT_THAT(health.Check("liveness"), IsOkAndHolds(kServing));
}

TEST(HealthListenFlagTest, IdentitydServesHealthOnTheNamedPort) {
  const int health_port = FreePort();
  IdentitydProcess server(
      {FreshDatabaseUrl(),
       FreePort(),
       "",
       "",
       {absl::StrCat("--health_listen=127.0.0.1:", health_port),
        "--shutdown_drain_seconds=0"}});
  EXPECT_TRUE(HealthClient(PlaintextChannel(health_port))
                  .AwaitStatus("readiness", kServing, absl::Seconds(30)));
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace identity::testing
