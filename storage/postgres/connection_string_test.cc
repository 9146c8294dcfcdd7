#include "storage/postgres/connection_string.h"

#include <libpq-fe.h>

#include <map>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace identity::postgres {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// The settings libpq reads from `conninfo`; {"error", ...} when it does not
// parse.
std::map<std::string, std::string> Parsed(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    std::map<std::string, std::string> failed = {
        {"error", error != nullptr ? error : ""}};
    PQfreemem(error);
    return failed;
  }
  std::map<std::string, std::string> parsed;
  for (PQconninfoOption* option = options; option->keyword != nullptr;
       ++option) {
    if (option->val != nullptr) parsed[option->keyword] = option->val;
  }
  PQconninfoFree(options);
  return parsed;
}

TEST(ConnectionStringTest, AddsSettingsToAUrl) {
  EXPECT_THAT(
      Parsed(ConnectionString("postgres://u@h:5432/db?sslmode=require",
                              absl::Milliseconds(1500))),
      ElementsAre(Pair("client_encoding", "UTF8"), Pair("connect_timeout", "2"),
                  Pair("dbname", "db"), Pair("host", "h"),
                  Pair("keepalives_count", "3"), Pair("keepalives_idle", "10"),
                  Pair("keepalives_interval", "5"), Pair("port", "5432"),
                  Pair("sslmode", "require"), Pair("tcp_user_timeout", "5000"),
                  Pair("user", "u")));
}

TEST(ConnectionStringTest, AddsSettingsToKeywordValues) {
  EXPECT_EQ(ConnectionString("host=h dbname=db", absl::Milliseconds(100)),
            "dbname='db' host='h' connect_timeout='1' client_encoding='UTF8' "
            "keepalives_idle='10' keepalives_interval='5' "
            "keepalives_count='3' tcp_user_timeout='5000'");
}

TEST(ConnectionStringTest, OverridesTheUrlsOwnTimeout) {
  EXPECT_EQ(Parsed(ConnectionString("dbname=x connect_timeout=100",
                                    absl::Seconds(3)))["connect_timeout"],
            "3");
}

// Found by connection_string_fuzzer: appended to the raw text, the settings
// became the value of a trailing "key=", were escaped by a trailing
// backslash, or went into the database name of a URL with a '?' in its
// password.
TEST(ConnectionStringTest, NoEndOfTheUrlSwallowsTheSettings) {
  for (const char* url :
       {"dbname=x connect_timeout=", "dbname=x password=a\\",
        "postgresql://u:p?q@h/db", "dbname='a b\\' c' user=a\\'b"}) {
    SCOPED_TRACE(url);
    std::map<std::string, std::string> original = Parsed(url);
    ASSERT_EQ(original.count("error"), 0u);
    std::map<std::string, std::string> parsed =
        Parsed(ConnectionString(url, absl::Seconds(3)));
    EXPECT_EQ(parsed["connect_timeout"], "3");
    EXPECT_EQ(parsed["keepalives_count"], "3");
    for (const auto& [keyword, value] : original) {
      if (keyword != "connect_timeout") {
        EXPECT_EQ(parsed[keyword], value) << keyword;
      }
    }
  }
}

TEST(ConnectionStringTest, LeavesAnUnparsableUrlForLibpqToReject) {
  EXPECT_EQ(ConnectionString("dbname='open", absl::Seconds(3)), "dbname='open");
}

}  // namespace
}  // namespace identity::postgres
