#include "tests/harness/shared_postgres.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "tests/harness/test_database.h"

namespace identity::testing {
namespace {

// A server started by someone else, known by a maintenance database's URL.
class ExternalServer final : public DatabaseServer {
 public:
  explicit ExternalServer(std::string url) : url_(std::move(url)) {}

  // The same URL with its path (the database name) replaced.
  std::string url(std::string_view dbname) const override {
    const size_t authority = url_.find("://");
    const size_t path = authority == std::string::npos
                            ? std::string::npos
                            : url_.find('/', authority + 3);
    const size_t query = url_.find('?');
    const std::string prefix =
        path != std::string::npos
            ? url_.substr(0, path)
            : url_.substr(0, std::min(query, url_.size()));
    const std::string suffix =
        query != std::string::npos ? url_.substr(query) : "";
    return prefix + "/" + std::string(dbname) + suffix;
  }

 private:
  const std::string url_;
};

std::unique_ptr<DatabaseServer> MakeSharedServer() {
  const char* url = std::getenv("IDENTITY_TEST_DATABASE_URL");
  if (url != nullptr && *url != '\0') {
    return std::make_unique<ExternalServer>(url);
  }
  return std::make_unique<PostgresServer>();
}

}  // namespace

const DatabaseServer& SharedPostgres() {
  // Destroyed at exit, which stops a private server.
  static const std::unique_ptr<DatabaseServer> server = MakeSharedServer();
  return *server;
}

std::string FreshDatabaseUrl() {
  const DatabaseServer& server = SharedPostgres();
  // Constructed after the server, so destroyed (dropping every database)
  // before it.
  static std::mutex mu;
  static std::vector<std::unique_ptr<TestDatabase>> databases;
  auto database = std::make_unique<TestDatabase>(server);
  std::string url = database->url();
  std::lock_guard<std::mutex> lock(mu);
  databases.push_back(std::move(database));
  return url;
}

}  // namespace identity::testing
