// The one mapping from driver errors to statuses, exercised with the
// exceptions libpqxx throws, including those hard to provoke for real.
#include "storage/postgres/sql_errors.h"

#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/error_details.h"
#include "base/status_matchers.h"
#include "gtest/gtest.h"
#include "pqxx/pqxx"

namespace identity::postgres {
namespace {

using ::testing::Eq;

constexpr char kQuery[] = "INSERT INTO orgs VALUES ('secret-ish')";

pqxx::sql_error SqlError(const char* sqlstate) {
  return pqxx::sql_error("ERROR:  detail the caller must not see", kQuery,
                         sqlstate);
}

DriverError Map(const std::exception& error,
                absl::Time deadline = absl::InfiniteFuture()) {
  return FromDriverError(
      error,
      ErrorContext("org o1 already exists", "org o1 has tenants",
                   ErrorReason::kHasChildren),
      deadline);
}

TEST(FromDriverErrorTest, ConstraintViolationsUseTheContextsWords) {
  DriverError unique = Map(SqlError("23505"));
  EXPECT_THAT(unique.status, StatusIs(absl::StatusCode::kAlreadyExists,
                                      Eq("org o1 already exists")));
  EXPECT_THAT(unique.status, ErrorReasonIs("ALREADY_EXISTS"));
  EXPECT_FALSE(unique.retryable);
  EXPECT_FALSE(unique.connection_lost);

  const absl::Status foreign_key = Map(SqlError("23503")).status;
  EXPECT_THAT(foreign_key, StatusIs(absl::StatusCode::kFailedPrecondition,
                                    Eq("org o1 has tenants")));
  EXPECT_THAT(foreign_key, ErrorReasonIs("HAS_CHILDREN"));
}

TEST(FromDriverErrorTest, GenericWordsWithoutContext) {
  EXPECT_THAT(
      FromDriverError(SqlError("23505"), {}, absl::InfiniteFuture()).status,
      StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      FromDriverError(SqlError("23503"), {}, absl::InfiniteFuture()).status,
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(FromDriverErrorTest, BadValuesAreInvalidArguments) {
  for (const char* state : {"23514", "22P02", "22001", "22021", "2201W"}) {
    EXPECT_EQ(Map(SqlError(state)).status,
              absl::InvalidArgumentError("invalid value"))
        << state;
  }
}

TEST(FromDriverErrorTest, ConflictsAreRetryableAborts) {
  for (const DriverError& error :
       {Map(pqxx::serialization_failure("x")),
        Map(pqxx::deadlock_detected("x")), Map(SqlError("40001")),
        Map(SqlError("40P01"))}) {
    EXPECT_THAT(error.status, StatusIs(absl::StatusCode::kAborted));
    EXPECT_THAT(error.status, ErrorReasonIs("CONCURRENT_UPDATE"));
    EXPECT_TRUE(error.retryable);
    EXPECT_FALSE(error.connection_lost);
  }
}

TEST(FromDriverErrorTest, CancelledByTheDeadlineIsDeadlineExceeded) {
  EXPECT_EQ(Map(SqlError("57014"), absl::Now()).status,
            absl::DeadlineExceededError("deadline exceeded"));
  // Cancelled by someone else, with time left: not the caller's deadline.
  EXPECT_EQ(Map(SqlError("57014"), absl::Now() + absl::Minutes(1)).status,
            absl::InternalError("internal error"));
}

TEST(FromDriverErrorTest, ALockTimeoutIsAnAbortTheCallerRetries) {
  const DriverError error = Map(SqlError("55P03"));
  EXPECT_EQ(error.status.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReasonOf(error.status), "CONCURRENT_UPDATE");
  EXPECT_FALSE(error.retryable);
  EXPECT_FALSE(error.connection_lost);
}

TEST(FromDriverErrorTest, LostConnectionsAreRetryableUnavailable) {
  for (const DriverError& error :
       {Map(pqxx::broken_connection("server closed the connection")),
        Map(pqxx::too_many_connections("too many")),
        Map(pqxx::statement_completion_unknown("x")), Map(SqlError("08006")),
        Map(SqlError("57P01")), Map(SqlError("57P02")),
        Map(SqlError("57P03"))}) {
    EXPECT_THAT(error.status, StatusIs(absl::StatusCode::kUnavailable,
                                       Eq("database unavailable")));
    EXPECT_THAT(error.status, ErrorReasonIs("DATABASE_UNAVAILABLE"));
    EXPECT_TRUE(error.retryable);
    EXPECT_TRUE(error.connection_lost);
  }
}

TEST(FromDriverErrorTest, InDoubtCommitIsUnavailableAndNeverRetried) {
  DriverError error = Map(pqxx::in_doubt_error("lost during COMMIT"));
  EXPECT_THAT(error.status, StatusIs(absl::StatusCode::kUnavailable,
                                     Eq(kOutcomeUnknownMessage)));
  EXPECT_THAT(error.status, ErrorReasonIs("OUTCOME_UNKNOWN"));
  EXPECT_FALSE(error.retryable);
  EXPECT_TRUE(error.connection_lost);
}

TEST(FromCommitErrorTest, OnlyConflictsProveNothingWasCommitted) {
  for (const DriverError& error :
       {FromCommitError(pqxx::serialization_failure("x")),
        FromCommitError(pqxx::deadlock_detected("x")),
        FromCommitError(SqlError("40001")),
        FromCommitError(SqlError("40P01"))}) {
    EXPECT_EQ(error.status.code(), absl::StatusCode::kAborted);
    EXPECT_TRUE(error.retryable);
  }
}

TEST(FromCommitErrorTest, AnyOtherCommitErrorIsOutcomeUnknownAndNeverRetried) {
  // A lost connection is retryable before commit, but not during it.
  for (const DriverError& error :
       {FromCommitError(pqxx::broken_connection("closed during COMMIT")),
        FromCommitError(pqxx::in_doubt_error("lost during COMMIT")),
        FromCommitError(pqxx::statement_completion_unknown("x")),
        FromCommitError(SqlError("08006")), FromCommitError(SqlError("57P01")),
        FromCommitError(SqlError("23505")),
        FromCommitError(std::runtime_error("other"))}) {
    EXPECT_THAT(error.status, StatusIs(absl::StatusCode::kUnavailable,
                                       Eq(kOutcomeUnknownMessage)));
    EXPECT_THAT(error.status, ErrorReasonIs("OUTCOME_UNKNOWN"));
    EXPECT_FALSE(error.retryable);
    EXPECT_TRUE(error.connection_lost);
  }
  EXPECT_NE(
      FromCommitError(pqxx::broken_connection("x")).status,
      FromDriverError(pqxx::broken_connection("x"), {}, absl::InfiniteFuture())
          .status);
}

TEST(FromDriverErrorTest, AnythingElseIsInternalAndSaysNothingMore) {
  for (const DriverError& error :
       {Map(SqlError("42601")), Map(SqlError("25006")), Map(SqlError("")),
        Map(pqxx::usage_error("misuse")), Map(std::runtime_error("other"))}) {
    EXPECT_EQ(error.status, absl::InternalError("internal error"));
    EXPECT_FALSE(error.retryable);
    EXPECT_FALSE(error.connection_lost);
  }
}

// What the caller is not told goes to the log, which shares stderr with the
// JSON call log: every line there must be JSON.
TEST(FromDriverErrorTest, WhatIsLoggedIsOneJsonLinePerError) {
  std::ostringstream captured;
  std::streambuf* before = std::cerr.rdbuf(captured.rdbuf());
  Map(pqxx::in_doubt_error("lost during \"COMMIT\"\n"));
  Map(std::runtime_error("something else"));
  std::cerr.rdbuf(before);
  const std::vector<std::string> lines =
      absl::StrSplit(captured.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << captured.str();
  for (const std::string& line : lines) {
    EXPECT_TRUE(absl::StartsWith(line, "{\"time\":\"")) << line;
    EXPECT_TRUE(absl::EndsWith(line, "\"}")) << line;
    EXPECT_NE(line.find("\"level\":\"error\""), std::string::npos) << line;
  }
  EXPECT_NE(lines[0].find("lost during \\\"COMMIT\\\"\\n"), std::string::npos)
      << lines[0];
}

}  // namespace
}  // namespace identity::postgres
