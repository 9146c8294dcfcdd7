#include "tests/e2e/server_under_test.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "base/status_matchers.h"
#include "service/auth/access_key_secret.h"
#include "tests/e2e/resource_builders.h"
#include "tests/harness/shared_postgres.h"

namespace identity::testing {
namespace {

// One bootstrap key for every ServerUnderTest of a binary, so that replicas
// on one database agree on the admin.
const std::string& BootstrapKey() {
  static const std::string* key =
      new std::string(AccessKeySecret::Generate().value());
  return *key;
}

}  // namespace

ServerUnderTest::ServerUnderTest() : ServerUnderTest(FreshDatabaseUrl()) {}

ServerUnderTest::ServerUnderTest(std::string database_url)
    : ServerUnderTest(std::move(database_url),
                      PostgresBackedServer::Options{}) {}

ServerUnderTest::ServerUnderTest(std::string database_url,
                                 PostgresBackedServer::Options options,
                                 Bootstrap bootstrap, const std::string& host)
    : database_url_(std::move(database_url)), admin_key_(BootstrapKey()) {
  options.server.listen_address = absl::StrCat(host, ":0");
  options.database_url = database_url_;
  options.database_pool_size = 4;
  options.bootstrap_admin_key =
      bootstrap == Bootstrap::kAdmin ? admin_key_ : "";
  absl::StatusOr<std::unique_ptr<PostgresBackedServer>> server =
      PostgresBackedServer::Start(options);
  if (!server.ok()) {
    std::cerr << "cannot start the server under test: " << server.status()
              << "\n";
    std::abort();
  }
  server_ = *std::move(server);
}

std::string ServerUnderTest::address() const {
  return absl::StrCat("127.0.0.1:", server_->server().port());
}

std::string ServerUnderTest::ipv6_address() const {
  return absl::StrCat("[::1]:", server_->server().port());
}

std::shared_ptr<grpc::Channel> ServerUnderTest::NewChannel() const {
  return grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
}

Client ServerUnderTest::AdminClient() const { return ClientFor(admin_key_); }

Client ServerUnderTest::ClientFor(std::string key) const {
  return Client(NewChannel(), std::move(key), absl::Seconds(30));
}

void ServerUnderTest::CreateOrgAndTenant(const std::string& org_id,
                                         const std::string& tenant_id) const {
  Client admin = AdminClient();
  absl::Status status = admin.CreateOrg(OrgProto(org_id)).status();
  EXPECT_THAT(status, ::testing::AnyOf(
                          IsOk(), StatusIs(absl::StatusCode::kAlreadyExists)));
  status = admin.CreateTenant(TenantProto(tenant_id, org_id)).status();
  EXPECT_THAT(status, ::testing::AnyOf(
                          IsOk(), StatusIs(absl::StatusCode::kAlreadyExists)));
}

std::string ServerUnderTest::CreateUserWithKey(
    const std::string& org_id, const std::string& tenant_id,
    const std::string& user_id, const std::vector<std::string>& roles) const {
  CreateOrgAndTenant(org_id, tenant_id);
  Client admin = AdminClient();
  absl::Status status =
      admin.CreateUser(UserProto(user_id, tenant_id, org_id, roles)).status();
  EXPECT_THAT(status, IsOk());
  v1::CreateAccessKeyRequest request;
  request.set_name("test-key");
  request.set_user_id(user_id);
  absl::StatusOr<v1::AccessKey> key = admin.CreateAccessKey(request);
  EXPECT_THAT(key, IsOk());
  return key.ok() ? key->access_key() : "";
}

}  // namespace identity::testing
