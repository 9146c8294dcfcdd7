// A real identity server for end-to-end tests: PostgresBackedServer on a
// fresh database of the harness's PostgreSQL, listening on 127.0.0.1 port 0,
// bootstrapped with a super admin, and clients that call it over the socket.
//
//   ServerUnderTest server;
//   Client admin = server.AdminClient();
//   std::string key = server.CreateUserWithKey("o1", "t1", "jack", {"user"});
//   Client jack = server.ClientFor(key);
#ifndef IDENTITY_TESTS_E2E_SERVER_UNDER_TEST_H_
#define IDENTITY_TESTS_E2E_SERVER_UNDER_TEST_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "client/client.h"
#include "identityd/postgres_backed_server.h"

namespace identity::testing {

class ServerUnderTest {
 public:
  // Whether the server bootstraps the super admin at start (kNone: a
  // replica that meets the admin's key before another one creates it).
  enum class Bootstrap { kAdmin, kNone };

  // A server on a new database.
  ServerUnderTest();
  // A server on `database_url`, e.g. a second replica of another one.
  explicit ServerUnderTest(std::string database_url);
  // A server on `database_url` started with `options` (TLS, readiness
  // checks...); database, listen address and bootstrap are the fixture's.
  // It listens on `host`, port 0: "[::]" also takes IPv6 clients, so that
  // a test can call from two addresses (127.0.0.1 and ::1).
  ServerUnderTest(std::string database_url,
                  PostgresBackedServer::Options options,
                  Bootstrap bootstrap = Bootstrap::kAdmin,
                  const std::string& host = "127.0.0.1");

  const std::string& database_url() const { return database_url_; }
  // 127.0.0.1 and the port; ipv6_address: ::1 and the port (with host
  // "[::]").
  std::string address() const;
  std::string ipv6_address() const;
  const std::string& admin_key() const { return admin_key_; }

  // A client of the bootstrap super admin ("admin" in org and tenant "root").
  Client AdminClient() const;
  // A client carrying `key`; empty sends no authorization.
  Client ClientFor(std::string key) const;
  std::shared_ptr<grpc::Channel> NewChannel() const;
  PostgresBackedServer& server() { return *server_; }

  // Creates the org and its tenant through the admin, each unless it exists.
  // Fails the test on any other error.
  void CreateOrgAndTenant(const std::string& org_id,
                          const std::string& tenant_id) const;

  // Creates org, tenant (each unless it exists) and user with `roles`
  // through the admin, and returns a new access key of the user. Fails the
  // test on any error.
  std::string CreateUserWithKey(const std::string& org_id,
                                const std::string& tenant_id,
                                const std::string& user_id,
                                const std::vector<std::string>& roles) const;

 private:
  std::string database_url_;
  std::string admin_key_;
  std::unique_ptr<PostgresBackedServer> server_;
};

}  // namespace identity::testing

#endif  // IDENTITY_TESTS_E2E_SERVER_UNDER_TEST_H_
