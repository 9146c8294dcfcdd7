// TLS and mutual TLS end to end: certificates made with openssl at test
// time, the real server, real channels. Proves that TLS works, plaintext is
// refused, a client certificate of another CA is refused under mTLS, Envoy's
// Check admits authorizers by their certificates, and a rotated server
// certificate is served without a restart.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "base/status_matchers.h"
#include "client/client.h"
#include "client/tls_credentials.h"
#include "envoy/service/auth/v3/external_auth.grpc.pb.h"
#include "tests/e2e/server_under_test.h"
#include "tests/e2e/test_certificates.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

// A channel of its own (no subchannel shared with other channels, so no
// inherited reconnect backoff), verifying the server as "localhost".
std::shared_ptr<grpc::Channel> ChannelTo(
    const std::string& address,
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, std::move(credentials), args);
}

absl::Status UserInfoOver(const std::string& address,
                          std::shared_ptr<grpc::ChannelCredentials> credentials,
                          const std::string& key) {
  Client client(ChannelTo(address, std::move(credentials)), key,
                absl::Seconds(5));
  return client.GetUserInfo().status();
}

class TlsTest : public ::testing::Test {
 protected:
  TlsTest()
      : directory_(NewCertificateDirectory("identity-tls")),
        ca_(directory_, "ca"),
        other_ca_(directory_, "other-ca"),
        server_files_(ca_.Issue("server")) {}
  ~TlsTest() override { std::filesystem::remove_all(directory_); }

  PostgresBackedServer::Options TlsOptions() const {
    PostgresBackedServer::Options options;
    options.server.tls_cert_path = server_files_.cert_path;
    options.server.tls_key_path = server_files_.key_path;
    return options;
  }

  std::filesystem::path directory_;
  TestCertificateAuthority ca_;
  TestCertificateAuthority other_ca_;
  CertificateFiles server_files_;
};

TEST_F(TlsTest, ServesTlsAndRefusesPlaintext) {
  ServerUnderTest server(FreshDatabaseUrl(), TlsOptions());

  EXPECT_THAT(UserInfoOver(server.address(), ca_.ChannelCredentials(),
                           server.admin_key()),
              IsOk());
  EXPECT_THAT(UserInfoOver(server.address(), grpc::InsecureChannelCredentials(),
                           server.admin_key()),
              StatusIs(absl::StatusCode::kUnavailable));
  // A client that trusts another CA does not accept the server.
  EXPECT_THAT(UserInfoOver(server.address(), other_ca_.ChannelCredentials(),
                           server.admin_key()),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, ClientTlsFilesGiveWorkingCredentials) {
  ServerUnderTest server(FreshDatabaseUrl(), TlsOptions());
  ClientTlsFiles files;
  files.ca_path = ca_.cert_path();
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentialsFor(files);
  ASSERT_THAT(credentials.status(), IsOk());

  EXPECT_THAT(UserInfoOver(server.address(), *credentials, server.admin_key()),
              IsOk());
}

TEST_F(TlsTest, ClientTlsFilesRefuseHalfAPairAndMissingFiles) {
  ClientTlsFiles half;
  half.cert_path = server_files_.cert_path;
  EXPECT_THAT(ChannelCredentialsFor(half).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ClientTlsFiles missing;
  missing.ca_path = (directory_ / "absent.crt").string();
  EXPECT_THAT(ChannelCredentialsFor(missing).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(TlsTest, ServerRefusesToStartWithUnreadableFiles) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.tls_cert_path = (directory_ / "absent.crt").string();
  options.tls_key_path = server_files_.key_path;
  EXPECT_THAT(IdentityServer::Start(options, nullptr).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.tls_cert_path = "";
  options.tls_key_path = "";
  options.tls_client_ca_path = ca_.cert_path();
  EXPECT_THAT(IdentityServer::Start(options, nullptr).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Nor with Check authorizers it cannot recognize: a malformed range, or
  // certificate identities without mTLS to verify them.
  options.tls_client_ca_path = "";
  options.ext_authz_allowed_peers = "10.0.0.0/33";
  EXPECT_THAT(IdentityServer::Start(options, nullptr).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.ext_authz_allowed_peers = "";
  options.ext_authz_allowed_identities = "envoy.example.com";
  EXPECT_THAT(IdentityServer::Start(options, nullptr).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(TlsTest, MutualTlsRequiresAClientCertificateOfTheClientCa) {
  PostgresBackedServer::Options options = TlsOptions();
  options.server.tls_client_ca_path = ca_.cert_path();
  ServerUnderTest server(FreshDatabaseUrl(), options);
  const CertificateFiles good_client = ca_.Issue("client");
  const CertificateFiles foreign_client = other_ca_.Issue("client");

  EXPECT_THAT(
      UserInfoOver(server.address(), ca_.ChannelCredentials(&good_client),
                   server.admin_key()),
      IsOk());
  EXPECT_THAT(UserInfoOver(server.address(), ca_.ChannelCredentials(),
                           server.admin_key()),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(
      UserInfoOver(server.address(), ca_.ChannelCredentials(&foreign_client),
                   server.admin_key()),
      StatusIs(absl::StatusCode::kUnavailable));
}

// Under mTLS, Envoy's Check admits an authorizer by its certificate's
// identity (a subject alternative name: the test certificates name
// localhost), whatever its address; any other certificate is refused.
TEST_F(TlsTest, CheckAdmitsAuthorizersByTheirCertificatesIdentity) {
  const CertificateFiles envoy = ca_.Issue("envoy");
  for (const auto& [identities, admitted] :
       {std::pair<std::string, bool>{"envoy.example.com, localhost", true},
        std::pair<std::string, bool>{"envoy.example.com", false}}) {
    PostgresBackedServer::Options options = TlsOptions();
    options.server.tls_client_ca_path = ca_.cert_path();
    options.server.ext_authz_allowed_peers = "";
    options.server.ext_authz_allowed_identities = identities;
    ServerUnderTest server(FreshDatabaseUrl(), options);
    auto stub = envoy::service::auth::v3::Authorization::NewStub(
        ChannelTo(server.address(), ca_.ChannelCredentials(&envoy)));

    grpc::ClientContext context;
    envoy::service::auth::v3::CheckResponse response;
    const grpc::Status status = stub->Check(
        &context, envoy::service::auth::v3::CheckRequest(), &response);

    if (admitted) {
      EXPECT_TRUE(status.ok()) << status.error_message();
      EXPECT_EQ(response.denied_response().status().code(), 401);
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << identities;
    }
  }
}

TEST_F(TlsTest, RotatedCertificateIsServedWithoutRestart) {
  PostgresBackedServer::Options options = TlsOptions();
  options.server.tls_reload_interval = absl::Seconds(1);
  ServerUnderTest server(FreshDatabaseUrl(), options);
  TestCertificateAuthority new_ca(directory_, "new-ca");
  const CertificateFiles rotated = new_ca.Issue("server");
  // Before: only clients that trust the old CA get through.
  ASSERT_THAT(UserInfoOver(server.address(), ca_.ChannelCredentials(),
                           server.admin_key()),
              IsOk());
  ASSERT_THAT(UserInfoOver(server.address(), new_ca.ChannelCredentials(),
                           server.admin_key()),
              StatusIs(absl::StatusCode::kUnavailable));

  // What cert-manager does to a mounted Secret: new files in place.
  ReplaceFile(rotated.key_path, server_files_.key_path);
  ReplaceFile(rotated.cert_path, server_files_.cert_path);

  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  absl::Status with_new_ca;
  do {
    absl::SleepFor(absl::Milliseconds(200));
    with_new_ca = UserInfoOver(server.address(), new_ca.ChannelCredentials(),
                               server.admin_key());
  } while (!with_new_ca.ok() && absl::Now() < deadline);
  EXPECT_THAT(with_new_ca, IsOk());
  EXPECT_THAT(UserInfoOver(server.address(), ca_.ChannelCredentials(),
                           server.admin_key()),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace identity::testing
