#include "storage/postgres/configured_transaction.h"

#include "gtest/gtest.h"

namespace identity::postgres {
namespace {

using ::identity::storage::Access;

TEST(BeginCommandTest, ReadWriteWithoutDeadlineIsPlainBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadWrite, {}), "BEGIN");
}

TEST(BeginCommandTest, ReadOnlyIsDeclaredWithBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadOnly, {}), "BEGIN READ ONLY");
}

TEST(BeginCommandTest, StatementTimeoutTravelsWithBegin) {
  EXPECT_EQ(
      BeginCommand(Access::kReadOnly, {/*statement_millis=*/250, std::nullopt}),
      "BEGIN READ ONLY; SET LOCAL statement_timeout = 250");
  EXPECT_EQ(
      BeginCommand(Access::kReadWrite, {/*statement_millis=*/1, std::nullopt}),
      "BEGIN; SET LOCAL statement_timeout = 1");
}

TEST(BeginCommandTest, LockTimeoutTravelsWithBegin) {
  EXPECT_EQ(BeginCommand(Access::kReadWrite, {/*statement_millis=*/30'000,
                                              /*lock_millis=*/5'000}),
            "BEGIN; SET LOCAL statement_timeout = 30000; "
            "SET LOCAL lock_timeout = 5000");
  EXPECT_EQ(
      BeginCommand(Access::kReadWrite, {std::nullopt, /*lock_millis=*/5'000}),
      "BEGIN; SET LOCAL lock_timeout = 5000");
}

}  // namespace
}  // namespace identity::postgres
