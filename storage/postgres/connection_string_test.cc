#include "storage/postgres/connection_string.h"

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace identity::postgres {
namespace {

constexpr char kSettings[] =
    "connect_timeout=2&client_encoding=UTF8&keepalives_idle=10"
    "&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=5000";

TEST(ConnectionStringTest, AppendsSettingsToAUrl) {
  EXPECT_EQ(ConnectionString("postgresql://u@h:5432/db", absl::Seconds(2)),
            std::string("postgresql://u@h:5432/db?") + kSettings);
  EXPECT_EQ(ConnectionString("postgres://h/db?sslmode=require",
                             absl::Milliseconds(1500)),
            std::string("postgres://h/db?sslmode=require&") + kSettings);
}

TEST(ConnectionStringTest, AppendsSettingsToKeywordValues) {
  EXPECT_EQ(ConnectionString("host=h dbname=db", absl::Milliseconds(100)),
            "host=h dbname=db connect_timeout=1 client_encoding=UTF8 "
            "keepalives_idle=10 keepalives_interval=5 keepalives_count=3 "
            "tcp_user_timeout=5000");
}

}  // namespace
}  // namespace identity::postgres
