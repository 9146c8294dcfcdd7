#include "storage/postgres/configured_transaction.h"

#include "gtest/gtest.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;

TEST(BeginCommandTest, ReadWriteWithoutDeadlineIsPlainBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadWrite, std::nullopt), "BEGIN");
}

TEST(BeginCommandTest, ReadOnlyIsDeclaredWithBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadOnly, std::nullopt), "BEGIN READ ONLY");
}

TEST(BeginCommandTest, StatementTimeoutTravelsWithBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadOnly, 250),
            "BEGIN READ ONLY; SET LOCAL statement_timeout = 250");
  EXPECT_EQ(BeginCommand(Access::kReadWrite, 1),
            "BEGIN; SET LOCAL statement_timeout = 1");
}

}  // namespace
}  // namespace identity::postgres
