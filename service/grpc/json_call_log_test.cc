#include "service/grpc/json_call_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "base/status_matchers.h"

namespace identity {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

FinishedCall ImpersonatedCall() {
  FinishedCall call;
  call.method = "/identity.v1.UserService/GetUserInfo";
  call.code = grpc::StatusCode::OK;
  call.start = absl::FromUnixMillis(1'700'000'000'123);
  call.latency = absl::Microseconds(1500);
  call.peer = "ipv4:127.0.0.1:5555";
  call.actor_id = "olga@globex.com";
  call.impersonated_user_id = "hank@globex.com";
  call.request_id = "req-1";
  return call;
}

TEST(JsonCallLogTest, LineHoldsEveryField) {
  EXPECT_EQ(JsonCallLog::LineOf(ImpersonatedCall()),
            R"({"time":"2023-11-14T22:13:20.123Z","level":"info",)"
            R"("method":"/identity.v1.UserService/GetUserInfo","code":"OK",)"
            R"("latency_ms":1.500,"peer":"ipv4:127.0.0.1:5555",)"
            R"("request_id":"req-1","actor":"olga@globex.com",)"
            R"("impersonated_user":"hank@globex.com"})");
}

TEST(JsonCallLogTest, LevelFollowsTheCode) {
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::OK), LogLevel::kInfo);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::UNAUTHENTICATED), LogLevel::kWarning);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::NOT_FOUND), LogLevel::kWarning);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::UNAVAILABLE), LogLevel::kError);
  EXPECT_EQ(LogLevelOf(grpc::StatusCode::INTERNAL), LogLevel::kError);
}

TEST(JsonCallLogTest, WritesOnlyFromTheMinimumLevel) {
  std::ostringstream out;
  JsonCallLog log(&out, LogLevel::kWarning);
  log.OnCallFinished(ImpersonatedCall());
  EXPECT_THAT(out.str(), IsEmpty());

  FinishedCall failed = ImpersonatedCall();
  failed.code = grpc::StatusCode::UNAUTHENTICATED;
  log.OnCallFinished(failed);
  EXPECT_THAT(out.str(), HasSubstr(R"("code":"UNAUTHENTICATED")"));
  EXPECT_EQ(out.str().back(), '\n');
}

TEST(JsonCallLogTest, EscapesWhatCouldBreakTheLine) {
  EXPECT_EQ(JsonString("a\"b\\c\nd\x01"), R"("a\"b\\c\nd\u0001")");
  FinishedCall call = ImpersonatedCall();
  call.peer = "evil\n{\"level\":\"error\"}";
  EXPECT_THAT(JsonCallLog::LineOf(call), Not(HasSubstr("\n")));
}

TEST(JsonCallLogTest, ParsesLevelsAndNamesTheFieldOtherwise) {
  EXPECT_THAT(ParseLogLevel("warning", "--log_level"),
              IsOkAndHolds(LogLevel::kWarning));
  absl::StatusOr<LogLevel> bad = ParseLogLevel("loud", "--log_level");
  EXPECT_THAT(bad.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("--log_level"));
}

}  // namespace
}  // namespace identity
